// English words numbered by their character codes, each with what the tokeniser needs to know about it
// (boilerplate? a negation? the start of a glossary entry? its stem), worked out once per distinct word.
// The index build reads about a million English words at 10,000 procedures but only a few thousand
// distinct ones: a sliced string and half a dozen Set and Map look-ups per occurrence were a quarter of
// the build. Here an occurrence costs a hash computed while the word is read, one probe in a typed array
// and a comparison of its codes.

/** The hash of a word before its first code (FNV-1a). */
export const HASH_START = 0x811c9dc5 | 0;

/** The hash after one more code `c`: what the scanner computes while it reads a word. */
export function hashStep(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

/** What a word is: bits chosen by the caller (english.ts), and what else the caller keeps for the word. */
export type WordFacts<E> = { flags: number; info: E };

export class WordTable<E> {
  /** Per word number: the word. */
  text: string[] = [];
  /** Per word number: its facts' bits. */
  flags = new Uint32Array(1024);
  /** Per word number: the rest of its facts (english.ts: its stem and the glossary entries it starts). */
  info: E[] = [];
  /** Per word number: its hash, where its codes are in `codes`, and how many there are. */
  private hashes = new Int32Array(1024);
  private at = new Int32Array(1024);
  private lens = new Int32Array(1024);
  private codes = new Uint16Array(8192);
  private used = 0;
  /** Word number + 1 per slot (0: empty): open addressing, a power of two at most half full. */
  private slots = new Int32Array(2048);

  /** `describe`: the facts of a word seen for the first time. */
  constructor(private readonly describe: (word: string) => WordFacts<E>) {}

  /** How many words are numbered. */
  get size(): number {
    return this.text.length;
  }

  /** Forgets every word (a question's words are unbounded input). */
  clear(): void {
    this.text = [];
    this.info = [];
    this.used = 0;
    this.slots = new Int32Array(2048);
  }

  /** The number of the word run[start, end), whose codes hash to `hash` (see hashStep): numbered on first sight. */
  find(run: string, start: number, end: number, hash: number): number {
    const { slots, hashes, at, lens, codes } = this;
    const len = end - start;
    const mask = slots.length - 1;
    for (let i = Math.imul(hash, 0x9e3779b1) >>> (Math.clz32(slots.length) + 1); ; i = (i + 1) & mask) {
      const k = slots[i]!;
      if (k === 0) return this.add(run.slice(start, end), hash, i);
      const no = k - 1;
      if (hashes[no] !== hash || lens[no] !== len) continue;
      const from = at[no]!;
      let j = 0;
      while (j < len && codes[from + j] === run.charCodeAt(start + j)) j++;
      if (j === len) return no;
    }
  }

  /** The number of `word` (the same as find() gives it in any text). */
  of(word: string): number {
    let h = HASH_START;
    for (let i = 0; i < word.length; i++) h = hashStep(h, word.charCodeAt(i));
    return this.find(word, 0, word.length, h);
  }

  private add(word: string, hash: number, slot: number): number {
    const no = this.text.length;
    if (no === this.hashes.length) this.growWords();
    if (this.used + word.length > this.codes.length) this.codes = copyInto(new Uint16Array(2 * (this.used + word.length)), this.codes);
    for (let i = 0; i < word.length; i++) this.codes[this.used + i] = word.charCodeAt(i);
    this.at[no] = this.used;
    this.lens[no] = word.length;
    this.used += word.length;
    this.hashes[no] = hash;
    const { flags, info } = this.describe(word);
    this.flags[no] = flags;
    this.text.push(word);
    this.info.push(info);
    this.slots[slot] = no + 1;
    if (2 * this.text.length > this.slots.length) this.rehash();
    return no;
  }

  private growWords(): void {
    const n = 2 * this.hashes.length;
    this.hashes = copyInto(new Int32Array(n), this.hashes);
    this.at = copyInto(new Int32Array(n), this.at);
    this.lens = copyInto(new Int32Array(n), this.lens);
    this.flags = copyInto(new Uint32Array(n), this.flags);
  }

  private rehash(): void {
    const slots = new Int32Array(2 * this.slots.length);
    const mask = slots.length - 1;
    const shift = Math.clz32(slots.length) + 1;
    for (let no = 0; no < this.text.length; no++) {
      let i = Math.imul(this.hashes[no]!, 0x9e3779b1) >>> shift;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = no + 1;
    }
    this.slots = slots;
  }
}

function copyInto<T extends Int32Array | Uint16Array | Uint32Array>(to: T, from: T): T {
  to.set(from);
  return to;
}
