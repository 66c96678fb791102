// Turns text into the tokens matching compares: English word stems, and for Chinese (which has no spaces)
// the characters and character pairs of each run of meaningful words. Mixed-language text yields both.
import { countScript, detectLang, isHan, normalize } from "./normalize.ts";
import { stem } from "./stem.ts";
import { EN_STOP, ZH_STOP } from "./stopwords.ts";

/** Single Chinese characters are weaker evidence than pairs; they still catch typos like 护招 for 护照. */
export const UNIGRAM_FACTOR = 0.5;

export type Analysed = {
  /** token → strength factor (1 for words and character pairs, UNIGRAM_FACTOR for single characters). */
  tokens: Map<string, number>;
  lang: "en" | "zh";
  /** Meaningful words found (English words plus Chinese words), to tell short messages from long ones. */
  contentWords: number;
  /** English content words, unstemmed, for typo correction. */
  words: string[];
  /** Runs of meaningful Chinese characters (boilerplate removed), for typo correction. */
  spans: string[];
  /** English content words (unstemmed) and Chinese runs in reading order, for word positions. */
  parts: ({ en: string } | { zh: string })[];
};

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
const MIN_WORD = 2;

/** Characters and character pairs of a run of Chinese. */
export function addSpan(span: string, out: Map<string, number>): void {
  const chars = [...span];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (!out.has(c)) out.set(c, UNIGRAM_FACTOR);
    if (i + 1 < chars.length) out.set(c + chars[i + 1], 1);
  }
}

function addHan(run: string, out: Map<string, number>, spans: string[], parts: Analysed["parts"]): number {
  let words = 0;
  let span = "";
  const flush = () => {
    if (span) {
      addSpan(span, out);
      spans.push(span);
      parts.push({ zh: span });
    }
    span = "";
  };
  for (const s of segmenter.segment(run)) {
    if (ZH_STOP.has(s.segment)) {
      flush();
      continue;
    }
    words++;
    span += s.segment;
  }
  flush();
  return words;
}

export function analyse(text: string): Analysed {
  const norm = normalize(text);
  const tokens = new Map<string, number>();
  const words: string[] = [];
  const spans: string[] = [];
  const parts: Analysed["parts"] = [];
  let contentWords = 0;
  // Split into runs of Han characters and runs of everything else.
  const runs = norm.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? [];
  for (const run of runs) {
    if (isHan(run[0]!)) {
      contentWords += addHan(run, tokens, spans, parts);
      continue;
    }
    for (const w of run.match(/[a-z0-9]+/g) ?? []) {
      if (w.length < MIN_WORD || EN_STOP.has(w) || /^\d+$/.test(w)) continue;
      const s = stem(w);
      if (EN_STOP.has(s)) continue;
      tokens.set(s, 1);
      words.push(w);
      parts.push({ en: w });
      contentWords++;
    }
  }
  return { tokens, lang: detectLang(countScript(norm)), contentWords, words, spans, parts };
}
