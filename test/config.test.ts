// Configuration: sensible defaults with nothing set, and a clear word about every bad value at once.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { CONFIG_VARIABLES, ConfigError, defaultLogLevel, loadConfig, type Config } from "../src/config.ts";

const TELEGRAM_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const SLACK = { SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_HANDOFF_CHANNEL: "C0123ABCD" };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect(err).toMatchObject({ code: "CONFIG_INVALID" });
    return (err as ConfigError).problems;
  }
  throw new Error("expected the configuration to be refused");
}

describe("loadConfig", () => {
  it("runs the terminal chat on the sample knowledge with data in ./data when nothing is set", () => {
    expect(loadConfig({})).toEqual<Config>({
      dataDir: "./data",
      knowledgeDir: "./knowledge",
      logLevel: null,
      telegram: null,
      slack: null,
    });
  });

  it("logs at info by default, but only warnings while someone chats at a terminal", () => {
    expect(defaultLogLevel(loadConfig({}), { interactive: false })).toBe("info");
    expect(defaultLogLevel(loadConfig({}), { interactive: true })).toBe("warn");
    expect(defaultLogLevel(loadConfig({ LOG_LEVEL: "DEBUG" }), { interactive: true })).toBe("debug");
    expect(defaultLogLevel(loadConfig({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN }), { interactive: true })).toBe("info");
  });

  it("treats empty values as unset, as a .env copied from .env.example has them", () => {
    expect(loadConfig({ DATA_DIR: "", PORT: "", SLACK_BOT_TOKEN: "  ", TELEGRAM_BOT_TOKEN: "" })).toEqual(loadConfig({}));
  });

  it("uses Telegram with long polling when only the bot token is set", () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN }).telegram).toEqual({
      token: TELEGRAM_TOKEN,
      apiRoot: "https://api.telegram.org",
      webhook: null,
    });
  });

  it("uses a Telegram webhook on PORT when a URL and secret are set", () => {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
      TELEGRAM_WEBHOOK_URL: "https://bot.example.org/telegram",
      TELEGRAM_WEBHOOK_SECRET: "s3cret_-x",
      PORT: "8443",
    });
    expect(config.telegram?.webhook).toEqual({ url: "https://bot.example.org/telegram", secret: "s3cret_-x", port: 8443 });
  });

  it("uses Slack Socket Mode when an app token is set, HTTP events when only a signing secret is", () => {
    expect(loadConfig({ ...SLACK, SLACK_APP_TOKEN: "xapp-1-A1-abc" }).slack).toEqual({
      botToken: "xoxb-1-2-abc",
      handoffChannel: "C0123ABCD",
      apiUrl: "https://slack.com/api/",
      mode: { kind: "socket", appToken: "xapp-1-A1-abc" },
    });
    expect(loadConfig({ ...SLACK, SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5" }).slack?.mode).toEqual({
      kind: "http",
      signingSecret: "8f742231b10e8888abcd99yyyzzz85a5",
      port: 3001,
    });
  });

  it("names the variable, what is wrong and the bad value", () => {
    expect(problemsOf({ PORT: "abc" })).toEqual(['PORT: must be a whole number between 1 and 65535, got "abc"']);
    expect(problemsOf({ SLACK_PORT: "70000" })).toEqual(['SLACK_PORT: must be a whole number between 1 and 65535, got "70000"']);
    expect(problemsOf({ LOG_LEVEL: "loud" })[0]).toMatch(/^LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent, got "loud"/);
  });

  it("reports every bad variable at once", () => {
    const problems = problemsOf({ PORT: "-1", LOG_LEVEL: "verbose", TELEGRAM_API_ROOT: "api.telegram.org" });
    expect(problems.map((p) => p.split(":")[0])).toEqual(["LOG_LEVEL", "TELEGRAM_API_ROOT", "PORT"]);
  });

  it("never repeats a secret in an error message", () => {
    const problems = problemsOf({ TELEGRAM_BOT_TOKEN: "my-secret-token", SLACK_BOT_TOKEN: "xoxp-user-token-secret", SLACK_HANDOFF_CHANNEL: "C1234", SLACK_APP_TOKEN: "xapp-1" });
    expect(problems.join("\n")).not.toContain("secret-token");
    expect(problems.join("\n")).not.toContain("my-secret");
    expect(problems[0]).toMatch(/^TELEGRAM_BOT_TOKEN: must look like 123456789:/);
    expect(problems[1]).toMatch(/^SLACK_BOT_TOKEN: must be a bot token starting with xoxb-/);
  });

  it("refuses a webhook that is not https or has no secret", () => {
    const problems = problemsOf({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_URL: "http://bot.example.org/hook" });
    expect(problems[0]).toMatch(/^TELEGRAM_WEBHOOK_URL: must be a full https:\/\/ address/);
    expect(problems[1]).toMatch(/^TELEGRAM_WEBHOOK_SECRET: missing/);
    expect(problemsOf({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_URL: "https://x.org", TELEGRAM_WEBHOOK_SECRET: "has spaces" })[0]).toMatch(
      /^TELEGRAM_WEBHOOK_SECRET: must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -/,
    );
  });

  it("refuses a half-configured Slack and says which variable to set or unset", () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: "xoxb-1-2", SLACK_APP_TOKEN: "xapp-1" })).toEqual([
      "SLACK_HANDOFF_CHANNEL: missing; set SLACK_HANDOFF_CHANNEL or unset SLACK_BOT_TOKEN, SLACK_APP_TOKEN",
    ]);
    expect(problemsOf({ SLACK_HANDOFF_CHANNEL: "C0123ABCD", SLACK_APP_TOKEN: "xapp-1" })[0]).toMatch(
      /^SLACK_BOT_TOKEN: missing; set SLACK_BOT_TOKEN or unset/,
    );
    expect(problemsOf(SLACK)[0]).toMatch(/^SLACK_APP_TOKEN: missing; set SLACK_APP_TOKEN .* or SLACK_SIGNING_SECRET/);
  });

  it("refuses a Slack channel name where a channel id is needed", () => {
    expect(problemsOf({ ...SLACK, SLACK_HANDOFF_CHANNEL: "#handoff", SLACK_APP_TOKEN: "xapp-1" })[0]).toBe(
      'SLACK_HANDOFF_CHANNEL: must be a channel id like C0123ABCD (channel details → About → Channel ID), got "#handoff"',
    );
  });

  it("reads a .env file, with variables already set winning over it", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "onerun-env-"));
    try {
      const envFile = path.join(dir, ".env");
      await writeFile(envFile, "# comment\nDATA_DIR=/srv/onerun\nLOG_LEVEL=debug\nPORT=\n");
      const config = loadConfig({ LOG_LEVEL: "warn" }, { envFile });
      expect([config.dataDir, config.logLevel]).toEqual(["/srv/onerun", "warn"]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("documents every variable, with a comment, in .env.example", () => {
    const example = readFileSync(path.join(import.meta.dirname, "..", ".env.example"), "utf8");
    for (const name of CONFIG_VARIABLES) expect(example).toMatch(new RegExp(`#[^\\n]*\\n${name}=`));
    // Copied to .env unchanged, it must start the bot exactly like no .env at all.
    const copied = Object.fromEntries(example.split("\n").flatMap((line) => (/^[A-Z_]+=/.test(line) ? [line.split("=")] : [])));
    expect(loadConfig(copied)).toEqual(loadConfig({}));
  });

  it("is fine without a .env file", () => {
    expect(loadConfig({}, { envFile: path.join(os.tmpdir(), "no-such-dir-onerun", ".env") }).dataDir).toBe("./data");
  });
});
