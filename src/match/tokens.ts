// Turns text into what matching compares: English word stems, and for Chinese (which has no spaces) the
// runs of meaningful characters (zh.ts), which the index and the query cut into characters and character
// pairs. Mixed-language text yields both. The knowledge and the questions go through this same scan.
import { detectLang, isAscii, normalize, normalizeAscii } from "./normalize.ts";
import { stem } from "./stem.ts";
import { applyZh, matchEn, type CompiledGlossary } from "./glossary.ts";
import { EN_STOP } from "./stopwords.ts";
import { zhSpans } from "./zh.ts";

/** Single Chinese characters are weaker evidence than pairs; they still catch typos like 护招 for 护照. */
export const UNIGRAM_FACTOR = 0.5;

export type Analysed = {
  lang: "en" | "zh";
  /** Meaningful words (English words; a Chinese run counts one per two characters): short or long message. */
  contentWords: number;
  /**
   * English content words (unstemmed) and Chinese runs in reading order, for word positions. `done`: the
   * words tell what is already done ("already got her hukou", "户口已经上好了"), not what is asked.
   */
  parts: ({ en: string; done: boolean; clause: number } | { zh: string; done: boolean; clause: number })[];
  /**
   * Per clause (cut at punctuation, and at spaces between Chinese characters): whether it asks something
   * (a question word or mark). Parts name their clause by its number.
   */
  asking: boolean[];
};

const MIN_WORD = 2;

/**
 * Negated intentions ("not planning to move my hukou", "don't want to …"): the matter right after is
 * what the citizen does NOT want, so those words are left out instead of counting as evidence for it.
 * (Chinese: zh.ts.)
 */
const EN_NEG = new Set(["not", "dont", "doesnt", "didnt", "wont", "never", "no"]);
const EN_NEG_VERB = new Set(["want", "wanna", "wants", "plan", "plans", "planning", "intend", "going", "agree", "agrees", "agreed"]);
/** Content words a negation covers in English. */
const EN_NEG_SCOPE = 3;

const RUNS = /\p{Script=Han}+|[^\p{Script=Han}]+/gu;
const HAN_START = /^\p{Script=Han}/u;

/** Receives a text's meaningful pieces in reading order; `done` as in Analysed.parts. */
export type Sink = {
  /** An English content word and its stem. */
  word(word: string, stem: string, done: boolean): void;
  /** A run of meaningful Chinese characters. */
  span(span: string, done: boolean): void;
  /** A clause ends here ("boundary"), or the current one asks something ("ask"). Optional: the index ignores it. */
  mark?(what: "boundary" | "ask"): void;
};

/** Words and characters that make a clause a question ("how do I …", "咋弄", "要不要"). */
const EN_ASK = new Set(["how", "what", "whats", "where", "when", "which", "can", "could", "do", "does", "is", "are", "should", "need", "any"]);
const ZH_ASK = /怎|咋|如何|吗|什么|啥|哪|能不能|要不要|是否|可不可以|有没有|多少|几/;
const SPACE_ONLY = /^\s+$/;

/** Words that end what "already" covers in English: "already got X, now …", "already did X but …". */
const EN_DONE_END = new Set(["but", "now", "so", "then", "and", "can", "what", "how", "do", "is"]);
/** Content words "already" covers at most. */
const EN_DONE_SCOPE = 6;
const ZH_DONE = "已经";

/** Reports a Chinese run; what it says is already done (from its start to the 了 after 已经) is `done`. */
function scanZh(run: string, sink: Sink): void {
  const at = run.indexOf(ZH_DONE);
  const end = at < 0 ? -1 : run.indexOf("了", at + ZH_DONE.length);
  if (at < 0) {
    for (const span of zhSpans(run)) sink.span(span, false);
    return;
  }
  const cut = end < 0 ? run.length : end + 1;
  for (const span of zhSpans(run.slice(0, cut))) sink.span(span, true);
  if (cut < run.length) for (const span of zhSpans(run.slice(cut))) sink.span(span, false);
}

/**
 * Walks `text` (normalised here, glossary words read as what they mean) and reports its pieces; returns
 * the script counts for the language guess.
 */
export function scan(text: string, sink: Sink, glossary?: CompiledGlossary): { han: number; latin: number } {
  // Plain ASCII (most English text) has no Chinese: one run, no run splitting.
  if (isAscii(text)) {
    const ascii = normalizeAscii(text);
    return { han: 0, latin: ascii === "" ? 0 : scanEnglish(ascii, sink, glossary) };
  }
  const norm = normalize(text);
  let han = 0;
  let latin = 0;
  // Runs of Han characters and runs of everything else.
  for (const run of norm.match(RUNS) ?? []) {
    if (HAN_START.test(run)) {
      han += run.length;
      if (sink.mark && ZH_ASK.test(run)) sink.mark("ask");
      scanZh(glossary ? applyZh(glossary, run) : run, sink);
      continue;
    }
    // Chinese chat uses spaces as commas ("低保咋申请啊 家里揭不开锅了").
    if (han > 0 && sink.mark && SPACE_ONLY.test(run)) sink.mark("boundary");
    latin += scanEnglish(run, sink, glossary);
  }
  return { han, latin };
}

export function analyse(text: string, glossary?: CompiledGlossary): Analysed {
  const out: Analysed = { lang: "en", contentWords: 0, parts: [], asking: [false] };
  let clause = 0;
  const { han, latin } = scan(text, {
    word(w, _stem, done) {
      out.parts.push({ en: w, done, clause });
      out.contentWords++;
    },
    span(span, done) {
      out.parts.push({ zh: span, done, clause });
      out.contentWords += Math.max(1, Math.round(span.length / 2));
    },
    mark(what) {
      if (what === "ask") out.asking[clause] = true;
      // A new clause only once the current one has something in it.
      else if (out.parts.length > 0 && out.parts[out.parts.length - 1]!.clause === clause) out.asking[++clause] = false;
    },
  }, glossary);
  out.lang = detectLang(han, latin);
  return out;
}

/** Clause punctuation (. , ; : ! ?) by character code: tested for every space and sign of every text. */
const PUNCT = new Uint8Array(128);
for (const c of ".,;:!?") PUNCT[c.charCodeAt(0)] = 1;

/**
 * Reports the content words of a run of non-Chinese text; returns how many words it has in all.
 * Pieces are runs of [a-z0-9] and single clause punctuation, read by character code (no regular
 * expressions or match objects: this runs for every text of the knowledge).
 */
/** Where scanEnglish is in a run: negation and "already" scopes (one object, no closure per call). */
type EnState = { sink: Sink; negate: number; sawNeg: number; done: number };

/** One word of an English run: negation and "already" bookkeeping, then boilerplate, then the sink. */
function takeWord(st: EnState, w: string, hasLetter: boolean): void {
  if (w === "already") st.done = EN_DONE_SCOPE;
  else if (st.done > 0 && EN_DONE_END.has(w)) st.done = 0;
  // A negation followed within two words by an intention verb ("not really planning to").
  if (EN_NEG.has(w)) st.sawNeg = 3;
  else if (st.sawNeg > 0) {
    st.sawNeg--;
    if (EN_NEG_VERB.has(w)) {
      st.negate = EN_NEG_SCOPE;
      st.sawNeg = 0;
      return;
    }
  }
  if (w.length < MIN_WORD || EN_STOP.has(w) || !hasLetter) return;
  if (st.negate > 0) {
    st.negate--;
    return;
  }
  const s = stem(w);
  if (EN_STOP.has(s)) return;
  st.sink.word(w, s, st.done > 0);
  if (st.done > 0) st.done--;
}

function scanEnglish(run: string, sink: Sink, glossary: CompiledGlossary | undefined): number {
  let words = 0;
  const st: EnState = { sink, negate: 0, sawNeg: 0, done: 0 };
  const n = run.length;
  let i = 0;
  while (i < n) {
    const c = run.charCodeAt(i);
    const letter = c >= 97 && c <= 122;
    if (!letter && !(c >= 48 && c <= 57)) {
      if ((c < 128 && PUNCT[c] === 1) || c === 0x3002 || c === 0x3001 || c === 10) {
        // A negation (or "already") does not reach past the end of its clause.
        st.negate = 0;
        st.sawNeg = 0;
        st.done = 0;
        if (sink.mark) {
          if (c === 63) sink.mark("ask");
          sink.mark("boundary");
        }
      }
      i++;
      continue;
    }
    const start = i;
    let hasLetter = letter;
    for (i++; i < n; i++) {
      const d = run.charCodeAt(i);
      if (d >= 97 && d <= 122) hasLetter = true;
      else if (!(d >= 48 && d <= 57)) break;
    }
    const w = run.slice(start, i);
    if (hasLetter) words++;
    if (sink.mark && EN_ASK.has(w)) sink.mark("ask");
    const g = glossary && hasLetter ? matchEn(glossary, w, run, i) : null;
    if (g === null) takeWord(st, w, hasLetter);
    else {
      i = g.end;
      for (const m of g.means) takeWord(st, m, true);
    }
  }
  return words;
}
