// Greetings, thanks, "who are you": recognised from the smalltalk intents in settings.json (knowledge,
// not code). A message counts as smalltalk only when it is short and nearly all of its words come from
// one intent's examples, so "hi, I lost my ID card" stays a question.
import Fuse from "fuse.js";
import type { Settings } from "../knowledge/schema.ts";
import { allPhrases } from "../knowledge/text.ts";
import { normalize } from "./normalize.ts";
import { stem } from "./stem.ts";
import { ADDRESS } from "./stopwords.ts";

/**
 * Words that may pad any smalltalk message without changing it, among them the ways people address
 * whoever answers ("thx bro", "谢谢你啊小助手").
 */
const FILLER = new Set([
  ...`a an the so oh and very much really that this it is its just well then all for again too was were am be been
  friend lol lmao haha hahaha hehe hmm omg ugh wow thing po
  啦 了 的 啊 呀 哦 吧 呢 嗯 哈 哈哈 哈哈哈 啊哈 嘛 呐 喔 噢 哟 ！
  小 老师 大哥 大姐 姐姐 小姐姐`.split(/\s+/).filter(Boolean),
  ...ADDRESS,
]);
/** Longer messages are questions with a greeting attached, not smalltalk. */
const MAX_WORDS = 8;
/** Longer than this (in characters) is never smalltalk. */
const MAX_CHARS = 80;
/**
 * More Chinese characters than this are never smalltalk (see detect), and fewer only up to HAN_SLACK times
 * the longest Chinese example: what small talk adds to an example is filler and a name ("你好啊 小助手").
 */
const MAX_HAN = 4 * MAX_WORDS;
const HAN_SLACK = 2;
const HAN = /\p{Script=Han}/u;
const HAN_G = /\p{Script=Han}/gu;
const hanCount = (text: string): number => text.match(HAN_G)?.length ?? 0;
/** Share of a message's non-filler words that must belong to one intent. */
const MIN_COVERAGE = 0.75;

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });

/**
 * Lower-case ASCII text of letters, digits and characters that Unicode word rules (UAX #29) always leave
 * standing alone: its word-like segments are simply its runs of letters and digits…
 */
const PLAIN = /^[a-z0-9\t\n !"#$%&()*+\-/<=>?@[\\\]^`{|}~,.:;]*$/;
/** …unless one of these sits between two letters or digits, which the rules may join ("3.5", "e.g", "10:30"). */
const JOINED = /[a-z0-9][,.:;][a-z0-9]/;
const RUN = /[a-z0-9]+/g;

/**
 * The word-like segments of normalised text, as Intl.Segmenter cuts them: it keeps English words whole and
 * splits Chinese into dictionary words. Plain text skips the segmenter, which costs about 15 µs a message
 * (test/match-smalltalk.test.ts checks both agree).
 */
export function wordSegments(norm: string): string[] {
  if (PLAIN.test(norm) && !JOINED.test(norm)) return norm.match(RUN) ?? [];
  const out: string[] = [];
  for (const s of segmenter.segment(norm)) if (s.isWordLike) out.push(s.segment);
  return out;
}

/** Chat spellings of smalltalk words ("thank u", "ty ur great"): read as the word they stand for. */
const SHORTHAND = new Map([["u", "you"], ["ur", "your"], ["r", "are"], ["thanx", "thanks"], ["thnx", "thanks"], ["tnx", "thanks"]]);

/** Emoji ("👍", "🙏"): no word-like segment, yet a whole reply on their own. */
const EMOJI = /\p{Extended_Pictographic}/gu;

/**
 * The words that say which smalltalk a message is: filler left out. A message of nothing but emoji or filler
 * ("👍", "哈哈", "lol") is read by those, which the knowledge's examples may name; beside words, emoji are
 * decoration ("thanks 😊").
 */
function smalltalkWords(text: string): string[] {
  const norm = normalize(text);
  const all = wordSegments(norm).map((w) => SHORTHAND.get(w) ?? w);
  const words = all.filter((w) => !FILLER.has(w));
  if (words.length > 0) return words;
  const emoji = norm.match(EMOJI);
  return emoji ? [...emoji] : all;
}

/** Text the bound in notSmalltalk holds for: Chinese characters (CJK unified ideographs), ASCII, CJK punctuation. */
const BOUNDED = /^[\u4e00-\u9fff\x00-\x7f、。“”《》【】…]*$/;
const IDEOGRAPH = /[\u4e00-\u9fff]/;
/** Characters of the Chinese filler words (啦, 哈哈 …): a word made of other characters is no filler. */
const FILLER_CHARS = new Set([...FILLER].filter((w) => IDEOGRAPH.test(w)).flatMap((w) => [...w]));

/**
 * Whether normalised `norm` is surely not smalltalk, found without cutting it into words (the segmenter is
 * the dearest part of a short Chinese question). A Chinese character that is not a filler and lies in no
 * smalltalk word sits in a word no intent covers (the segmenter keeps each Chinese character in a word-like
 * segment, never together with ASCII). Then MIN_COVERAGE needs enough covered words beside it, and covered
 * words are disjoint occurrences of Chinese smalltalk words or lie in runs of ASCII letters and digits: when
 * too few fit, the message is not smalltalk. `zhWords`: the smalltalk words with Chinese, by first character.
 */
function notSmalltalk(norm: string, zhWords: Map<string, string[]>): boolean {
  if (!BOUNDED.test(norm)) return false;
  // Occurrences of smalltalk words as [start, end) pairs; `reach`: the furthest end of those starting so far.
  const found: number[] = [];
  let reach = 0;
  let lone = false;
  for (let i = 0; i < norm.length; i++) {
    for (const w of zhWords.get(norm[i]!) ?? []) {
      if (!norm.startsWith(w, i)) continue;
      found.push(i, i + w.length);
      reach = Math.max(reach, i + w.length);
    }
    if (reach <= i && IDEOGRAPH.test(norm[i]!) && !FILLER_CHARS.has(norm[i]!)) lone = true;
  }
  if (!lone) return false;
  // At most this many covered words: the most disjoint occurrences (earliest end first), plus ASCII runs.
  const order = Array.from({ length: found.length / 2 }, (_, k) => k).sort((a, b) => found[2 * a + 1]! - found[2 * b + 1]!);
  let most = norm.match(/[a-z0-9_]+/g)?.length ?? 0;
  let end = 0;
  for (const k of order) {
    if (found[2 * k]! < end) continue;
    most++;
    end = found[2 * k + 1]!;
  }
  // With one word uncovered, coverage is at most most / (most + 1).
  return most / (most + 1) < MIN_COVERAGE;
}

export type SmalltalkDetector = { detect(text: string): { intent: string; coverage: number } | null };

/**
 * `realWord`: whether a word is one the procedures use ("food", "permit"): a real word, never read as a
 * misspelt smalltalk word ("good").
 */
export function buildSmalltalk(settings: Settings, realWord: (word: string) => boolean = () => false): SmalltalkDetector {
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
  const longestHan = Math.max(0, ...settings.smalltalk.flatMap((s) => allPhrases(s.examples)).map(hanCount));
  const maxHan = Math.min(MAX_HAN, HAN_SLACK * longestHan);
  const zhWords = new Map<string, string[]>();
  for (const w of vocab) if (IDEOGRAPH.test(w)) zhWords.set(w[0]!, [...(zhWords.get(w[0]!) ?? []), w]);
  // Fuse's Bitap matching forgives typos ("thnks", "helo"); the vocabulary is a few dozen words,
  // so its linear scan is cheap here.
  const fuse = new Fuse(vocab, { includeScore: true, threshold: 0.34, ignoreLocation: true, minMatchCharLength: 2 });
  const vocabSet = new Set(vocab);
  // Another form of a smalltalk word ("that helped" beside "that helps") is that word, typo or not.
  const byStem = new Map<string, string>();
  for (const w of vocab) if (!HAN.test(w) && !byStem.has(stem(w))) byStem.set(stem(w), w);
  const fuzzyCache = new Map<string, string | null>();
  /** Words fuzzy() may map: English words of four letters or more that are neither smalltalk words nor real words. */
  const mayFuzz = (w: string): boolean => w.length >= 4 && !HAN.test(w) && !vocabSet.has(w) && !realWord(w);
  const fuzzy = (w: string): string | null => {
    if (!mayFuzz(w)) return null;
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
      // Chinese words are one to four characters: this many are more than MAX_WORDS words, without cutting
      // the message into words (the segmenter is the dearest part of a longer Chinese question).
      if (hanCount(text) > maxHan) return null;
      if (IDEOGRAPH.test(text) && notSmalltalk(normalize(text), zhWords)) return null;
      const words = smalltalkWords(text);
      if (intents.length === 0 || words.length === 0 || words.length > MAX_WORDS) return null;
      // Without the fuzzy look-ups (a fuse.js search each), the most coverage reachable: words of the
      // vocabulary plus those fuzzy() might still map. Most questions fail here.
      // Another form of a smalltalk word, by its stem; null for words of the vocabulary themselves.
      const forms = words.map((w) => (vocabSet.has(w) ? null : (byStem.get(stem(w)) ?? null)));
      let reachable = 0;
      for (const [k, w] of words.entries()) if (vocabSet.has(w) || forms[k] !== null || mayFuzz(w)) reachable++;
      if (reachable / words.length < MIN_COVERAGE) return null;
      // Each word may come from any intent ("hi, who are you"); the reply is the intent covering most.
      const coveredBy = intents.map(() => 0);
      let coveredAny = 0;
      for (const [k, w] of words.entries()) {
        const f = vocabSet.has(w) ? null : (forms[k] ?? fuzzy(w));
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
