// Counts, during the index build, which procedures use each token and in which fields: document
// frequencies (Index.idf), Index.credit (per procedure: its tokens and the best field weight of each, a
// small hash table) and Index.postings (per token: the procedures using it, ascending). All in flat typed
// arrays with a view per procedure and per token: two small typed arrays per procedure and one per token
// each had a buffer of their own (tens of thousands of allocations outside the heap at 10,000 procedures).
import type { Credit } from "./index.ts";
import { Pool } from "./phrases.ts";

/** The slot token `id` starts looking from in a credit table of `size` slots (Fibonacci hashing; size ≥ 2). */
export function creditHome(id: number, size: number): number {
  return Math.imul(id, 0x9e3779b1) >>> (Math.clz32(size) + 1);
}

/** Per token in `stats`: the procedure that last used it, that last named it, and its two document frequencies. */
const LAST_SEEN = 0;
const LAST_NAMED = 1;
const DF_ALL = 2;
const DF_NAMES = 3;
const STRIDE = 4;
/**
 * Room reserved per procedure, in tokens: the sample's procedures have about 900 phrase tokens, the
 * 10,000-procedure benchmark's about 560 (half their phrases each). Growing past the room copies the arrays
 * once (a tenth of the build at 10,000 procedures when this was 320).
 */
export const TOKENS_PER_PROCEDURE = 640;

export class CreditBuilder {
  /** Per token, side by side (one cache line, where the build reads them together): see LAST_SEEN … DF_NAMES. */
  private stats = new Int32Array(STRIDE * 1024).fill(-1);
  /** Per token: its best field weight in the procedure that last used it. */
  private best = new Float64Array(1024);
  private tokens = 0;
  private proc = -1;
  /** Every procedure's tokens, each once, in order of first use. */
  private readonly touched: Pool;
  /** Per procedure: where its tokens end in `touched`. */
  private readonly ends: Pool;
  /**
   * Every procedure's credit table (see Credit), one after the other, filled as each procedure ends, while
   * its tokens are fresh in the cache; `slots` are in use, the rest is room.
   */
  private keys: Int32Array;
  private weights: Float32Array;
  private slots = 0;
  /** Per procedure: where its credit table starts in `keys` and `weights`. */
  private readonly begins: Pool;

  /**
   * `procedures`: how many the knowledge has. Room for a few hundred tokens each is reserved up front:
   * growing by doubling copied the arrays and touched fresh memory each time (a page fault costs microseconds
   * here), while reserved room that is never written costs nothing.
   */
  constructor(procedures: number) {
    this.touched = new Pool(TOKENS_PER_PROCEDURE * procedures + 1024);
    this.ends = new Pool(procedures + 1);
    // A table is at most three-quarters full, so usually less than twice its procedure's tokens.
    this.keys = new Int32Array(2 * this.touched.data.length);
    this.weights = new Float32Array(this.keys.length);
    this.begins = new Pool(procedures + 1);
  }

  /** Makes room for a new token number (the next one). */
  addToken(): void {
    if (STRIDE * ++this.tokens > this.stats.length) {
      const stats = new Int32Array(this.stats.length * 2).fill(-1);
      stats.set(this.stats);
      this.stats = stats;
      const best = new Float64Array(this.best.length * 2);
      best.set(this.best);
      this.best = best;
    }
    this.stats[STRIDE * (this.tokens - 1) + DF_ALL] = 0;
    this.stats[STRIDE * (this.tokens - 1) + DF_NAMES] = 0;
  }

  /** The following counts are for the next procedure. */
  startProcedure(): void {
    this.proc++;
  }

  /**
   * Counts the tokens tokens[from] … tokens[to - 1] of one text of the procedure: `fieldWeight` is its
   * field's weight, `naming` whether the field names the procedure (title, alias).
   */
  count(tokens: Int32Array, from: number, to: number, fieldWeight: number, naming: boolean): void {
    const { stats, best, proc } = this;
    for (let i = from; i < to; i++) {
      const id = tokens[i]!;
      const s = STRIDE * id;
      if (stats[s + LAST_SEEN] !== proc) {
        stats[s + LAST_SEEN] = proc;
        best[id] = fieldWeight;
        this.touched.push(id);
        stats[s + DF_ALL]!++;
      } else if (best[id]! < fieldWeight) best[id] = fieldWeight;
      if (naming && stats[s + LAST_NAMED] !== proc) {
        stats[s + LAST_NAMED] = proc;
        stats[s + DF_NAMES]!++;
      }
    }
  }

  /** Closes the current procedure: its credit table, with the best field weight of each of its tokens. */
  endProcedure(): void {
    const from = this.ends.length === 0 ? 0 : this.ends.data[this.ends.length - 1]!;
    const to = this.touched.length;
    this.ends.push(to);
    // A power of two at most three-quarters full, so a look-up probes a slot or two.
    let size = 2;
    while (size * 3 < (to - from) * 4) size *= 2;
    const at = this.slots;
    this.begins.push(at);
    this.slots += size;
    if (this.slots > this.keys.length) this.growSlots();
    const { keys, weights, best } = this;
    const touched = this.touched.data;
    const mask = size - 1;
    for (let k = from; k < to; k++) {
      const id = touched[k]!;
      let i = creditHome(id, size);
      while (keys[at + i] !== 0) i = (i + 1) & mask;
      keys[at + i] = id + 1;
      weights[at + i] = best[id]!;
    }
  }

  private growSlots(): void {
    const keys = new Int32Array(Math.max(this.slots, 2 * this.keys.length));
    keys.set(this.keys);
    const weights = new Float32Array(keys.length);
    weights.set(this.weights);
    [this.keys, this.weights] = [keys, weights];
  }

  /** By token number: in how many procedures' names (title, aliases) it appears. */
  dfNames(): Int32Array {
    return this.column(DF_NAMES);
  }

  /** By token number: how many procedures use it anywhere. */
  dfAll(): Int32Array {
    return this.column(DF_ALL);
  }

  private column(at: number): Int32Array {
    const out = new Int32Array(this.tokens);
    for (let t = 0; t < this.tokens; t++) out[t] = this.stats[STRIDE * t + at]!;
    return out;
  }

  /** Every procedure's credit and every token's postings (filled procedure by procedure, so ascending). */
  done(): { credit: Credit[]; postings: Int32Array[] } {
    const df = this.dfAll();
    const procs = this.ends.length;
    const ends = this.ends.data;
    const touched = this.touched.data;
    const at = new Int32Array(df.length + 1);
    for (let t = 0; t < df.length; t++) at[t + 1] = at[t]! + df[t]!;
    const all = new Int32Array(at[df.length]!);
    const fill = at.slice(0, df.length);
    for (let p = 0, k = 0; p < procs; p++) for (; k < ends[p]!; k++) all[fill[touched[k]!]!++] = p;
    const postings: Int32Array[] = new Array<Int32Array>(df.length);
    for (let t = 0; t < df.length; t++) postings[t] = all.subarray(at[t]!, at[t + 1]!);
    const begins = this.begins.data;
    const credit: Credit[] = new Array<Credit>(procs);
    for (let p = 0; p < procs; p++) {
      const to = p + 1 < procs ? begins[p + 1]! : this.slots;
      credit[p] = { keys: this.keys.subarray(begins[p]!, to), weights: this.weights.subarray(begins[p]!, to) };
    }
    return { credit, postings };
  }
}
