// Where each token of a procedure occurs in its titles, aliases and examples, so scoring a shortlisted
// procedure reads only the few dozen phrase tokens a question has instead of all several hundred; also
// the total weight of each of its phrases, which phrase each position is in, and which of their Chinese
// characters have a pair there.
// Worked out for a procedure the first time it is scored: at 10,000 procedures most never are, and doing
// all of them in the index build cost a tenth of it.
import type { Credit } from "./index.ts";
import { TOKEN_CHAR, TOKEN_PAIR } from "./kinds.ts";
import { Pool, type Phrases } from "./phrases.ts";

/**
 * A Chinese character that stands alone in its phrase, in no pair there (偷 of 身份证被偷了: 被 is grammar), is
 * a word of its own: it counts this many times its weight as a character, as much as a pair, so a phrase's
 * one-character verb is not outweighed by the noun it shares with other procedures' phrases (身份证).
 */
const LONE_CHAR = 2;

export class Occurrences {
  /** Per procedure: where its entries start in `starts`, -1 until worked out. */
  private readonly base: Int32Array;
  private readonly startPool = new Pool(1 << 12);
  private readonly positionPool = new Pool(1 << 12);
  /** Scratch, by token number: its slot in a procedure's credit table. */
  private rank: Int32Array | null = null;
  /**
   * By position in Phrases.tokens, for a Chinese character: 1 when its phrase also has a pair with it
   * (see loneChar in score.ts). Worked out with the rest.
   */
  readonly paired: Uint8Array;
  /** By position in Phrases.tokens: the number of the phrase it belongs to. Worked out with the rest. */
  readonly phraseOf: Int32Array;
  /** Scratch for `paired`, by character code: the phrase whose pairs have the character. */
  private readonly inPair = new Int32Array(65536).fill(-1);

  /** `weight`, `kind`, `hanCodes`: Index.weight, Index.kind and Index.hanCodes. */
  constructor(
    private readonly phrases: Phrases,
    private readonly weight: Float64Array,
    private readonly kind: Uint8Array,
    private readonly hanCodes: Uint16Array,
  ) {
    this.base = new Int32Array(phrases.byProc.length - 1).fill(-1);
    this.paired = new Uint8Array(phrases.tokens.length);
    this.phraseOf = new Int32Array(phrases.tokens.length);
  }

  /**
   * Where procedure `proc`'s tokens occur (and its phrases' totals), worked out if need be. The token in
   * slot r of its credit (creditSlot) occurs at the phrase-token positions (in Phrases.tokens)
   * positions[starts[b + r]] … positions[starts[b + r + 1] - 1], ascending, where b is the number returned.
   * Read `starts` and `positions` after calling this.
   */
  of(proc: number, credit: Credit): number {
    const b = this.base[proc]!;
    return b >= 0 ? b : (this.base[proc] = this.workOut(proc, credit.keys));
  }

  /**
   * How many times its token's weight the phrase token at position `at` counts in its phrase (LONE_CHAR for
   * a character in no pair there, else 1). Read after of() for the token's procedure.
   */
  factor(at: number): number {
    return this.kind[this.phrases.tokens[at]!] === TOKEN_CHAR && this.paired[at] === 0 ? LONE_CHAR : 1;
  }

  get starts(): Int32Array {
    return this.startPool.data;
  }

  get positions(): Int32Array {
    return this.positionPool.data;
  }

  /**
   * Its phrases' totals, then a counting sort of its phrase tokens by credit slot, so each token's positions
   * come out ascending.
   */
  private workOut(proc: number, keys: Int32Array): number {
    const { byProc, start, tokens, total } = this.phrases;
    const { kind, hanCodes, inPair } = this;
    for (let k = byProc[proc]!; k < byProc[proc + 1]!; k++) {
      for (let i = start[k]!; i < start[k + 1]!; i++) {
        const t = tokens[i]!;
        if (kind[t] === TOKEN_PAIR) inPair[hanCodes[2 * t]!] = inPair[hanCodes[2 * t + 1]!] = k;
      }
      let sum = 0;
      for (let i = start[k]!; i < start[k + 1]!; i++) {
        const t = tokens[i]!;
        this.phraseOf[i] = k;
        if (kind[t] === TOKEN_CHAR && inPair[hanCodes[2 * t]!] === k) this.paired[i] = 1;
        sum += this.weight[t]! * this.factor(i);
      }
      total[k] = sum;
    }
    const first = start[byProc[proc]!]!;
    const end = start[byProc[proc + 1]!]!;
    // By token number: its slot in the credit table, which numbers the procedure's tokens here.
    const rank = (this.rank ??= new Int32Array(this.weight.length));
    const slots = keys.length;
    for (let r = 0; r < slots; r++) if (keys[r] !== 0) rank[keys[r]! - 1] = r;
    // The procedure's entries in `starts`: counts first, then running starts into its block of `positions`.
    const b = this.startPool.length;
    const at = this.positionPool.length;
    this.startPool.reserve(b + slots + 1);
    this.startPool.length = b + slots + 1;
    this.positionPool.reserve(at + end - first);
    this.positionPool.length = at + end - first;
    const starts = this.startPool.data.fill(0, b, b + slots + 1);
    for (let i = first; i < end; i++) starts[b + rank[tokens[i]!]! + 1]!++;
    starts[b] = at;
    for (let r = 1; r <= slots; r++) starts[b + r]! += starts[b + r - 1]!;
    // Fill each token's positions, using the next token's start as the cursor, then shift the cursors back.
    const positions = this.positionPool.data;
    for (let i = first; i < end; i++) positions[starts[b + rank[tokens[i]!]!]!++] = i;
    for (let r = slots; r > 0; r--) starts[b + r] = starts[b + r - 1]!;
    starts[b] = at;
    return b;
  }
}
