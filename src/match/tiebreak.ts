// A close call between the best two candidates of a story, settled by what the citizen asks: in a message
// of several clauses, the clauses that ask something ("what do we bring for the transfer?") name the matter;
// the others tell the story ("we signed for a flat last week, the loan is approved …").
import { creditOf, EXAMPLE_CREDIT, FIELD_WEIGHT, TOKEN_CHAR, type Credit, type Index } from "./index.ts";
import type { MatchingSettings } from "../knowledge/schema.ts";
import { WHOLE_PHRASE } from "./decide.ts";
import type { QueryTokens } from "./query.ts";
import type { Scored } from "./score.ts";

/** Both candidates must be at least this plausible: a close call between two, not a weak best. */
export const TIE_FLOOR = 0.45;
/**
 * A third candidate within this many margins of the pick is a rival too, even below TIE_FLOOR: a word it
 * shares with what is asked (登记, in the names of many registrations) is no reason to pick.
 */
const RIVAL_MARGINS = 2;

/**
 * Whether `pick` of the best two is what the question asks for: the asking clauses have words (or character
 * pairs) of its own that the other one's names and examples lack — of its names and examples, or of its names
 * only (`level`) — and none the other way round. Single-clause questions have no story to set apart.
 */
function askedFor(index: Index, m: MatchingSettings, q: QueryTokens, scored: readonly Scored[], pick: Scored, level: number): boolean {
  const other = scored[0] === pick ? scored[1] : scored[0];
  if (!other || !pick || Math.min(pick.score, other.score) < TIE_FLOOR || q.clauseWords.length < 2) return false;
  const asked = q.clauseWords.filter((_, k) => q.asks[k]).flat();
  const mine = index.credit[pick.proc]!;
  const uses = (c: Credit, id: number, at = EXAMPLE_CREDIT) => creditOf(c, id) >= at;
  // Words of the asking clauses that a rival has and `pick` lacks, and the other way round.
  const apart = (rival: Scored) => {
    const theirs = index.credit[rival.proc]!;
    return { mine: asked.some((id) => uses(mine, id, level) && !uses(theirs, id)), theirs: asked.some((id) => uses(theirs, id) && !uses(mine, id)) };
  };
  // Every plausible rival counts: a third one may own what is asked ("…can he go to the public primary
  // school?": neither public housing nor the residence permit).
  const floor = Math.min(TIE_FLOOR, pick.score - RIVAL_MARGINS * m.margin);
  return apart(other).mine && !scored.some((o) => o !== pick && o.score >= floor && apart(o).theirs);
}

/** Share of the question's weight that name words of the best alone must carry for namedApart. */
const NAMED_APART = 0.15;

/**
 * Whether the question uses a name word of `best` (title, aliases) that `second` has in no name, and no name
 * word of `second` that `best` lacks in its names: "our newborn needs medical insurance, what now" names the
 * newborn's enrolment, though examples of reimbursement speak of medical insurance too.
 */
export function namedApart(index: Index, q: QueryTokens, best: Scored, second: Scored): boolean {
  const mine = index.credit[best.proc]!;
  const theirs = index.credit[second.proc]!;
  let onlyMine = 0;
  for (const { id, w } of q.all) {
    if (id < 0 || index.kind[id] === TOKEN_CHAR || q.doneOnly.has(id)) continue;
    const a = creditOf(mine, id) >= FIELD_WEIGHT.alias;
    const b = creditOf(theirs, id) >= FIELD_WEIGHT.alias;
    if (b && !a) return false;
    if (a && !b) onlyMine += w;
  }
  return onlyMine >= NAMED_APART * q.total;
}

/**
 * Whether a story (more than `short` meaningful words) is settled for the best candidate by names alone: it
 * uses the best one's name words and none of the second's (namedApart), though the second one's examples
 * tell much the same story ("I'm 60 next month and my employer says to file papers so my pension comes every
 * month": unemployment examples also speak of employers and monthly payments, only pensions are named).
 */
export function namedInStory(index: Index, q: QueryTokens, scored: readonly Scored[], short: number): boolean {
  const [best, second] = scored;
  return best !== undefined && second !== undefined && q.analysed.contentWords > short && namedApart(index, q, best, second);
}

/** Whether the best candidate, though not far enough ahead of the second, is what the question asks for. */
export function askedForBest(index: Index, m: MatchingSettings, q: QueryTokens, scored: readonly Scored[]): boolean {
  return scored[0] !== undefined && askedFor(index, m, q, scored, scored[0], EXAMPLE_CREDIT);
}

/**
 * Whether the second candidate, within the margin of the best and itself scoring as an answer, is what the
 * question asks for: the asking clause uses one of its names' words ("…can I get a temporary one meanwhile?"
 * after a story of replacing an ID card). Names only: an example's incidental word ("husband") is too weak to
 * overturn the scores. Not when the second is named whole too: two matters asked together ("…结婚登记…
 * 户口迁移…") are a reason to ask.
 */
export function askedForSecond(index: Index, q: QueryTokens, scored: readonly Scored[], m: MatchingSettings): boolean {
  const [best, second] = scored;
  if (!best || !second || second.score < m.answerScore || best.score - second.score >= m.margin || second.phraseCov >= WHOLE_PHRASE) return false;
  return askedFor(index, m, q, scored, second, FIELD_WEIGHT.alias);
}
