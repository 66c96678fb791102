// Deterministic large knowledge bases for the benchmark: N procedures made from the sample ones, each
// with its own id and some invented words in its title, aliases and examples, so the vocabulary grows
// with N the way a real catalogue's would.
import type { Knowledge, LocalList, LocalText, Procedure } from "../knowledge/schema.ts";

/** mulberry32: a small seeded PRNG, so every run builds the same knowledge. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = "ka lo mi ne ru sa ti vo ze ba do fe gu hi jo ku la me no pe ri so tu va wi xe yo zu".split(" ");
const HAN = "安宝城道东方丰福港高广海和华江金京凯康兰乐利林龙美明宁平荣瑞山盛顺泰天通万文祥新鑫兴阳业益永远云振正中".split("");

function synthWords(rand: () => number): { en: string; zh: string } {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const en = Array.from({ length: 2 + Math.floor(rand() * 2) }, () => pick(SYLLABLES)).join("");
  const zh = Array.from({ length: 2 }, () => pick(HAN)).join("");
  return { en, zh };
}

function vary(text: LocalText, w: { en: string; zh: string }): LocalText {
  return {
    ...(text.en !== undefined ? { en: `${text.en} ${w.en}` } : {}),
    ...(text.zh !== undefined ? { zh: `${w.zh}${text.zh}` } : {}),
  };
}

function varyList(list: LocalList, w: { en: string; zh: string }, rand: () => number): LocalList {
  // Keep about half the phrases, each tagged with the invented word.
  const keep = (xs: string[] | undefined, tag: (s: string) => string) => xs?.filter(() => rand() < 0.5).map(tag);
  const en = keep(list.en, (s) => `${s} ${w.en}`);
  const zh = keep(list.zh, (s) => `${w.zh}${s}`);
  return { ...(en ? { en } : {}), ...(zh ? { zh } : {}) };
}

/** A copy of `base` with `size` procedures (the originals first, unchanged). */
export function synthKnowledge(base: Knowledge, size: number, seed = 42): Knowledge {
  const rand = prng(seed);
  const procedures: Procedure[] = base.procedures.slice(0, size);
  for (let i = procedures.length; i < size; i++) {
    const p = base.procedures[i % base.procedures.length]!;
    const w = synthWords(rand);
    procedures.push({
      ...p,
      id: `${p.id}-${w.en}-${i}`,
      title: vary(p.title, w),
      ...(p.summary ? { summary: vary(p.summary, w) } : {}),
      aliases: varyList(p.aliases, w, rand),
      examples: varyList(p.examples, w, rand),
      related: [],
    });
  }
  // As if read from JSON files, like real knowledge: V8 keeps the texts concatenated above as ropes, which
  // the tokeniser reads about 40 % slower per character than the flat strings JSON.parse makes.
  const flat: Procedure[] = JSON.parse(JSON.stringify(procedures));
  return { ...base, procedures: flat, byId: new Map(flat.map((p) => [p.id, p])) };
}
