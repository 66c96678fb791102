// A close call between the best two candidates of a story, settled by what the citizen asks: in a message
// of several clauses, the clauses that ask something ("what do we bring for the transfer?") name the matter;
// the others tell the story ("we signed for a flat last week, the loan is approved …").
import { creditOf, EXAMPLE_CREDIT, type Credit, type Index } from "./index.ts";
import type { QueryTokens } from "./query.ts";
import type { Scored } from "./score.ts";

/** Both candidates must be at least this plausible: a close call between two, not a weak best. */
export const TIE_FLOOR = 0.45;

/**
 * Whether the best candidate, though not far enough ahead of the second, is what the question asks for:
 * the asking clauses have words (or character pairs) of the best one's names or examples that the second
 * one's lack, and none the other way round. Single-clause questions have no story to set apart.
 */
export function askedForBest(index: Index, q: QueryTokens, scored: readonly Scored[]): boolean {
  const [best, second] = scored;
  if (!best || !second || second.score < TIE_FLOOR || q.clauseWords.length < 2) return false;
  const asked = q.clauseWords.filter((_, k) => q.analysed.asking[k]).flat();
  const mine = index.credit[best.proc]!;
  const uses = (c: Credit, id: number) => creditOf(c, id) >= EXAMPLE_CREDIT;
  // Words of the asking clauses that `other` has and the best one lacks, and the other way round.
  const apart = (other: Scored) => {
    const theirs = index.credit[other.proc]!;
    return { mine: asked.some((id) => uses(mine, id) && !uses(theirs, id)), theirs: asked.some((id) => uses(theirs, id) && !uses(mine, id)) };
  };
  // Every plausible rival counts: a third one may own what is asked ("…can he go to the public primary
  // school?": neither public housing nor the residence permit).
  return apart(second).mine && !scored.slice(1).some((o) => o.score >= TIE_FLOOR && apart(o).theirs);
}
