// A close call between the best two candidates of a story, settled by what the citizen asks: in a message
// of several clauses, the clauses that ask something ("what do we bring for the transfer?") name the matter;
// the others tell the story ("we signed for a flat last week, the loan is approved …").
import { creditOf, FIELD_WEIGHT, type Index } from "./index.ts";
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
  const [mine, theirs] = [index.credit[best.proc]!, index.credit[second.proc]!];
  let forBest = 0;
  let forSecond = 0;
  q.clauseWords.forEach((ids, k) => {
    if (!q.analysed.asking[k]) return;
    for (const id of ids) {
      const [a, b] = [creditOf(mine, id), creditOf(theirs, id)];
      if (a >= FIELD_WEIGHT.example && b < FIELD_WEIGHT.example) forBest++;
      else if (b >= FIELD_WEIGHT.example && a < FIELD_WEIGHT.example) forSecond++;
    }
  });
  return forBest > 0 && forSecond === 0;
}
