// The staff side in Slack: handoff pings with live status, replies from the thread, reassign, resolve
// and "Add to knowledge". Socket Mode when an app token is given, otherwise Slack's HTTP request URL.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, webApi, type Authorize, type Logger as BoltLogger, type Receiver } from "@slack/bolt";
import type { Adapter, Core } from "../../src/core/api.ts";
import { systemClock } from "../../src/core/clock.ts";
import type { Clock, Logger, StaffNotifier } from "../../src/core/ports.ts";
import type { Lang } from "../../src/knowledge/schema.ts";
import { createRecentSet, slackErrorCode, type SlackContext } from "./context.ts";
import { registerListeners } from "./listeners.ts";
import { createNotifier } from "./notify.ts";

export type SlackAdapterOptions = {
  /** Bot token, xoxb-… (OAuth & Permissions). */
  botToken: string;
  /** Id of the handoff channel (C…), where pings are posted. The bot must be a member to see thread replies. */
  channel: string;
  /** App-level token, xapp-…: use Socket Mode (no public URL needed). */
  appToken?: string;
  /** Signing secret (Basic Information): required without `appToken`, to verify Slack's HTTP requests. */
  signingSecret?: string;
  /** HTTP receiver port. Default 3001 (as SLACK_PORT), leaving 3000 to a Telegram webhook. Slack posts to http(s)://<host>:<port>/slack/events. */
  port?: number;
  /** HTTP receiver bind address. Default: all interfaces. */
  host?: string;
  /** Web API base URL. Default "https://slack.com/api/"; GovSlack and some Enterprise Grid set another. */
  apiUrl?: string;
  /** Default: silent. */
  log?: Logger;
  /** Default: the system clock. Decides "overdue" in the status line. */
  clock?: Clock;
  /** Retry failed Web API calls a few times with backoff. Default true; tests turn it off. */
  retries?: boolean;
  /** Language of procedure titles and staff names shown in Slack. Default "en". */
  lang?: Lang;
};

export type SlackAdapter = Adapter &
  StaffNotifier & {
    /** The HTTP receiver's port once started (useful with port 0), else undefined. */
    port(): number | undefined;
    /** Resolves when every Slack request received so far has been fully handled. */
    idle(): Promise<void>;
  };

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

const configError = (message: string) => Object.assign(new Error(message), { code: "SLACK_CONFIG" });

export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  if (!options.botToken) throw configError("Slack needs a bot token (xoxb-…): set SLACK_BOT_TOKEN.");
  if (!options.channel) throw configError("Slack needs the handoff channel id (C…): set SLACK_HANDOFF_CHANNEL.");
  if (!options.appToken && !options.signingSecret) {
    throw configError("Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (request URL). Set one of them.");
  }
  const log = options.log ?? silent;
  const logger = boltLogger(log);
  // The core's outbox retries for as long as Slack is down; the client only smooths over brief hiccups.
  const retryConfig = options.retries === false ? { retries: 0 } : { retries: 3, factor: 2, minTimeout: 1000, maxTimeout: 10_000 };
  const clientOptions = { slackApiUrl: options.apiUrl ?? "https://slack.com/api/", retryConfig, timeout: 15_000, logger };
  const client = new webApi.WebClient(options.botToken, clientOptions);

  let core: Core | undefined;
  const ctx: SlackContext = {
    client,
    channel: options.channel,
    core: () => core,
    log,
    clock: options.clock ?? systemClock,
    lang: options.lang ?? "en",
    fromThread: createRecentSet(200),
  };
  const { notify } = createNotifier(ctx);

  // Who the bot is (to ignore its own messages). Asked lazily and never blocking: if Slack is down at
  // start-up the app still starts, and events are still acknowledged in time.
  let identity: Identity = {};
  let asking: Promise<void> | undefined;
  const learnIdentity = () => {
    if (identity.botId || asking) return;
    asking = client.auth
      .test()
      .then((r) => void (identity = identityOf(r)))
      .catch((error: unknown) => log.warn({ err: String(error) }, "slack: auth.test failed; will ask again"))
      .finally(() => (asking = undefined));
  };
  /** At start-up: a rejected bot token stops the bot with a clear message; an unreachable Slack does not. */
  async function checkBotToken(): Promise<void> {
    const probe = new webApi.WebClient(options.botToken, { ...clientOptions, retryConfig: { retries: 0 }, timeout: 5_000 });
    try {
      const r = await probe.auth.test();
      identity = identityOf(r);
    } catch (error) {
      const code = slackErrorCode(error);
      if (code && AUTH_ERRORS.has(code)) {
        throw Object.assign(
          new Error(`Slack refused the bot token (${code}). Check SLACK_BOT_TOKEN: OAuth & Permissions → Bot User OAuth Token (xoxb-…); reinstall the app if it was revoked.`),
          { code: "SLACK_AUTH" },
        );
      }
      log.warn({ err: code ?? String(error) }, "slack: cannot reach Slack at start-up; pings wait in the outbox until it answers");
    }
  }
  const authorize: Authorize<boolean> = async () => {
    learnIdentity();
    return { botToken: options.botToken, ...identity };
  };

  // Without a retryConfig the Socket Mode client keeps asking for a connection URL for a long while.
  const socketClientOptions = { slackApiUrl: clientOptions.slackApiUrl, logger, ...(options.retries === false ? { retryConfig } : {}) };
  const receiver: Receiver = options.appToken
    ? new SocketModeReceiver({ appToken: options.appToken, logger, installerOptions: { clientOptions: socketClientOptions } })
    : new HTTPReceiver({ signingSecret: options.signingSecret ?? "", logger, processBeforeResponse: false });
  const app = new App({ receiver, authorize, clientOptions, logger });

  // Slack retries an event it thinks we missed (x-slack-retry-num); the event_id stays the same.
  const seen = createRecentSet(1000);
  app.use(async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === "string") {
      if (seen.has(eventId)) {
        log.info({ eventId, retryNum: context.retryNum }, "slack: duplicate event ignored");
        return;
      }
      seen.add(eventId);
    }
    await next();
  });
  // Track each request from the moment the receiver hands it over, so stop() and tests can wait for the
  // work that continues after the acknowledgement.
  const inFlight = new Set<Promise<unknown>>();
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) => {
    const work = processEvent(event);
    inFlight.add(work);
    void work.catch(() => undefined).finally(() => inFlight.delete(work));
    return work;
  };
  app.error(async (error) => {
    log.error({ code: error.code, err: error.message }, "slack: a listener failed");
  });
  registerListeners(app, ctx);

  let server: Server | undefined;
  let started = false;
  let retryTimer: unknown;
  let retryDelay = 5_000;

  /** Socket Mode: a bad token stops start-up; Slack being unreachable does not (we keep trying). */
  async function connectSocket(): Promise<void> {
    try {
      await app.start();
      retryDelay = 5_000;
      log.info({ mode: "socket" }, "slack: connected");
    } catch (error) {
      const code = slackErrorCode(error);
      if (code && AUTH_ERRORS.has(code)) {
        throw Object.assign(
          new Error(`Slack refused the app-level token (${code}). Check SLACK_APP_TOKEN: Basic Information → App-Level Tokens, scope connections:write.`),
          { code: "SLACK_AUTH" },
        );
      }
      log.warn({ err: code ?? String(error), retryInMs: retryDelay }, "slack: cannot connect (Socket Mode); retrying. Notices wait in the outbox.");
      retryTimer = ctx.clock.setTimeout(() => {
        retryTimer = undefined;
        if (started) void connectSocket().catch((e: unknown) => log.error({ err: String(e) }, "slack: giving up on Socket Mode"));
      }, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 60_000);
    }
  }

  async function listen(): Promise<void> {
    const port = options.port ?? 3001;
    try {
      server = (await app.start({ port, ...(options.host ? { host: options.host } : {}) })) as Server;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
        throw Object.assign(new Error(`Port ${port} is already in use. Stop the other program or set SLACK_PORT to a free port.`), {
          code: "SLACK_PORT_IN_USE",
        });
      }
      throw error;
    }
  }

  return {
    name: "slack",
    notify,
    async start(c) {
      core = c;
      started = true;
      try {
        await checkBotToken();
        await (options.appToken ? connectSocket() : listen());
      } catch (error) {
        started = false;
        throw error;
      }
      log.info({ mode: options.appToken ? "socket" : "http", port: this.port() }, "slack: adapter started");
    },
    async stop() {
      if (!started) return;
      started = false;
      if (retryTimer !== undefined) ctx.clock.clearTimeout(retryTimer);
      await app.stop().catch((error: unknown) => log.debug({ err: String(error) }, "slack: stop"));
      await Promise.allSettled([...inFlight]);
      server = undefined;
    },
    port: () => (server?.address() as AddressInfo | null)?.port,
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

type Identity = { botId?: string; botUserId?: string };
const identityOf = (r: { bot_id?: string; user_id?: string }): Identity => ({
  ...(r.bot_id ? { botId: r.bot_id } : {}),
  ...(r.user_id ? { botUserId: r.user_id } : {}),
});

const AUTH_ERRORS = new Set(["not_authed", "invalid_auth", "account_inactive", "token_revoked", "user_removed_from_team", "team_disabled"]);

/** Bolt and the Web API client log through our logger. */
function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const line = (msgs: unknown[]) => msgs.map((m) => (m instanceof Error ? m.message : typeof m === "string" ? m : JSON.stringify(m))).join(" ");
  return {
    debug: (...msgs) => log.debug({ lib: "slack" }, line(msgs)),
    info: (...msgs) => log.info({ lib: "slack" }, line(msgs)),
    warn: (...msgs) => log.warn({ lib: "slack" }, line(msgs)),
    error: (...msgs) => log.error({ lib: "slack" }, line(msgs)),
    setLevel: (l) => void (level = l),
    getLevel: () => level,
    setName: () => {},
  };
}
