// Where each token of a procedure occurs in its titles, aliases and examples, so scoring a shortlisted
// procedure reads only the few dozen phrase tokens a question has instead of all several hundred; and the
// total weight of each of its phrases. Worked out for a procedure the first time it is scored: at 10,000
// procedures most never are, and doing all of them in the index build cost a tenth of it.
import type { Credit } from "./index.ts";
import { Pool, type Phrases } from "./phrases.ts";

export class Occurrences {
  /** Per procedure: where its entries start in `starts`, -1 until worked out. */
  private readonly base: Int32Array;
  private readonly startPool = new Pool(1 << 12);
  private readonly positionPool = new Pool(1 << 12);
  /** Scratch, by token number: its rank among a procedure's tokens. */
  private rank: Int32Array | null = null;

  /** `weight`: by token number, its weight in a phrase (Index.weight). */
  constructor(
    private readonly phrases: Phrases,
    private readonly weight: Float64Array,
  ) {
    this.base = new Int32Array(phrases.byProc.length - 1).fill(-1);
  }

  /**
   * Where procedure `proc`'s tokens occur (and its phrases' totals), worked out if need be. The r-th of its tokens (credit.ids[r])
   * occurs at the phrase-token positions (in Phrases.tokens) positions[starts[b + r]] … positions[starts[b + r + 1] - 1],
   * ascending, where b is the number returned. Read `starts` and `positions` after calling this.
   */
  of(proc: number, credit: Credit): number {
    const b = this.base[proc]!;
    return b >= 0 ? b : (this.base[proc] = this.workOut(proc, credit.ids));
  }

  get starts(): Int32Array {
    return this.startPool.data;
  }

  get positions(): Int32Array {
    return this.positionPool.data;
  }

  /**
   * Its phrases' totals, then a counting sort of its phrase tokens by rank, so each token's positions come
   * out ascending.
   */
  private workOut(proc: number, ids: Int32Array): number {
    const { byProc, start, tokens, total } = this.phrases;
    for (let k = byProc[proc]!; k < byProc[proc + 1]!; k++) {
      let sum = 0;
      for (let i = start[k]!; i < start[k + 1]!; i++) sum += this.weight[tokens[i]!]!;
      total[k] = sum;
    }
    const first = start[byProc[proc]!]!;
    const end = start[byProc[proc + 1]!]!;
    const rank = (this.rank ??= new Int32Array(this.weight.length));
    for (let r = 0; r < ids.length; r++) rank[ids[r]!] = r;
    // The procedure's entries in `starts`: counts first, then running starts into its block of `positions`.
    const b = this.startPool.length;
    const at = this.positionPool.length;
    this.startPool.reserve(b + ids.length + 1);
    this.startPool.length = b + ids.length + 1;
    this.positionPool.reserve(at + end - first);
    this.positionPool.length = at + end - first;
    const starts = this.startPool.data.fill(0, b, b + ids.length + 1);
    for (let i = first; i < end; i++) starts[b + rank[tokens[i]!]! + 1]!++;
    starts[b] = at;
    for (let r = 1; r <= ids.length; r++) starts[b + r]! += starts[b + r - 1]!;
    // Fill each token's positions, using the next token's start as the cursor, then shift the cursors back.
    const positions = this.positionPool.data;
    for (let i = first; i < end; i++) positions[starts[b + rank[tokens[i]!]!]!++] = i;
    for (let r = ids.length; r > 0; r--) starts[b + r] = starts[b + r - 1]!;
    starts[b] = at;
    return b;
  }
}
