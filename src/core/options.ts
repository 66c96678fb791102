// Button ids the core sends and gets back as `citizen.option`. Adapters treat them as opaque, so
// anything may come back (stale, forged): `parseOption` never throws, it returns null.
import type { Lang } from "../knowledge/schema.ts";
import type { Rating } from "./data.ts";

export type Score = Rating["score"];

export type ParsedOption =
  | { kind: "procedure"; procedureId: string }
  | { kind: "none" }
  | { kind: "staff" }
  | { kind: "skip" }
  | { kind: "rate"; score: Score; ticketId: string }
  | { kind: "lang"; lang: Lang };

const SCORE_CODES: Record<string, Score> = { vs: "very-satisfied", s: "satisfied", ns: "not-satisfied" };
const CODE_OF: Record<Score, string> = { "very-satisfied": "vs", satisfied: "s", "not-satisfied": "ns" };

/** Telegram's callback_data limit; adapters may rely on it. */
export const MAX_OPTION_BYTES = 64;

export const optionId = {
  procedure: (id: string) => `p:${id}`,
  none: () => "none",
  staff: () => "staff",
  skip: () => "skip",
  rate: (score: Score, ticketId: string) => `rate:${CODE_OF[score]}:${ticketId}`,
  lang: (lang: Lang) => `lang:${lang}`,
};

export function parseOption(raw: string): ParsedOption | null {
  if (typeof raw !== "string" || Buffer.byteLength(raw) > MAX_OPTION_BYTES) return null;
  if (raw === "none") return { kind: "none" };
  if (raw === "staff") return { kind: "staff" };
  if (raw === "skip") return { kind: "skip" };
  let m = /^p:([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(raw);
  if (m?.[1]) return { kind: "procedure", procedureId: m[1] };
  m = /^rate:(vs|s|ns):(T-\d+)$/.exec(raw);
  if (m?.[1] && m[2]) {
    const score = SCORE_CODES[m[1]];
    if (score) return { kind: "rate", score, ticketId: m[2] };
  }
  m = /^lang:(en|zh)$/.exec(raw);
  if (m?.[1]) return { kind: "lang", lang: m[1] as Lang };
  return null;
}
