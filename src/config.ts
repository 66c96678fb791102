// The one place that reads environment variables (and .env). Everything else takes options objects.
// Every variable is documented in .env.example.
import dotenv from "dotenv";
import { z } from "zod";

export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID";
  /** One line per problem, each starting with the variable's name. */
  readonly problems: string[];
  constructor(problems: string[]) {
    super(
      `onerun cannot start: the configuration has ${problems.length === 1 ? "a problem" : `${problems.length} problems`} ` +
        `(environment variables or .env):\n${problems.map((p) => `  ${p}`).join("\n")}\n` +
        `Every setting is explained in .env.example.`,
    );
    this.name = "ConfigError";
    this.problems = problems;
  }
}

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

// Values of these never appear in error messages: they end up in terminals and CI logs.
const SECRETS = new Set(["TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"]);

const text = z.string();
const pattern = (re: RegExp, error: string) => z.string().regex(re, { error });
const portError = { error: "must be a whole number between 1 and 65535" };
const port = (fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, portError)
    .transform(Number)
    .pipe(z.number().min(1, portError).max(65535, portError))
    .default(fallback);
const url = (protocols: RegExp, error: string) =>
  z.string().refine((s) => URL.canParse(s) && protocols.test(new URL(s).protocol), { error });

const Env = z
  .object({
    DATA_DIR: text.default("./data"),
    KNOWLEDGE_DIR: text.default("./knowledge"),
    LOG_LEVEL: z
      .string()
      .transform((s) => s.toLowerCase())
      .pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }))
      .optional(),
    TELEGRAM_BOT_TOKEN: pattern(/^\d+:[A-Za-z0-9_-]+$/, "must look like 123456789:AAH… (the token @BotFather gave you)").optional(),
    TELEGRAM_WEBHOOK_URL: url(/^https:$/, "must be a full https:// address that Telegram can reach").optional(),
    TELEGRAM_WEBHOOK_SECRET: pattern(/^[A-Za-z0-9_-]{1,256}$/, "must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -").optional(),
    TELEGRAM_API_ROOT: url(/^https?:$/, "must be a full http:// or https:// address").default("https://api.telegram.org"),
    PORT: port(3000),
    SLACK_BOT_TOKEN: pattern(/^xoxb-[A-Za-z0-9-]+$/, "must be a bot token starting with xoxb-").optional(),
    SLACK_HANDOFF_CHANNEL: pattern(/^[CG][A-Z0-9]{2,}$/, "must be a channel id like C0123ABCD (channel details → About → Channel ID)").optional(),
    SLACK_APP_TOKEN: pattern(/^xapp-[A-Za-z0-9-]+$/, "must be an app-level token starting with xapp-").optional(),
    SLACK_SIGNING_SECRET: pattern(/^\S+$/, "must be the signing secret from Basic Information, without spaces").optional(),
    SLACK_API_URL: url(/^https?:$/, "must be a full http:// or https:// address, like https://slack.com/api/").default("https://slack.com/api/"),
    SLACK_PORT: port(3001),
  })
  .transform((e) => ({
    dataDir: e.DATA_DIR,
    knowledgeDir: e.KNOWLEDGE_DIR,
    /** null when unset: info, or warn while someone chats at an interactive terminal (see defaultLogLevel). */
    logLevel: e.LOG_LEVEL ?? null,
    /** Citizens on Telegram; null: citizens use the terminal chat. */
    telegram: e.TELEGRAM_BOT_TOKEN
      ? {
          token: e.TELEGRAM_BOT_TOKEN,
          apiRoot: e.TELEGRAM_API_ROOT,
          /** null: long polling, which needs no public address. */
          webhook:
            e.TELEGRAM_WEBHOOK_URL && e.TELEGRAM_WEBHOOK_SECRET
              ? { url: e.TELEGRAM_WEBHOOK_URL, secret: e.TELEGRAM_WEBHOOK_SECRET, port: e.PORT }
              : null,
        }
      : null,
    /** Staff on Slack; null: staff use the terminal chat. */
    slack:
      e.SLACK_BOT_TOKEN && e.SLACK_HANDOFF_CHANNEL
        ? {
            botToken: e.SLACK_BOT_TOKEN,
            handoffChannel: e.SLACK_HANDOFF_CHANNEL,
            apiUrl: e.SLACK_API_URL,
            /** Socket Mode when an app token is set (it wins over the signing secret), else HTTP events. */
            mode: e.SLACK_APP_TOKEN
              ? ({ kind: "socket", appToken: e.SLACK_APP_TOKEN } as const)
              : ({ kind: "http", signingSecret: e.SLACK_SIGNING_SECRET ?? "", port: e.SLACK_PORT } as const),
          }
        : null,
  }));

export type Config = z.output<typeof Env>;

/** Every variable onerun reads. */
export const CONFIG_VARIABLES = Object.keys(Env.in.shape) as Array<keyof typeof Env.in.shape>;

/** LOG_LEVEL when set; otherwise info, but warn for an interactive terminal chat, where log lines would get in the way. */
export function defaultLogLevel(config: Config, terminalChat: { interactive: boolean }): LogLevel {
  return config.logLevel ?? (terminalChat.interactive && config.telegram === null ? "warn" : "info");
}
export type EnvVars = Record<string, string | undefined>;

/**
 * Reads the configuration. With no argument it first loads `.env` from the working directory into
 * process.env (variables already set win). Passing `env` (tests) reads only that object, unless
 * `envFile` names a file to load into it. Empty values count as unset.
 */
export function loadConfig(env: EnvVars = process.env, options: { envFile?: string } = {}): Config {
  const envFile = options.envFile ?? (env === process.env ? ".env" : undefined);
  const problems: string[] = [];
  if (envFile) {
    const { error } = dotenv.config({ path: envFile, processEnv: env, quiet: true });
    if (error && (error as NodeJS.ErrnoException).code !== "ENOENT") problems.push(`${envFile}: cannot be read (${error.message})`);
  }
  const names = CONFIG_VARIABLES;
  const given = Object.fromEntries(
    names.flatMap((name) => {
      const value = env[name]?.trim();
      return value ? [[name, value]] : [];
    }),
  );
  const parsed = Env.safeParse(given);
  for (const issue of parsed.error?.issues ?? []) {
    const name = String(issue.path[0] ?? "configuration");
    const value = given[name] ?? "";
    problems.push(`${name}: ${issue.message}${SECRETS.has(name) ? " (value not shown: it is a secret)" : `, got "${value}"`}`);
  }
  problems.push(...missingCompanions(new Set(Object.keys(given))));
  if (parsed.success && problems.length === 0) return parsed.data;
  throw new ConfigError(problems);
}

/** Settings that only work together: a half-configured Telegram or Slack is an error, not silently ignored. */
function missingCompanions(set: Set<string>): string[] {
  const problems: string[] = [];
  if (set.has("TELEGRAM_WEBHOOK_URL") && !set.has("TELEGRAM_BOT_TOKEN"))
    problems.push("TELEGRAM_BOT_TOKEN: missing; set TELEGRAM_BOT_TOKEN or unset TELEGRAM_WEBHOOK_URL");
  if (set.has("TELEGRAM_WEBHOOK_URL") && !set.has("TELEGRAM_WEBHOOK_SECRET"))
    problems.push(
      "TELEGRAM_WEBHOOK_SECRET: missing; a webhook needs a secret so nobody else can post to it " +
        "(or unset TELEGRAM_WEBHOOK_URL to use long polling)",
    );
  const slackVars = ["SLACK_BOT_TOKEN", "SLACK_HANDOFF_CHANNEL", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"];
  const slackSet = slackVars.filter((name) => set.has(name));
  if (slackSet.length === 0) return problems;
  const orUnset = `or unset ${slackSet.join(", ")}`;
  for (const name of ["SLACK_BOT_TOKEN", "SLACK_HANDOFF_CHANNEL"])
    if (!set.has(name)) problems.push(`${name}: missing; set ${name} ${orUnset}`);
  if (!set.has("SLACK_APP_TOKEN") && !set.has("SLACK_SIGNING_SECRET"))
    problems.push(
      "SLACK_APP_TOKEN: missing; set SLACK_APP_TOKEN (xapp-…, Socket Mode, needs no public address) " +
        `or SLACK_SIGNING_SECRET (HTTP events on SLACK_PORT), ${orUnset}`,
    );
  return problems;
}
