import type { Lang } from "../knowledge/schema.ts";

export type Outcome = "answer" | "clarify" | "handoff" | "smalltalk";

export type Candidate = { id: string; score: number };

export type MatchResult = {
  outcome: Outcome;
  /** The procedure answered with (outcome "answer"), else null. */
  procedureId: string | null;
  /** Best first, scores in 0..1 (1 = certain). For clarify, the ones to offer; for handoff, the near misses. */
  candidates: Candidate[];
  /** The smalltalk intent id (settings.smalltalk[].id) when outcome is "smalltalk". */
  smalltalk: string | null;
  /** The language the question is written in. */
  lang: Lang;
};

/** Built once per knowledge load (and on reload), never per message. */
export interface Matcher {
  match(text: string): MatchResult;
}
