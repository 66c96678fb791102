// The admin's glossary (knowledge/glossary.json): everyday words read as the words the knowledge uses
// ("kid" → "child", "娃" → "孩子"). Applied to questions and to the knowledge alike, while they are
// tokenised, so one entry helps every procedure that uses the word.
import type { Glossary } from "../knowledge/schema.ts";
import { PairBits } from "./int-table.ts";
import { isHan, normalize } from "./normalize.ts";

/** English words of a normalised text: what the tokeniser reads as words. */
const enWords = (text: string): string[] => normalize(text).match(/[a-z0-9]+/g) ?? [];

/** English glossary entries starting with one word: the rest of their words, the replacement words. */
export type EnEntries = { rest: string[]; means: string[] }[];

export type CompiledGlossary = {
  /**
   * English: first word → its entries, longest first. Looked up once per distinct word (the tokeniser's
   * word table, words.ts), so it needs no pre-filter.
   */
  en: Map<string, EnEntries>;
  /** Chinese: lists of [word, replacement], one per first UTF-16 code, longest first. */
  zh: [string, string][][];
  /**
   * By UTF-16 code: 1 + the number of the list in `zh` of the words starting with it, 0 for none (most
   * characters of the knowledge): no hashing per character.
   */
  zhFirst: Uint16Array;
  /** The first two characters of every Chinese word of two or more, and whether a list has a one-character word. */
  zhPairs: PairBits;
  zhSingle: Uint8Array;
};

export function compileGlossary(glossary: Glossary): CompiledGlossary {
  const en: CompiledGlossary["en"] = new Map();
  for (const { means, words } of glossary.en) {
    const to = enWords(means);
    for (const w of words) {
      const [first, ...rest] = enWords(w);
      if (first === undefined) continue;
      const list = en.get(first) ?? [];
      list.push({ rest, means: to });
      en.set(first, list);
    }
  }
  for (const list of en.values()) list.sort((a, b) => b.rest.length - a.rest.length);
  const zh = new Map<number, [string, string][]>();
  for (const { means, words } of glossary.zh) {
    const to = [...normalize(means)].filter(isHan).join("");
    for (const w of words) {
      const from = [...normalize(w)].filter(isHan).join("");
      if (from === "") continue;
      const list = zh.get(from.charCodeAt(0)) ?? [];
      list.push([from, to]);
      zh.set(from.charCodeAt(0), list);
    }
  }
  const zhFirst = new Uint16Array(65536);
  const zhPairs = new PairBits();
  const zhSingle = new Uint8Array(zh.size);
  const lists = [...zh].map(([code, list], k) => {
    zhFirst[code] = k + 1;
    for (const [w] of list) {
      if (w.length === 1) zhSingle[k] = 1;
      else zhPairs.add(code, w.charCodeAt(1));
    }
    return list.sort((a, b) => b[0].length - a[0].length);
  });
  return { en, zh: lists, zhFirst, zhPairs, zhSingle };
}

/**
 * text[from, to), a run of Chinese characters, with each glossary word (longest first, left to right)
 * replaced; null when it has none (the usual case: no string is made).
 */
export function applyZh(g: CompiledGlossary, text: string, from: number, to: number): string | null {
  if (g.zh.length === 0) return null;
  let out = "";
  let copied = from;
  for (let i = from; i < to; ) {
    const code = text.charCodeAt(i);
    const k = g.zhFirst[code]!;
    const maybe = k !== 0 && (g.zhSingle[k - 1] === 1 || (i + 1 < to && g.zhPairs.mayHave(code, text.charCodeAt(i + 1))));
    const hit = maybe ? wordAt(g.zh[k - 1]!, text, i, to) : undefined;
    if (!hit) {
      i++;
      continue;
    }
    out += text.slice(copied, i) + hit[1];
    i += hit[0].length;
    copied = i;
  }
  return copied === from ? null : out + text.slice(copied, to);
}

/**
 * The first entry of `list` (words starting with the character at `at`) whose word stands at `at` in
 * `run`: the second character compared first, which rules out nearly all of them without a call.
 */
function wordAt(list: [string, string][], run: string, at: number, end: number): [string, string] | undefined {
  const second = at + 1 < end ? run.charCodeAt(at + 1) : -1;
  for (const entry of list) {
    const w = entry[0];
    if (w.length === 1 || (w.charCodeAt(1) === second && w.length <= end - at && run.startsWith(w, at))) return entry;
  }
  return undefined;
}

/**
 * The first of the English glossary entries `list` (all starting with the word that ends at `at` in
 * `run`) whose other words follow (separated by spaces or hyphens only): the replacement words and where
 * the matched text ends, or null.
 */
export function matchEn(list: EnEntries, run: string, at: number): { means: string[]; end: number } | null {
  for (const { rest, means } of list) {
    let i = at;
    let ok = true;
    for (const r of rest) {
      while (run[i] === " " || run[i] === "-") i++;
      const next = run.charCodeAt(i + r.length);
      const boundary = !((next >= 97 && next <= 122) || (next >= 48 && next <= 57));
      if (i === at || !run.startsWith(r, i) || !boundary) {
        ok = false;
        break;
      }
      i += r.length;
    }
    if (ok) return { means, end: i };
  }
  return null;
}
