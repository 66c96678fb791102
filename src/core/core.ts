// Wiring: one entry point for every event, one pump that fires due ticket timers and drains the
// outbox, one clock timer for whatever is due next.
import type { Announcement, Core, CoreOptions } from "./api.ts";
import { systemClock } from "./clock.ts";
import { findTicket, replaceTicket, type Ctx } from "./context.ts";
import type { Data, Ticket } from "./data.ts";
import { handleCitizen } from "./dialog.ts";
import type { HandleResult, IncomingEvent } from "./events.ts";
import { ticketNotice } from "./handoff.ts";
import { enqueueNotice, flushOutbox } from "./outbox.ts";
import type { Logger } from "./ports.ts";
import { handleStaff } from "./staff.ts";
import { escalationTargets, fireDue, isOpen, nextDue } from "./tickets.ts";
import { createScheduler, earliestDue } from "./timers.ts";
import { within } from "./within.ts";

/** How long `handle` waits for the sends its event queued before returning anyway. */
const REPLY_WAIT_MS = 5_000;

/** When the store itself fails while sending, wait this long before trying again. */
const RETRY_AFTER_FAILURE_MS = 60_000;

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export type CoreExtras = {
  /** Resolves once everything started so far (sends, retries due now) has finished: for tests and shutdown. */
  idle(): Promise<void>;
  /** See `Core.announce`; always present on the real core. */
  announce(notice: Announcement): Promise<void>;
};

export function createCore(options: CoreOptions): Core & CoreExtras {
  const { store, channels, staff } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? silent;
  const draftsDir = options.draftsDir ?? "knowledge/drafts";
  const staffLang = options.staffLang ?? "en";
  let stopped = false;

  const scheduler = createScheduler(clock, () => void pump());

  /** Reminders and escalations that are due, each with its notice, in one write. */
  async function fireTimers(): Promise<void> {
    const now = clock.now();
    const due = store.read((d) => d.tickets.some((x) => (nextDue(x) ?? Infinity) <= now));
    if (!due) return;
    const { knowledge } = options.knowledge();
    await store.update((data) => {
      for (const ticket of data.tickets) {
        const { ticket: changed, fired } = fireDue(ticket, now);
        if (fired.length === 0) continue;
        replaceTicket(data, changed);
        for (const kind of fired) {
          const owner = knowledge.staffById.get(changed.ownerId);
          const targets = kind === "escalated" && owner ? escalationTargets(owner) : [];
          const mention = targets.length > 0 ? targets : [changed.ownerId];
          enqueueNotice(data, ticketNotice(kind, changed, mention), now);
          log.info({ ticketId: changed.id, kind, mention }, "ticket timer fired");
        }
      }
    });
  }

  function onUnreachable(data: Data, ticket: Ticket, now: number): void {
    enqueueNotice(data, ticketNotice("delivery-failed", ticket, [ticket.ownerId]), now);
  }

  async function pumpOnce(): Promise<void> {
    if (stopped) return;
    let failed = false;
    try {
      await fireTimers();
      await flushOutbox({ store, staff, channels, log, clock, onUnreachable });
    } catch (err) {
      // E.g. the disk is full: try again in a while rather than never.
      failed = true;
      log.error({ err: String(err) }, "sending or firing timers failed");
    }
    if (stopped) return;
    const due = store.read(earliestDue);
    scheduler.schedule(failed && due !== null ? Math.max(due, clock.now() + RETRY_AFTER_FAILURE_MS) : due);
  }

  // Runs one after another; calls made while one waits its turn share the next run.
  let tail: Promise<void> = Promise.resolve();
  let queued: Promise<void> | null = null;
  function pump(): Promise<void> {
    if (queued) return queued;
    const next = tail.then(() => {
      queued = null;
      return pumpOnce().catch((err: unknown) => log.error({ err: String(err) }, "pump failed"));
    });
    queued = next;
    tail = next;
    return next;
  }

  const pumpAwhile = async () => void (await within(clock, REPLY_WAIT_MS, pump()));
  const context = (): Ctx => ({ loaded: options.knowledge(), store, clock, log, draftsDir, staffLang, pump: pumpAwhile });

  async function dispatch(event: IncomingEvent): Promise<HandleResult> {
    switch (event.type) {
      case "citizen.message":
      case "citizen.option":
      case "citizen.command":
        return handleCitizen(context(), event);
      case "staff.reply":
      case "staff.note":
      case "staff.reassign":
      case "staff.resolve":
      case "staff.addToKnowledge":
      case "staff.list":
        return handleStaff(context(), event);
      default: {
        const type = (event as { type?: unknown }).type;
        return { messages: [], error: { code: "UNKNOWN_EVENT", message: `Unknown event type "${String(type)}".` } };
      }
    }
  }

  // Events are handled one at a time: each reads state, decides and writes, and two messages from
  // the same chat (or two staff acting on one ticket) must not interleave. Sending happens outside.
  let handling: Promise<unknown> = Promise.resolve();
  function serially(event: IncomingEvent): Promise<HandleResult> {
    const run = handling.then(() => dispatch(event));
    handling = run.catch(() => {});
    return run;
  }

  return {
    async handle(event) {
      let result: HandleResult;
      try {
        result = await serially(event);
      } catch (err) {
        log.error({ type: event.type, err: String(err) }, "event failed");
        result = { messages: [], error: { code: "INTERNAL", message: `Something went wrong handling ${event.type}; nothing was changed. Try again.` } };
      }
      // Staff notices and deliveries this event queued go out now. The caller waits for them, but
      // not for long: a hanging Slack must not hold up the citizen's reply (the outbox retries).
      await pumpAwhile();
      return result;
    },
    async start() {
      stopped = false;
      await pump();
    },
    async stop() {
      stopped = true;
      scheduler.stop();
      await tail;
    },
    idle: () => pump(),
    async announce(notice) {
      // Ticket notices are queued with the ticket change they report (one write), never on their own.
      if ((notice as { type: string }).type === "ticket") {
        throw Object.assign(new Error("announce is for notices about no ticket; ticket notices come from core.handle."), { code: "TICKET_NOTICE" });
      }
      await store.update((data) => void enqueueNotice(data, notice, clock.now()));
      log.info({ notice: notice.type }, "staff notice queued");
      await pumpAwhile();
    },
    tickets: {
      get: (id) => store.read((d) => structuredClone(findTicket(d, id))),
      findByRef: (key, value) => store.read((d) => structuredClone(d.tickets.find((x) => x.refs[key] === value))),
      list: (filter = {}) =>
        store.read((d) =>
          d.tickets
            .filter((x) => (!filter.openOnly || isOpen(x)) && (!filter.ownerId || x.ownerId === filter.ownerId))
            .map((x) => structuredClone(x)),
        ),
    },
    knowledge: () => options.knowledge().knowledge,
  };
}
