// Builds Index.credit (per procedure: its tokens, ascending, and the best field weight of each) and
// Index.postings (per token: the procedures using it, ascending) in a few flat typed arrays, with a view
// per procedure and per token. Two small typed arrays per procedure and one per token each had a buffer
// of their own (tens of thousands of allocations outside the heap at 10,000 procedures), and sorting each
// procedure's tokens cost more than the two passes below that put them in order.
import type { Credit } from "./index.ts";
import { Pool } from "./phrases.ts";

export class CreditBuilder {
  /** Every procedure's tokens, each once, in order of first use; the current procedure's come last. */
  readonly touched = new Pool(1 << 16);
  /** Per procedure: where its tokens start in `touched`. */
  private readonly starts = new Pool(1 << 10);
  /** The best field weight of each token in `touched`. */
  private weights = new Float32Array(1 << 16);

  /** Closes the current procedure; `best`, by token number: its best field weight in the procedure. */
  endProcedure(best: ArrayLike<number>): void {
    const from = this.starts.length === 0 ? 0 : this.starts.data[this.starts.length - 1]!;
    const to = this.touched.length;
    if (this.weights.length < to) {
      const bigger = new Float32Array(Math.max(to, this.weights.length * 2));
      bigger.set(this.weights);
      this.weights = bigger;
    }
    for (let k = from; k < to; k++) this.weights[k] = best[this.touched.data[k]!]!;
    this.starts.push(to);
  }

  /**
   * Every procedure's credit and every token's postings; `df`: how many procedures use each token.
   * Postings are filled procedure by procedure (so each lists its procedures ascending); reading them
   * back token by token gives each procedure its tokens ascending.
   */
  done(df: ArrayLike<number>): { credit: Credit[]; postings: Int32Array[] } {
    const procs = this.starts.length;
    const ends = this.starts.data;
    const touched = this.touched.data;
    // Postings, with the weight of each (procedure, token) alongside.
    const at = new Int32Array(df.length + 1);
    for (let t = 0; t < df.length; t++) at[t + 1] = at[t]! + df[t]!;
    const all = new Int32Array(at[df.length]!);
    const allWeights = new Float32Array(all.length);
    const fill = at.slice(0, df.length);
    for (let p = 0, k = 0; p < procs; p++) {
      for (; k < ends[p]!; k++) {
        const i = fill[touched[k]!]!++;
        all[i] = p;
        allWeights[i] = this.weights[k]!;
      }
    }
    // Credit: token by token, appended to each of its procedures' lists.
    const ids = new Int32Array(all.length);
    const weights = new Float32Array(all.length);
    const next = new Int32Array(procs + 1);
    for (let p = 1; p <= procs; p++) next[p] = ends[p - 1]!;
    const begin = next.slice();
    for (let t = 0; t < df.length; t++) {
      for (let i = at[t]!; i < at[t + 1]!; i++) {
        const k = next[all[i]!]!++;
        ids[k] = t;
        weights[k] = allWeights[i]!;
      }
    }
    const credit: Credit[] = new Array<Credit>(procs);
    for (let p = 0; p < procs; p++) credit[p] = { ids: ids.subarray(begin[p]!, begin[p + 1]!), weights: weights.subarray(begin[p]!, begin[p + 1]!) };
    const postings: Int32Array[] = new Array<Int32Array>(df.length);
    for (let t = 0; t < df.length; t++) postings[t] = all.subarray(at[t]!, at[t + 1]!);
    return { credit, postings };
  }
}
