// The decision rule: answer only when one procedure is clearly the one; offer a few when several are
// plausible; otherwise hand over to a person. All thresholds come from settings.json "matching".
import type { MatchingSettings } from "../knowledge/schema.ts";
import type { Candidate, Outcome } from "./types.ts";

export type Decision = { outcome: Exclude<Outcome, "smalltalk">; procedureId: string | null; candidates: Candidate[] };

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * `scored` best first, scores in 0..1. `mayAnswer: false` (a short question with a word the knowledge
 * never uses) turns an answer into a clarifying question.
 */
export function decide(scored: readonly Candidate[], m: MatchingSettings, mayAnswer = true): Decision {
  const best = scored[0];
  const second = scored[1];
  const list = (min: number) =>
    scored
      .filter((c) => c.score >= min)
      .slice(0, m.maxClarify)
      .map((c) => ({ id: c.id, score: round(c.score) }));
  if (mayAnswer && best && best.score >= m.answerScore && best.score - (second?.score ?? 0) >= m.margin) {
    return { outcome: "answer", procedureId: best.id, candidates: list(m.clarifyScore) };
  }
  // A single plausible candidate is still offered as a question ("Do you mean …?"), never answered.
  const plausible = list(m.clarifyScore);
  if (plausible.length > 0) return { outcome: "clarify", procedureId: null, candidates: plausible };
  return { outcome: "handoff", procedureId: null, candidates: list(m.handoffGuessScore) };
}
