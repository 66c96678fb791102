// A hash table from small non-negative integers to non-negative integers, in two typed arrays (open
// addressing, linear probing). The index build looks up a few million character keys (pairs, runs of
// three): a Map or Set of numbers hashes and allocates per entry, which made those look-ups a tenth of
// the build at 10,000 procedures.

/** Returned by get() for a key that is not in the table. */
export const MISSING = -1;

export class IntTable {
  /** key + 1 per slot, 0 = empty slot. */
  private keys: Int32Array;
  private values: Int32Array;
  private mask: number;
  /** 32 − log₂(table size): the hash's top bits pick the slot. */
  private shift: number;
  private used = 0;

  constructor(capacity = 1024) {
    const size = sizeFor(capacity);
    this.keys = new Int32Array(size);
    this.values = new Int32Array(size);
    this.mask = size - 1;
    this.shift = 32 - Math.log2(size);
  }

  /** The value stored for `key` (0 ≤ key < 2³¹ − 1), or MISSING. */
  get(key: number): number {
    const keys = this.keys;
    const k = key + 1;
    for (let i = slot(key, this.shift); ; i = (i + 1) & this.mask) {
      const at = keys[i]!;
      if (at === k) return this.values[i]!;
      if (at === 0) return MISSING;
    }
  }

  /** Stores `value` for `key`, replacing any earlier value. */
  set(key: number, value: number): void {
    const k = key + 1;
    let i = slot(key, this.shift);
    for (; this.keys[i] !== 0; i = (i + 1) & this.mask) {
      if (this.keys[i] === k) {
        this.values[i] = value;
        return;
      }
    }
    this.keys[i] = k;
    this.values[i] = value;
    // Kept at most half full, so a probe ends after a step or two.
    if (++this.used * 2 > this.keys.length) this.grow();
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.values = new Int32Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    this.shift--;
    for (let j = 0; j < keys.length; j++) {
      const k = keys[j]!;
      if (k === 0) continue;
      const i = freeSlot(this.keys, k - 1, this.shift, this.mask);
      this.keys[i] = k;
      this.values[i] = values[j]!;
    }
  }
}

/** Table size for `capacity` keys: a power of two, at least twice the capacity (see set()). */
function sizeFor(capacity: number): number {
  let size = 16;
  while (size < capacity * 2) size *= 2;
  return size;
}

/** The first empty slot for `key` in `keys` (while growing: every key is new). */
function freeSlot(keys: Int32Array, key: number, shift: number, mask: number): number {
  let i = slot(key, shift);
  while (keys[i] !== 0) i = (i + 1) & mask;
  return i;
}

/** Fibonacci hashing: consecutive keys (common here) spread over the table. */
function slot(key: number, shift: number): number {
  return Math.imul(key, 0x9e3779b1) >>> shift;
}

/** The same for a set: keys only, so the table is half the memory and a probe touches one array. */
export class IntSet {
  /** key + 1 per slot, 0 = empty slot. */
  private keys: Int32Array;
  private mask: number;
  private shift: number;
  private used = 0;

  constructor(capacity = 1024) {
    const size = sizeFor(capacity);
    this.keys = new Int32Array(size);
    this.mask = size - 1;
    this.shift = 32 - Math.log2(size);
  }

  /** Whether `key` (0 ≤ key < 2³¹ − 1) is in the set. */
  has(key: number): boolean {
    const k = key + 1;
    for (let i = slot(key, this.shift); ; i = (i + 1) & this.mask) {
      const at = this.keys[i]!;
      if (at === k) return true;
      if (at === 0) return false;
    }
  }

  add(key: number): void {
    const k = key + 1;
    let i = slot(key, this.shift);
    for (; this.keys[i] !== 0; i = (i + 1) & this.mask) if (this.keys[i] === k) return;
    this.keys[i] = k;
    if (++this.used * 2 > this.keys.length) this.grow();
  }

  private grow(): void {
    const keys = this.keys;
    this.keys = new Int32Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    this.shift--;
    for (let j = 0; j < keys.length; j++) {
      const k = keys[j]!;
      if (k === 0) continue;
      this.keys[freeSlot(this.keys, k - 1, this.shift, this.mask)] = k;
    }
  }
}

/**
 * Pairs of UTF-16 codes (the first two characters of some words), as one bit each by a hash: "certainly
 * not" for most pairs of a text in one look-up, before the words starting with the first character are
 * compared (a common character such as 我 or 上 starts several boilerplate and glossary words).
 */
export class PairBits {
  private readonly bits = new Uint8Array(1 << 13);

  add(a: number, b: number): void {
    const h = pairHash(a, b);
    this.bits[h >>> 3] = this.bits[h >>> 3]! | (1 << (h & 7));
  }

  /** False when no added pair is (a, b); true when one may be. */
  mayHave(a: number, b: number): boolean {
    const h = pairHash(a, b);
    return (this.bits[h >>> 3]! & (1 << (h & 7))) !== 0;
  }
}

function pairHash(a: number, b: number): number {
  return Math.imul(a * 65536 + b, 0x9e3779b1) >>> 16;
}
