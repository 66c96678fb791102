// End-to-end harness for the core: the real sample knowledge and matcher, a store, a fake clock, and
// in-memory citizen channel and staff notifier that record every call and can be made to fail.
import type { Loaded } from "../src/core/api.ts";
import { createFakeClock } from "../src/core/clock.ts";
import { createCore } from "../src/core/core.ts";
import type { Data } from "../src/core/data.ts";
import { toPlainText, type CitizenRef, type HandleResult, type IncomingEvent, type OutMessage } from "../src/core/events.ts";
import type { CitizenChannel, DeliveryResult, Logger, StaffNotice, StaffNotifier, Store } from "../src/core/ports.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { formatReport } from "../src/knowledge/problems.ts";
import { buildMatcher } from "../src/match/match.ts";
import { createMemoryStore } from "../src/store/memory.ts";

/** Where the sample knowledge lives. */
export const KNOWLEDGE_DIR = "knowledge";

let cached: Promise<Loaded> | undefined;

/** The real sample knowledge and the real matcher, loaded once per test file. */
export function sampleKnowledge(): Promise<Loaded> {
  cached ??= (async () => {
    const report = await loadKnowledge(KNOWLEDGE_DIR);
    if (!report.knowledge) throw new Error(`The sample knowledge does not load:\n${formatReport(report)}`);
    return { knowledge: report.knowledge, matcher: buildMatcher(report.knowledge) };
  })();
  return cached;
}

export type Delivery = { to: { conversationId: string; userId: string }; messages: OutMessage[] };

/** A citizen channel that records deliveries; `mode` says how the next deliveries go. */
export function fakeChannel() {
  const delivered: Delivery[] = [];
  let mode: "ok" | "blocked" | "throw" = "ok";
  let attempts = 0;
  const channel: CitizenChannel & { delivered: Delivery[]; attempts: () => number; set(m: typeof mode): void } = {
    delivered,
    attempts: () => attempts,
    set(m) {
      mode = m;
    },
    async deliver(to, messages): Promise<DeliveryResult> {
      attempts += 1;
      if (mode === "throw") throw new Error("network down");
      if (mode === "blocked") return { ok: false, reason: "blocked" };
      delivered.push({ to, messages: structuredClone(messages) });
      return { ok: true };
    },
  };
  return channel;
}

/** A staff notifier that records notices; while `down`, it throws like Slack being unreachable. */
export function fakeNotifier(onNotify?: (notice: StaffNotice) => void) {
  const notices: StaffNotice[] = [];
  let down = false;
  let hanging = false;
  let attempts = 0;
  let ts = 0;
  const notifier: StaffNotifier & {
    notices: StaffNotice[];
    attempts: () => number;
    setDown(d: boolean): void;
    /** Calls never answer, like a Slack that accepts the connection and then says nothing. */
    setHanging(h: boolean): void;
  } = {
    notices,
    attempts: () => attempts,
    setDown(d) {
      down = d;
    },
    setHanging(h) {
      hanging = h;
    },
    async notify(notice) {
      attempts += 1;
      if (hanging) return new Promise<never>(() => {});
      if (down) throw new Error("slack unreachable");
      onNotify?.(notice);
      notices.push(structuredClone(notice));
      // Like the Slack adapter: the first notice of a ticket returns the thread it started.
      if (notice.type === "ticket" && notice.kind === "created") return { "test.thread": `thread-${++ts}` };
    },
  };
  return notifier;
}

export const ANN: CitizenRef = { channel: "test", conversationId: "chat-ann", userId: "ann", displayName: "Ann" };
export const BO: CitizenRef = { channel: "test", conversationId: "chat-bo", userId: "bo", displayName: "Bo" };

export type HarnessOptions = { store?: Store; log?: Logger; clock?: ReturnType<typeof createFakeClock>; draftsDir?: string };

export async function harness(options: HarnessOptions = {}) {
  const loaded = await sampleKnowledge();
  const clock = options.clock ?? createFakeClock();
  const store = options.store ?? createMemoryStore();
  const channel = fakeChannel();
  const staff = fakeNotifier();
  const core = createCore({
    knowledge: () => loaded,
    store,
    channels: { test: channel },
    staff,
    clock,
    ...(options.draftsDir ? { draftsDir: options.draftsDir } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  const { knowledge } = loaded;
  const as = (from: CitizenRef) => ({
    say: (text: string) => core.handle({ type: "citizen.message", from, text }),
    press: (option: string) => core.handle({ type: "citizen.option", from, option }),
    command: (command: "start" | "help" | "language" | "ticket", arg?: string) =>
      core.handle({ type: "citizen.command", from, command, ...(arg !== undefined ? { arg } : {}) }),
  });
  return {
    core,
    clock,
    store,
    /** A deep copy of everything stored, as it is now. */
    snapshot: (): Data => store.read((d) => structuredClone(d)),
    channel,
    staff,
    knowledge,
    matcher: loaded.matcher,
    ...as(ANN),
    as,
    act: (event: IncomingEvent) => core.handle(event),
    /** Notices of one kind, in order. */
    noticesOf: (kind: string) => staff.notices.filter((n) => n.type === "ticket" && n.kind === kind) as Extract<StaffNotice, { type: "ticket" }>[],
    /** Everything delivered to citizens, as plain text. */
    deliveredText: () => channel.delivered.map((d) => d.messages.map(toPlainText).join("\n")),
    name: (staffId: string) => knowledge.staffById.get(staffId)!.name.en!,
    title: (staffId: string) => knowledge.staffById.get(staffId)!.title.en!,
  };
}

/** The one message of a result, as plain text. */
export function plain(result: HandleResult): string {
  return result.messages.map(toPlainText).join("\n---\n");
}

export const optionIds = (result: HandleResult): string[] => result.messages.flatMap((m) => m.options ?? []).map((o) => o.id);
