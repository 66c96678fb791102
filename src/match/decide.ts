// The decision rule: answer only when one procedure is clearly the one; offer a few when several are
// plausible; otherwise hand over to a person. Thresholds come from settings.json "matching" (the lead
// rule below scales answerScore and margin).
import type { MatchingSettings } from "../knowledge/schema.ts";
import type { Candidate, Outcome } from "./types.ts";

export type Decision = { outcome: Exclude<Outcome, "smalltalk">; procedureId: string | null; candidates: Candidate[] };

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Below answerScore a best candidate may still be the answer when nothing else comes near: the evidence
 * is its lead, not its absolute score (a colloquial question shares few words with any name). The lead
 * it needs grows by LEAD_SLOPE for every point its score is short of answerScore, and no lead is
 * enough below LEAD_FLOOR. With answerScore and margin at 1 (an admin demanding certainty) nothing
 * is answered on its lead either.
 */
const LEAD_FLOOR = 0.35;
const LEAD_SLOPE = 0.3;

/**
 * `scored` best first, scores in 0..1. `mayAnswer: false` (a short question with a word the knowledge
 * never uses) turns an answer into a clarifying question; `mayLead: false` (veto.ts vetoLead) allows only
 * an answer whose score reaches answerScore.
 */
export function decide(scored: readonly Candidate[], m: MatchingSettings, mayAnswer = true, mayLead = true): Decision {
  const best = scored[0];
  const second = scored[1];
  const list = (min: number) =>
    scored
      .filter((c) => c.score >= min)
      .slice(0, m.maxClarify)
      .map((c) => ({ id: c.id, score: round(c.score) }));
  if (mayAnswer && best && (best.score >= m.answerScore || (mayLead && best.score >= LEAD_FLOOR))) {
    const lead = best.score - (second?.score ?? 0);
    const needed = m.margin + LEAD_SLOPE * Math.max(0, m.answerScore - best.score);
    if (lead >= needed) return { outcome: "answer", procedureId: best.id, candidates: list(m.clarifyScore) };
  }
  // Any other plausible candidate is offered as a question ("Do you mean …?"), even a single one.
  const plausible = list(m.clarifyScore);
  if (plausible.length > 0) return { outcome: "clarify", procedureId: null, candidates: plausible };
  return { outcome: "handoff", procedureId: null, candidates: list(m.handoffGuessScore) };
}
