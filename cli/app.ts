// Wires the bot together from a Config: knowledge (watched), matcher, store, adapters and core.
// Kept apart from start.ts so a test can run the whole app on temp folders and in-memory streams.
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import { createConsoleAdapter, type ConsoleAdapter } from "../adapters/console/index.ts";
import { createSlackAdapter } from "../adapters/slack/index.ts";
import { createTelegramAdapter } from "../adapters/telegram/index.ts";
import type { Config } from "../src/config.ts";
import type { Adapter, Announcement, Core, Loaded } from "../src/core/api.ts";
import { createCore, type CoreExtras } from "../src/core/core.ts";
import type { CitizenChannel, Clock, Logger, StaffNotifier } from "../src/core/ports.ts";
import { formatReport } from "../src/knowledge/problems.ts";
import type { Knowledge, Lang } from "../src/knowledge/schema.ts";
import { watchKnowledge } from "../src/knowledge/watch.ts";
import { createLogger } from "../src/log.ts";
import { buildMatcher } from "../src/match/match.ts";
import type { Matcher } from "../src/match/types.ts";
import { openLowdbStore } from "../src/store/lowdb.ts";

export type AppIO = {
  /** The terminal chat's keyboard and screen. */
  input: Readable;
  output: Writable;
  /** Default: pino on stderr at config.logLevel (info when unset). */
  log?: Logger;
  /** Default: the system clock. */
  clock?: Clock;
  /** Knowledge reload debounce. Default 300 ms. */
  debounceMs?: number;
};

export type App = {
  core: Core;
  /** Which adapter serves citizens and which serves staff, e.g. { citizens: "console", staff: "slack" }. */
  roles: { citizens: string[]; staff: string };
  /**
   * Resolves when the person at the terminal quits, when the terminal is the only way in for citizens.
   * Never resolves otherwise: then only a signal stops the bot.
   */
  finished: Promise<void>;
  /** Resolves if a channel can no longer serve citizens (Telegram polling gave up): the bot should stop. */
  failed: Promise<Error>;
  /** Stops adapters and core, closes the store (releasing its lock) and the knowledge watcher. Idempotent. */
  stop(): Promise<void>;
};

/** Starts everything; on a failure part-way, whatever already started is stopped again before rethrowing. */
export async function createApp(config: Config, io: AppIO): Promise<App> {
  const log = io.log ?? createLogger(config.logLevel ?? "info");
  const cleanup: Array<() => Promise<void> | void> = [];
  const undo = async () => {
    for (const step of cleanup.splice(0).reverse()) {
      try {
        await step();
      } catch (err) {
        log.error({ err }, "error while stopping");
      }
    }
  };

  // The language staff are addressed in, by Slack and by the core's confirmations alike. There is no
  // setting for it yet (config.ts has none), so it is English.
  const staffLang: Lang = "en";

  try {
    // Knowledge notices go through the core's outbox, so one is not lost while Slack is down. The
    // core is created below; a notice that comes before it waits here until the core has started.
    let core: (Core & CoreExtras) | undefined;
    const early: Announcement[] = [];
    const tellStaff = (notice: Announcement) => {
      if (!core) return void early.push(notice);
      void core.announce(notice).catch((err: unknown) => log.error({ err, notice: notice.type }, "could not queue a notice for staff"));
    };

    // A matcher per knowledge version, built once: reloads swap both together.
    const matchers = new WeakMap<Knowledge, Matcher>();
    const matcherFor = (knowledge: Knowledge) => {
      let matcher = matchers.get(knowledge);
      if (!matcher) matchers.set(knowledge, (matcher = buildMatcher(knowledge)));
      return matcher;
    };
    const watch = await watchKnowledge({
      dir: config.knowledgeDir,
      ...(io.debounceMs !== undefined ? { debounceMs: io.debounceMs } : {}),
      onReload(knowledge, report) {
        matcherFor(knowledge);
        log.info({ procedures: knowledge.procedures.length, warnings: report.warnings.length }, "knowledge reloaded");
        tellStaff({ type: "knowledge-reloaded", report: formatReport(report) || `${knowledge.procedures.length} procedures, no problems.` });
      },
      onRejected(report) {
        // A broken edit never stops the bot: the last good knowledge stays in service.
        log.warn({ errors: report.errors.length }, "knowledge edit refused; still serving the last good version");
        tellStaff({ type: "knowledge-invalid", report: formatReport(report) });
      },
      onError: (err) => log.error({ err }, "knowledge reload listener failed"),
    });
    cleanup.push(() => watch.close());
    const knowledge = (): Loaded => {
      const current = watch.current();
      return { knowledge: current, matcher: matcherFor(current) };
    };
    knowledge();

    const store = await openLowdbStore({ dir: config.dataDir });
    cleanup.push(() => store.close());

    const adapters: Adapter[] = [];
    const channels: Record<string, CitizenChannel> = {};
    const telegram = config.telegram
      ? createTelegramAdapter({
          token: config.telegram.token,
          apiRoot: config.telegram.apiRoot,
          webhook: config.telegram.webhook,
          log,
        })
      : null;
    if (telegram) {
      adapters.push(telegram);
      channels[telegram.name] = telegram;
    }
    const slack = config.slack
      ? createSlackAdapter({
          botToken: config.slack.botToken,
          channel: config.slack.handoffChannel,
          apiUrl: config.slack.apiUrl,
          ...(config.slack.mode.kind === "socket"
            ? { appToken: config.slack.mode.appToken }
            : { signingSecret: config.slack.mode.signingSecret, port: config.slack.mode.port }),
          lang: staffLang,
          log,
          ...(io.clock ? { clock: io.clock } : {}),
        })
      : null;
    if (slack) adapters.push(slack);
    // The terminal chat fills whichever side has no platform configured.
    let terminal: ConsoleAdapter | null = null;
    if (!telegram || !slack) {
      terminal = createConsoleAdapter({ input: io.input, output: io.output, serves: { citizens: !telegram, staff: !slack } });
      adapters.push(terminal);
      if (!telegram) channels[terminal.name] = terminal;
    }
    const staff: StaffNotifier | null = slack ?? terminal;
    if (!staff) throw new Error("unreachable: no staff side");

    const started = createCore({
      knowledge,
      store,
      channels,
      staff,
      log,
      ...(io.clock ? { clock: io.clock } : {}),
      draftsDir: path.join(config.knowledgeDir, "drafts"),
      staffLang,
    });
    // Cleanup runs in reverse: adapters stop taking events first, then the core cancels its timers
    // (notices it could not send stay in the stored outbox for the next start).
    cleanup.push(() => started.stop());
    for (const adapter of adapters) {
      await adapter.start(started);
      cleanup.push(() => adapter.stop());
    }
    await started.start();
    core = started;
    for (const notice of early.splice(0)) tellStaff(notice);

    const roles = { citizens: Object.keys(channels), staff: slack ? "slack" : "console" };
    log.info({ citizens: roles.citizens, staff: roles.staff, dataDir: config.dataDir, knowledgeDir: config.knowledgeDir }, "onerun started");

    let stopping: Promise<void> | undefined;
    const stop = () => (stopping ??= undo().then(() => log.info({}, "onerun stopped")));
    // Without Telegram the terminal is the only way in: closing it ends the bot. With Telegram the
    // terminal only serves staff, and a closed stdin (a service manager) must not stop the bot.
    const finished = telegram || !terminal ? new Promise<void>(() => {}) : terminal.closed;
    if (telegram && terminal) void terminal.closed.then(() => log.warn({}, "terminal closed: staff commands are unavailable until restart"));
    const failed = telegram ? telegram.failed : new Promise<Error>(() => {});
    return { core: started, roles, finished, failed, stop };
  } catch (err) {
    await undo();
    throw err;
  }
}
