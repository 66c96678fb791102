// The runs of three Chinese characters in procedure names and examples, so a typo repair can be required to restore
// one. Keys are built from small character ordinals so that they stay small integers (30 bits) and live in
// an IntSet: a key from raw character codes (48 bits) made this set a quarter of the index build at
// 10,000 procedures, and a Set of small integers still a tenth. The few characters past the first 1,023
// fall back to string keys.
import type { CompiledGlossary } from "./glossary.ts";
import { IntSet } from "./int-table.ts";
import { createReader, scan, type Sink } from "./tokens.ts";
import { hasSurrogatePairIn } from "./zh.ts";

const ORD_BITS = 10;
const MAX_ORD = (1 << ORD_BITS) - 1;
/**
 * Slots of the table of recently added keys. Most runs of three recur (the same names and phrases in many
 * procedures): at 10,000 procedures, 1.2 million are added but only 84,000 differ. The set is a
 * megabyte, so nearly every add missed the processor's cache; this small table answers most repeats.
 */
const RECENT = 1 << 14;

export type Trigrams = {
  /** Adds every run of three characters of text[start, end) (a span of Chinese characters, all in the BMP). */
  addAll(text: string, start: number, end: number): void;
  has(a: number, b: number, c: number): boolean;
};

export function createTrigrams(): Trigrams {
  const ordinal = new Uint16Array(65536);
  let next = 0;
  const small = new IntSet(1 << 14);
  // key + 1 per slot, by the key's low bits (0: empty); a key found here is in `small`.
  const recent = new Int32Array(RECENT);
  const rare = new Set<string>();
  const ord = (code: number, assign: boolean): number => {
    let o = ordinal[code]!;
    if (o === 0 && assign) ordinal[code] = o = ++next > 65535 ? 65535 : next;
    return o;
  };
  const key = (oa: number, ob: number, oc: number) => (((oa << ORD_BITS) | ob) << ORD_BITS) | oc;
  return {
    // Each character's ordinal is looked up once, not once per run of three it is in.
    addAll(text, start, end) {
      if (end - start < 3) return;
      let oa = ord(text.charCodeAt(start), true);
      let ob = ord(text.charCodeAt(start + 1), true);
      for (let i = start + 2; i < end; i++) {
        const oc = ord(text.charCodeAt(i), true);
        if (oa <= MAX_ORD && ob <= MAX_ORD && oc <= MAX_ORD) {
          const k = key(oa, ob, oc);
          const at = (k ^ (k >>> 14)) & (RECENT - 1);
          if (recent[at] !== k + 1) {
            small.add(k);
            recent[at] = k + 1;
          }
        } else rare.add(text.slice(i - 2, i + 1));
        oa = ob;
        ob = oc;
      }
    },
    has(a, b, c) {
      const oa = ord(a, false);
      const ob = ord(b, false);
      const oc = ord(c, false);
      if (oa === 0 || ob === 0 || oc === 0) return false;
      if (oa <= MAX_ORD && ob <= MAX_ORD && oc <= MAX_ORD) return small.has(key(oa, ob, oc));
      return rare.has(String.fromCharCode(a, b, c));
    },
  };
}

const HAN = /\p{Script=Han}/u;

/**
 * The runs of three of `texts` (titles, aliases and examples), read as the index reads them (glossary
 * applied, boilerplate removed), worked out on the first look-up: only a Chinese typo repair needs them,
 * and at 10,000 procedures they were a fifth of the index build.
 */
export function lazyTrigrams(texts: readonly string[], glossary: CompiledGlossary): Pick<Trigrams, "has"> {
  let built: Trigrams | undefined;
  const build = (): Trigrams => {
    const trigrams = createTrigrams();
    const reader = createReader(glossary);
    const sink: Sink = {
      word() {},
      span(text, start, end, _done, bmp) {
        // Characters outside the Basic Multilingual Plane are in no run of three (typo repair reads the BMP).
        if (bmp || !hasSurrogatePairIn(text, start, end)) trigrams.addAll(text, start, end);
      },
    };
    for (const text of texts) if (HAN.test(text)) scan(text, sink, reader);
    return trigrams;
  };
  return {
    has(a, b, c) {
      return (built ??= build()).has(a, b, c);
    },
  };
}
