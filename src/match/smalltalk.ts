// Greetings, thanks, "who are you": recognised from the smalltalk intents in settings.json (knowledge,
// not code). A message counts as smalltalk only when it is short and nearly all of its words come from
// one intent's examples, so "hi, I lost my ID card" stays a question.
import Fuse from "fuse.js";
import type { Settings } from "../knowledge/schema.ts";
import { allPhrases } from "../knowledge/text.ts";
import { normalize } from "./normalize.ts";

/** Words that may pad any smalltalk message without changing it. */
const FILLER = new Set(
  `a an the so oh and very much really that this it is its just well then all for again too was were am be been
  啦 了 的 啊 呀 哦 吧 呢 嗯 哈 哈哈 嘛 呐 喔 噢 哟 ！`.split(/\s+/).filter(Boolean),
);
/** Longer messages are questions with a greeting attached, not smalltalk. */
const MAX_WORDS = 8;
/** Longer than this (in characters) is never smalltalk. */
const MAX_CHARS = 80;
/** Share of a message's non-filler words that must belong to one intent. */
const MIN_COVERAGE = 0.75;

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

function smalltalkWords(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(normalize(text))) {
    if (!s.isWordLike) continue;
    // Intl.Segmenter keeps English words whole and splits Chinese into dictionary words.
    const w = s.segment;
    if (!FILLER.has(w)) out.push(w);
  }
  return out;
}

export type SmalltalkDetector = { detect(text: string): { intent: string; coverage: number } | null };

export function buildSmalltalk(settings: Settings): SmalltalkDetector {
  // A message that is exactly one of the examples goes to that example's intent ("ok" → ack, not thanks).
  const exact = new Map<string, string>();
  const intents = settings.smalltalk.map((s) => {
    const words = new Set<string>();
    for (const e of allPhrases(s.examples)) {
      const ws = smalltalkWords(e);
      for (const w of ws) words.add(w);
      const key = ws.join(" ");
      if (!exact.has(key)) exact.set(key, s.id);
    }
    return { id: s.id, words };
  });
  const vocab = [...new Set(intents.flatMap((i) => [...i.words]))];
  // Fuse's Bitap matching forgives typos ("thnks", "helo"); the vocabulary is a few dozen words,
  // so its linear scan is cheap here.
  const fuse = new Fuse(vocab, { includeScore: true, threshold: 0.34, ignoreLocation: true, minMatchCharLength: 2 });
  const vocabSet = new Set(vocab);
  const fuzzyCache = new Map<string, string | null>();
  const fuzzy = (w: string): string | null => {
    if (w.length < 4 || /\p{Script=Han}/u.test(w) || vocabSet.has(w)) return null;
    if (!fuzzyCache.has(w)) {
      const hit = fuse.search(w, { limit: 1 })[0];
      // Only whole-word look-alikes: "thnks" ≈ "thanks", but "thanksgiving" is not "thanks".
      const ok = hit && Math.abs(hit.item.length - w.length) <= 2;
      if (fuzzyCache.size > 10_000) fuzzyCache.clear();
      fuzzyCache.set(w, ok ? hit.item : null);
    }
    return fuzzyCache.get(w) ?? null;
  };

  return {
    detect(text) {
      // Smalltalk is short; don't spend time cutting up a long message.
      if (text.length > MAX_CHARS) return null;
      const words = smalltalkWords(text);
      if (intents.length === 0 || words.length === 0 || words.length > MAX_WORDS) return null;
      // Each word may come from any intent ("hi, who are you"); the reply is the intent covering most.
      const coveredBy = intents.map(() => 0);
      let coveredAny = 0;
      for (const w of words) {
        const f = fuzzy(w);
        let any = false;
        intents.forEach((intent, i) => {
          if (intent.words.has(w) || (f !== null && intent.words.has(f))) {
            coveredBy[i]!++;
            any = true;
          }
        });
        if (any) coveredAny++;
      }
      const coverage = coveredAny / words.length;
      if (coverage < MIN_COVERAGE) return null;
      const same = exact.get(words.join(" "));
      if (same !== undefined) return { intent: same, coverage };
      let bestAt = 0;
      coveredBy.forEach((c, i) => {
        if (c > coveredBy[bestAt]!) bestAt = i;
      });
      return { intent: intents[bestAt]!.id, coverage };
    },
  };
}
