// Chinese typed on a pinyin keyboard goes wrong by sound: the citizen picks a character that is read like
// the right one (户口签入 for 户口迁入, 公租防 for 公租房, 低报 for 低保). Typo repair (query.ts) tries
// the characters the knowledge uses that share a reading with the unknown one first. Readings come from
// pinyin-pro's dictionary, loaded on the first repair only: most questions never need it.
import { createRequire } from "node:module";
import type { polyphonic as Polyphonic } from "pinyin-pro";

let polyphonic: typeof Polyphonic | undefined;
const load = (): typeof Polyphonic =>
  (polyphonic ??= (createRequire(import.meta.url)("pinyin-pro") as { polyphonic: typeof Polyphonic }).polyphonic);

/** Every reading of each character of `chars` (toneless: 签 and 迁 are both "qian"). */
function readings(chars: string[]): string[][] {
  return load()(chars.join(""), { toneType: "none", type: "array" });
}

export type SoundIndex = {
  /** Characters of the knowledge (never `ch` itself) that share a reading with `ch`. */
  alike(ch: string): readonly string[];
  /** Whether `ch` shares a reading with the knowledge's character `known`. */
  same(ch: string, known: string): boolean;
  /**
   * Characters of the knowledge read nearly like `ch`, not alike: the pairs many speakers do not tell
   * apart (zh/z, ch/c, sh/s, n/l, and -ng/-n: 省 sheng for 身 shen).
   */
  near(ch: string): readonly string[];
  /** Every toneless reading of `ch`. */
  readings(ch: string): readonly string[];
  /** The knowledge's characters read as toneless `syllable` (ü typed as v: "lv"). */
  withReading(syllable: string): readonly string[];
};

/** A reading with the distinctions of SoundIndex.near erased. */
const blur = (r: string): string => r.replace(/^([zcs])h/, "$1").replace(/^n(?!g)/, "l").replace(/ng$/, "n");

/** Questions' characters are unbounded input: the reading cache starts afresh past this size. */
const CACHE_MAX = 20_000;

/** A sound index over the knowledge's characters `known`, built on the first look-up. */
export function createSoundIndex(known: () => string[]): SoundIndex {
  // Built on first use: the knowledge's characters by reading, and each one's readings.
  let bySound: Map<string, string[]> | undefined;
  let byBlur: Map<string, string[]> | undefined;
  let ofKnown: Map<string, string[]> | undefined;
  const build = (): Map<string, string[]> => {
    const map = new Map<string, string[]>();
    const chars = known();
    ofKnown = new Map();
    readings(chars).forEach((rs, i) => {
      const ch = chars[i]!;
      ofKnown!.set(ch, rs);
      for (const r of new Set(rs)) {
        const list = map.get(r);
        if (list) list.push(ch);
        else map.set(r, [ch]);
      }
    });
    return map;
  };
  const cache = new Map<string, string[]>();
  const readingsOf = (ch: string): string[] => {
    let rs = cache.get(ch) ?? ofKnown?.get(ch);
    if (rs) return rs;
    rs = readings([ch])[0] ?? [];
    if (cache.size > CACHE_MAX) cache.clear();
    cache.set(ch, rs);
    return rs;
  };
  const same = (ch: string, other: string): boolean => {
    bySound ??= build();
    const theirs = ofKnown!.get(other) ?? [];
    return readingsOf(ch).some((r) => theirs.includes(r));
  };
  return {
    alike(ch) {
      bySound ??= build();
      const found = new Set<string>();
      for (const r of readingsOf(ch)) for (const x of bySound.get(r) ?? []) if (x !== ch) found.add(x);
      return [...found].sort();
    },
    near(ch) {
      bySound ??= build();
      if (!byBlur) {
        byBlur = new Map();
        for (const [r, chars] of bySound) {
          const key = blur(r);
          byBlur.set(key, [...(byBlur.get(key) ?? []), ...chars]);
        }
      }
      const found = new Set<string>();
      for (const r of new Set(readingsOf(ch))) for (const x of byBlur.get(blur(r)) ?? []) if (x !== ch && !same(ch, x)) found.add(x);
      return [...found].sort();
    },
    same,
    readings: readingsOf,
    withReading(syllable) {
      bySound ??= build();
      return bySound.get(syllable.replace("v", "ü")) ?? [];
    },
  };
}
