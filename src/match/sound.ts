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
};

/** Questions' characters are unbounded input: the reading cache starts afresh past this size. */
const CACHE_MAX = 20_000;

/** A sound index over the knowledge's characters `known`, built on the first look-up. */
export function createSoundIndex(known: () => string[]): SoundIndex {
  // Built on first use: the knowledge's characters by reading, and each one's readings.
  let bySound: Map<string, string[]> | undefined;
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
  return {
    alike(ch) {
      bySound ??= build();
      const found = new Set<string>();
      for (const r of readingsOf(ch)) for (const x of bySound.get(r) ?? []) if (x !== ch) found.add(x);
      return [...found].sort();
    },
    same(ch, other) {
      bySound ??= build();
      const theirs = ofKnown!.get(other) ?? [];
      return readingsOf(ch).some((r) => theirs.includes(r));
    },
  };
}
