// End-to-end harness for the core: the real sample knowledge and matcher, a store, a fake clock, and
// in-memory citizen channel and staff notifier that record every call and can be made to fail.
// Tests of a core rule script the matcher (`matcher: "scripted"`, `h.script(question, result)`) so
// they do not depend on how the matcher, which is tuned on its own, scores a particular sentence.
import type { Loaded } from "../src/core/api.ts";
import { createFakeClock } from "../src/core/clock.ts";
import { createCore } from "../src/core/core.ts";
import type { Data } from "../src/core/data.ts";
import { toPlainText, type CitizenRef, type HandleResult, type IncomingEvent, type OutMessage } from "../src/core/events.ts";
import type { CitizenChannel, DeliveryResult, Logger, StaffNotice, StaffNotifier, Store } from "../src/core/ports.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { formatReport } from "../src/knowledge/problems.ts";
import type { Lang } from "../src/knowledge/schema.ts";
import { buildMatcher } from "../src/match/match.ts";
import type { Candidate, Matcher, MatchResult } from "../src/match/types.ts";
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

/** A question the matcher recognises nothing in: handed over with no guess, in the question's language. */
export function noMatch(lang: Lang = "en"): MatchResult {
  return { outcome: "handoff", procedureId: null, candidates: [], smalltalk: null, lang };
}

/** What the matcher says, chosen by the test. */
export const says = {
  answer: (procedureId: string, lang: Lang = "en"): MatchResult => ({ outcome: "answer", procedureId, candidates: [{ id: procedureId, score: 0.9 }], smalltalk: null, lang }),
  clarify: (candidates: Candidate[], lang: Lang = "en"): MatchResult => ({ outcome: "clarify", procedureId: null, candidates, smalltalk: null, lang }),
  handoff: (candidates: Candidate[], lang: Lang = "en"): MatchResult => ({ outcome: "handoff", procedureId: null, candidates, smalltalk: null, lang }),
  smalltalk: (intent: string, lang: Lang = "en"): MatchResult => ({ outcome: "smalltalk", procedureId: null, candidates: [], smalltalk: intent, lang }),
};

/** A question with Chinese characters is Chinese; good enough for questions a test wrote. */
const langOf = (text: string): Lang => (/\p{Script=Han}/u.test(text) ? "zh" : "en");

export type ScriptedMatcher = Matcher & {
  /** From now on, `question` (exactly) gets `result`. */
  script(question: string, result: MatchResult): void;
};

/**
 * A Matcher whose results the test chooses per question (exact text). Anything not scripted goes to
 * `unscripted`: the real matcher, or `noMatch` (a matcher that recognises nothing).
 */
export function scriptedMatcher(unscripted: Matcher | "no-match", script: Record<string, MatchResult> = {}): ScriptedMatcher {
  const results = new Map(Object.entries(script));
  return {
    script: (question, result) => void results.set(question, result),
    match(text) {
      const scripted = results.get(text);
      if (scripted) return structuredClone(scripted);
      return unscripted === "no-match" ? noMatch(langOf(text)) : unscripted.match(text);
    },
  };
}

/** The sample knowledge with a scripted matcher (for tests that build a core themselves). */
export async function scriptedKnowledge(script: Record<string, MatchResult> = {}): Promise<Loaded & { matcher: ScriptedMatcher }> {
  const { knowledge } = await sampleKnowledge();
  return { knowledge, matcher: scriptedMatcher("no-match", script) };
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

export type HarnessOptions = {
  store?: Store;
  log?: Logger;
  clock?: ReturnType<typeof createFakeClock>;
  draftsDir?: string;
  /**
   * What answers questions the test did not script with `h.script`: the real matcher (default, for
   * tests about matching end to end), or "scripted": a matcher that recognises nothing, so every
   * unscripted message is a handoff with no guess (for tests of a core rule).
   */
  matcher?: "real" | "scripted";
};

export async function harness(options: HarnessOptions = {}) {
  const real = await sampleKnowledge();
  const matcher = scriptedMatcher(options.matcher === "scripted" ? "no-match" : real.matcher);
  const loaded: Loaded = { knowledge: real.knowledge, matcher };
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
    /** The matcher the core uses: the script first, then the real one or nothing (see `HarnessOptions.matcher`). */
    matcher,
    /** From now on, `question` gets `result` from the matcher. */
    script: matcher.script,
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
