// The decision rule: answer only when one procedure is clearly the one; offer a few when several are
// plausible; otherwise hand over to a person. Thresholds come from settings.json "matching" (the lead
// rule below scales answerScore and margin).
import type { MatchingSettings } from "../knowledge/schema.ts";
import type { Scored } from "./score.ts";
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
const LEAD_FLOOR = 0.4;
const LEAD_SLOPE = 0.3;

/** A name or example present at least this completely (Scored.phraseCov) names its procedure in the question. */
export const WHOLE_PHRASE = 0.9;

/**
 * Whether the question asks for the best two procedures together, and the best one's answer covers the
 * other: both are named in it (a whole name or example each), both score as answers, and the best lists the
 * second as related ("register her hukou and sign her up for medical insurance"). Then the margin between
 * them is no reason to ask which one: the answer gives the best one's checklist and offers the other (its
 * "You may also need" section, with a button).
 */
export function bothAsked(scored: readonly Scored[], m: MatchingSettings, related: (from: string, to: string) => boolean): boolean {
  const [best, second] = scored;
  if (!best || !second) return false;
  return best.phraseCov >= WHOLE_PHRASE && second.phraseCov >= WHOLE_PHRASE && second.score >= m.answerScore && related(best.id, second.id);
}

/**
 * `scored` best first, scores in 0..1. `mayAnswer: false` (a short question with a word the knowledge
 * never uses) turns an answer into a clarifying question; `mayLead: false` (veto.ts vetoLead) allows only
 * an answer whose score reaches answerScore; `bothAsked` (see there) lets a best candidate that scores as an
 * answer through without the margin.
 */
export function decide(scored: readonly Candidate[], m: MatchingSettings, mayAnswer = true, mayLead = true, bothAsked = false): Decision {
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
    if (lead >= needed || bothAsked) return { outcome: "answer", procedureId: best.id, candidates: list(m.clarifyScore) };
  }
  // Any other plausible candidate is offered as a question ("Do you mean …?"), even a single one.
  const plausible = list(m.clarifyScore);
  if (plausible.length > 0) return { outcome: "clarify", procedureId: null, candidates: plausible };
  return { outcome: "handoff", procedureId: null, candidates: list(m.handoffGuessScore) };
}
