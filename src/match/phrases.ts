// Every title, alias and example of the knowledge, procedure by procedure, in a few flat typed arrays
// instead of an object and two arrays per phrase: at 10,000 procedures that is a quarter of a million
// phrases, whose small objects kept the garbage collector busy for a fifth of the index build.

/**
 * Phrase k has the tokens `tokens[start[k]]` … `tokens[start[k + 1] - 1]` (in reading order); procedure
 * p has the phrases `byProc[p]` … `byProc[p + 1] - 1` (titles, aliases, examples in knowledge order).
 */
export type Phrases = {
  /** Per procedure, plus one at the end: the number of its first phrase. */
  byProc: Int32Array;
  /** Per phrase, plus one at the end: where its tokens start in `tokens`. */
  start: Int32Array;
  /** Token numbers of all phrases, one phrase after the other. */
  tokens: Int32Array;
  /** Per phrase: the weight of its field (FIELD_WEIGHT). */
  fieldWeight: Float64Array;
  /**
   * Per phrase: the sum of its tokens' weights (Index.weight), added in reading order. Filled for a
   * procedure's phrases when it is first scored (Occurrences.of), like its occurrences.
   */
  total: Float64Array;
  /** Per phrase: the admin's wording, to explain a match. */
  text: string[];
};

/** Numbers appended to a typed array that doubles when full (the build cannot know the count ahead). */
export class Pool {
  data: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.data = new Int32Array(capacity);
  }

  push(v: number): void {
    if (this.length === this.data.length) this.reserve(this.length + 1);
    this.data[this.length++] = v;
  }

  /** Makes room for `n` numbers in all (`data` may be replaced). */
  reserve(n: number): void {
    if (n <= this.data.length) return;
    const bigger = new Int32Array(Math.max(n, this.data.length * 2));
    bigger.set(this.data);
    this.data = bigger;
  }

  /** A copy of the numbers from `from` on. */
  copy(from = 0): Int32Array {
    return this.data.slice(from, this.length);
  }

  /** The numbers, without copying them (`data` keeps its spare room). */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * Collects phrases during the build. The tokeniser appends a text's tokens to `tokens`; the text is then
 * kept as a phrase or dropped (context texts only feed procedure credit).
 */
export class PhraseBuilder {
  /** Tokens of the phrases kept so far, then those of the text being read (from `pending` on). */
  readonly tokens: Pool;
  /** Where the tokens of the text being read start. */
  pending = 0;
  private readonly starts: Pool;
  private readonly procs: Pool;

  /** `tokens`, `procedures`: room to reserve (unwritten room costs nothing; growing copies and faults pages in). */
  constructor(tokens: number, procedures: number) {
    this.tokens = new Pool(tokens + 1024);
    this.starts = new Pool(procedures * 64 + 1024);
    this.procs = new Pool(procedures + 1);
  }
  private readonly fields: number[] = [];
  private readonly texts: string[] = [];

  /** The phrases kept from now on belong to the next procedure. */
  startProcedure(): void {
    this.procs.push(this.texts.length);
  }

  /** Keeps the text just read as a phrase. */
  keep(fieldWeight: number, text: string): void {
    this.starts.push(this.pending);
    this.pending = this.tokens.length;
    this.fields.push(fieldWeight);
    this.texts.push(text);
  }

  /** Forgets the tokens of the text just read. */
  drop(): void {
    this.tokens.length = this.pending;
  }

  /** The finished phrases (totals still 0, see Phrases.total). */
  done(): Phrases {
    this.drop();
    this.starts.push(this.pending);
    this.procs.push(this.texts.length);
    return {
      byProc: this.procs.view(), start: this.starts.view(), tokens: this.tokens.view(), fieldWeight: Float64Array.from(this.fields),
      total: new Float64Array(this.texts.length), text: this.texts,
    };
  }
}
