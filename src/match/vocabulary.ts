// The index build's tokeniser: numbers every token of the knowledge (English stems, Chinese characters
// and pairs) in order of first use, and turns each text into its token numbers. One object for all texts,
// its hot steps methods (no closures per text: building 10,000 procedures allocates enough already).
import type { CompiledGlossary } from "./glossary.ts";
import { IntTable, MISSING } from "./int-table.ts";
import type { Pool } from "./phrases.ts";
import { createReader, scan, UNIGRAM_FACTOR, type Reader, type Sink } from "./tokens.ts";
import { hasSurrogatePairIn } from "./zh.ts";

export class Vocabulary implements Sink {
  /** token → number. */
  readonly ids = new Map<string, number>();
  /**
   * Per token: its strength factor. It depends on the token alone (a single Chinese character is always
   * UNIGRAM_FACTOR, words and pairs 1), so texts keep only token numbers.
   */
  readonly factor: number[] = [];
  /** Every English word the knowledge uses, unstemmed, in order of first use (for typo repair). */
  readonly words: string[] = [];
  private readonly reader: Reader;
  /** Per token: the text that last listed it (each token once per text). */
  private readonly stamp: number[] = [];
  private serial = 0;
  /** Whether the text being read is prose (see read). */
  private prose = false;
  /** By the reader's word number: the token number of the word's stem + 1 (0: not used yet). */
  private wordToken: Int32Array = new Int32Array(4096);
  // Chinese characters and pairs are looked up by character codes: no string built per occurrence.
  // Token number + 1 by character code (0: not seen yet). Pairs are keyed by the first character's
  // order of appearance × 65536 + the second's code: a small integer for any realistic knowledge, where
  // two raw codes would make a large number that is slow to hash.
  private readonly charId = new Int32Array(65536);
  private readonly firstNo = new Int32Array(65536);
  private firsts = 0;
  private readonly pairId = new IntTable(1 << 14);

  /** `out`: where read() appends token numbers; `onToken`: called for each new token number, in order. */
  constructor(
    glossary: CompiledGlossary,
    private readonly out: Pool,
    private readonly onToken: () => void,
  ) {
    this.reader = createReader(glossary);
  }

  /**
   * Appends the tokens of `text` to `out`, each once: English stems (×1), Chinese characters
   * (×UNIGRAM_FACTOR) and pairs (×1). Prose (summaries, material names) only lends vocabulary: its
   * single Chinese characters add nothing but cost, and its runs of three are no names.
   */
  read(text: string, prose: boolean): void {
    this.serial++;
    this.prose = prose;
    scan(text, this, this.reader);
  }

  /** The number of token `t`, numbered on first use; `factor`: its strength factor. */
  tokenId(t: string, factor: number): number {
    let id = this.ids.get(t);
    if (id === undefined) {
      this.ids.set(t, (id = this.ids.size));
      this.onToken();
      this.stamp.push(0);
      this.factor.push(factor);
    }
    return id;
  }

  word(no: number): void {
    if (no >= this.wordToken.length) this.wordToken = grown(this.wordToken, no);
    let id = this.wordToken[no]! - 1;
    if (id < 0) {
      const { words } = this.reader;
      this.wordToken[no] = (id = this.tokenId(words.info[no]!.stem, 1)) + 1;
      this.words.push(words.text[no]!);
    }
    this.add(id);
  }

  span(text: string, start: number, end: number, _done: boolean, bmp: boolean): void {
    if (!bmp && hasSurrogatePairIn(text, start, end)) {
      this.spanOutsideBmp(text.slice(start, end));
      return;
    }
    const { prose } = this;
    for (let i = start; i < end; i++) {
      const a = text.charCodeAt(i);
      if (!prose) this.add(this.charToken(text, i, a));
      if (i + 1 < end) this.add(this.pairToken(text, i, a, text.charCodeAt(i + 1)));
    }
  }

  /** Characters outside the Basic Multilingual Plane: the plain way. */
  private spanOutsideBmp(span: string): void {
    const chars = [...span];
    for (let i = 0; i < chars.length; i++) {
      if (!this.prose) this.add(this.tokenId(chars[i]!, UNIGRAM_FACTOR));
      if (i + 1 < chars.length) this.add(this.tokenId(chars[i]! + chars[i + 1]!, 1));
    }
  }

  /** Lists token `id` for the text being read, unless it already is. */
  private add(id: number): void {
    if (this.stamp[id] === this.serial) return;
    this.stamp[id] = this.serial;
    this.out.push(id);
  }

  /** The token of the character text[at], whose code is `a`. */
  private charToken(text: string, at: number, a: number): number {
    let id = this.charId[a]! - 1;
    if (id < 0) this.charId[a] = (id = this.tokenId(text[at]!, UNIGRAM_FACTOR)) + 1;
    return id;
  }

  /** The token of the pair text[at, at + 2), whose codes are `a` and `b`. */
  private pairToken(text: string, at: number, a: number, b: number): number {
    let no = this.firstNo[a]!;
    if (no === 0) this.firstNo[a] = no = ++this.firsts;
    const key = no * 65536 + b;
    let id = this.pairId.get(key);
    if (id === MISSING) this.pairId.set(key, (id = this.tokenId(text.slice(at, at + 2), 1)));
    return id;
  }
}

/** A copy of `a` with room for index `at`. */
function grown(a: Int32Array, at: number): Int32Array {
  const bigger = new Int32Array(Math.max(2 * a.length, at + 1));
  bigger.set(a);
  return bigger;
}
