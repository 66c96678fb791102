// Turns text into what matching compares: English word stems, and for Chinese (which has no spaces) the
// runs of meaningful characters (zh.ts), which the index and the query cut into characters and character
// pairs. Mixed-language text yields both. The knowledge and the questions go through this same scan.
import { detectLang, hanTable, isAscii, normalizeAscii, normalizeFully, normalizeSimple } from "./normalize.ts";
import { stem } from "./stem.ts";
import { applyZh, matchEn, type CompiledGlossary, type EnEntries } from "./glossary.ts";
import { EN_STOP } from "./stopwords.ts";
import { HASH_START, hashStep, WordTable } from "./words.ts";
import { zhSpans, type SpanSink } from "./zh.ts";

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
const SURROGATE = /[\uD800-\uDFFF]/;

/** Receives a text's meaningful pieces in reading order; `done` as in Analysed.parts. */
export type Sink = SpanSink & {
  /**
   * An English content word, by its number in the reader's word table (the same in every text): the word
   * is reader.words.text[no], its stem reader.words.info[no].stem.
   */
  word(no: number, done: boolean): void;
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
    zhSpans(run, false, sink);
    return;
  }
  const cut = end < 0 ? run.length : end + 1;
  zhSpans(run.slice(0, cut), true, sink);
  if (cut < run.length) zhSpans(run.slice(cut), false, sink);
}

/**
 * Walks `text` (normalised here, glossary words read as what they mean) and reports its pieces; returns
 * the script counts for the language guess.
 */
export function scan(text: string, sink: Sink, reader: Reader): Counts {
  // Plain ASCII (most English text) has no Chinese: one run, no run splitting.
  if (isAscii(text)) {
    const ascii = normalizeAscii(text);
    return { han: 0, latin: ascii === "" ? 0 : scanEnglish(ascii, 0, ascii.length, sink, reader) };
  }
  const simple = normalizeSimple(text);
  const norm = simple ?? normalizeFully(text);
  const counts: Counts = { han: 0, latin: 0 };
  // Runs of Han characters and runs of everything else, by character code (no regular expression or
  // string per run) unless the text has characters outside the Basic Multilingual Plane.
  if (simple === null && SURROGATE.test(norm)) {
    for (const run of norm.match(RUNS) ?? []) scanRun(run, 0, run.length, HAN_START.test(run), sink, reader, counts);
    return counts;
  }
  const han = hanTable();
  for (let start = 0; start < norm.length; ) {
    const isHan = han[norm.charCodeAt(start)] === 1;
    let end = start + 1;
    while (end < norm.length && (han[norm.charCodeAt(end)] === 1) === isHan) end++;
    scanRun(norm, start, end, isHan, sink, reader, counts);
    start = end;
  }
  return counts;
}

/** How many Chinese characters and English words a text has (for the language guess). */
type Counts = { han: number; latin: number };

/** Reports text[start, end), a run of Chinese (`han`) or of other characters; adds to `counts`. */
function scanRun(text: string, start: number, end: number, han: boolean, sink: Sink, reader: Reader, counts: Counts): void {
  if (han) {
    const run = text.slice(start, end);
    counts.han += run.length;
    if (sink.mark && ZH_ASK.test(run)) sink.mark("ask");
    scanZh(reader.glossary ? applyZh(reader.glossary, run) : run, sink);
    return;
  }
  // Chinese chat uses spaces as commas ("低保咋申请啊 家里揭不开锅了").
  if (counts.han > 0 && sink.mark && SPACE_ONLY.test(text.slice(start, end))) sink.mark("boundary");
  counts.latin += scanEnglish(text, start, end, sink, reader);
}

/** Question words are unbounded input: a reader's word table starts afresh past this many words. */
const MAX_QUESTION_WORDS = 50_000;
/** The reader for questions, per glossary (one per index build), so their words are looked up once too. */
const readers = new WeakMap<CompiledGlossary, Reader>();
const plainReader = createReader();

function questionReader(glossary: CompiledGlossary | undefined): Reader {
  if (!glossary) return plainReader;
  let reader = readers.get(glossary);
  if (!reader) readers.set(glossary, (reader = createReader(glossary)));
  return reader;
}

export function analyse(text: string, glossary?: CompiledGlossary): Analysed {
  const reader = questionReader(glossary);
  if (reader.words.size > MAX_QUESTION_WORDS) reader.words.clear();
  const out: Analysed = { lang: "en", contentWords: 0, parts: [], asking: [false] };
  let clause = 0;
  const { han, latin } = scan(text, {
    word(no, done) {
      out.parts.push({ en: reader.words.text[no]!, done, clause });
      out.contentWords++;
    },
    span(text, start, end, done) {
      const span = text.slice(start, end);
      out.parts.push({ zh: span, done, clause });
      out.contentWords += Math.max(1, Math.round(span.length / 2));
    },
    mark(what) {
      if (what === "ask") out.asking[clause] = true;
      // A new clause only once the current one has something in it.
      else if (out.parts.length > 0 && out.parts[out.parts.length - 1]!.clause === clause) out.asking[++clause] = false;
    },
  }, reader);
  out.lang = detectLang(han, latin);
  return out;
}

/** Clause punctuation (. , ; : ! ?) by character code: tested for every space and sign of every text. */
const PUNCT = new Uint8Array(128);
for (const c of ".,;:!?") PUNCT[c.charCodeAt(0)] = 1;

/** Bits of a word's flags in a reader's word table (see wordFacts). */
const W_ALREADY = 1;
const W_DONE_END = 2;
const W_NEG = 4;
const W_NEG_VERB = 8;
/** Shorter than MIN_WORD, or boilerplate. */
const W_SKIP = 16;
const W_NO_LETTER = 32;
/** Its stem is boilerplate. */
const W_STEM_STOP = 64;
const W_ASK = 128;
/** Some glossary entry starts with it. */
const W_GLOSSARY = 256;

/** What the word table keeps for each English word besides its flags. */
export type WordInfo = { stem: string; glossary: EnEntries | undefined };

/**
 * How scan() reads text: the admin's glossary and a table of the English words seen so far with what the
 * tokeniser needs to know about each (words.ts), so a word that recurs is looked up once per occurrence.
 */
export type Reader = { glossary: CompiledGlossary | undefined; words: WordTable<WordInfo> };

export function createReader(glossary?: CompiledGlossary): Reader {
  return { glossary, words: new WordTable((w) => wordFacts(w, glossary)) };
}

function wordFacts(w: string, glossary: CompiledGlossary | undefined): { flags: number; info: WordInfo } {
  const s = stem(w);
  const flags =
    (w === "already" ? W_ALREADY : 0) |
    (EN_DONE_END.has(w) ? W_DONE_END : 0) |
    (EN_NEG.has(w) ? W_NEG : 0) |
    (EN_NEG_VERB.has(w) ? W_NEG_VERB : 0) |
    (w.length < MIN_WORD || EN_STOP.has(w) ? W_SKIP : 0) |
    (/[a-z]/.test(w) ? 0 : W_NO_LETTER) |
    (EN_STOP.has(s) ? W_STEM_STOP : 0) |
    (EN_ASK.has(w) ? W_ASK : 0);
  const entries = glossary?.en.get(w);
  return { flags: flags | (entries ? W_GLOSSARY : 0), info: { stem: s, glossary: entries } };
}

/** Where scanEnglish is in a run: negation and "already" scopes (one object, no closure per call). */
type EnState = { sink: Sink; words: WordTable<WordInfo>; negate: number; sawNeg: number; done: number };

/**
 * Word number `no` of an English run, whose flags are `f`: negation and "already" bookkeeping, then
 * boilerplate, then the sink. `replaced`: a glossary replacement word, which counts as having a letter.
 */
function takeWord(st: EnState, no: number, f: number, replaced: boolean): void {
  if ((f & W_ALREADY) !== 0) st.done = EN_DONE_SCOPE;
  else if (st.done > 0 && (f & W_DONE_END) !== 0) st.done = 0;
  // A negation followed within two words by an intention verb ("not really planning to").
  if ((f & W_NEG) !== 0) st.sawNeg = 3;
  else if (st.sawNeg > 0) {
    st.sawNeg--;
    if ((f & W_NEG_VERB) !== 0) {
      st.negate = EN_NEG_SCOPE;
      st.sawNeg = 0;
      return;
    }
  }
  if ((f & W_SKIP) !== 0 || (!replaced && (f & W_NO_LETTER) !== 0)) return;
  if (st.negate > 0) {
    st.negate--;
    return;
  }
  if ((f & W_STEM_STOP) !== 0) return;
  st.sink.word(no, st.done > 0);
  if (st.done > 0) st.done--;
}

/**
 * Reports the content words of run[from, n), a run of non-Chinese text (all of it or up to a Chinese
 * character); returns how many words it has in all. Pieces are runs of [a-z0-9] and single clause
 * punctuation, read by character code (no regular expressions, match objects or word strings: this runs
 * for every text of the knowledge).
 */
function scanEnglish(run: string, from: number, n: number, sink: Sink, reader: Reader): number {
  const { words } = reader;
  let count = 0;
  const st: EnState = { sink, words, negate: 0, sawNeg: 0, done: 0 };
  let i = from;
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
    let h = hashStep(HASH_START, c);
    for (i++; i < n; i++) {
      const d = run.charCodeAt(i);
      if (d >= 97 && d <= 122) hasLetter = true;
      else if (!(d >= 48 && d <= 57)) break;
      h = hashStep(h, d);
    }
    const no = words.find(run, start, i, h);
    const f = words.flags[no]!;
    if (hasLetter) count++;
    if (sink.mark && (f & W_ASK) !== 0) sink.mark("ask");
    // Past n stands a Chinese character, which ends a glossary entry's word just as the end of text does.
    const g = hasLetter && (f & W_GLOSSARY) !== 0 ? matchEn(words.info[no]!.glossary!, run, i) : null;
    if (g === null) takeWord(st, no, f, false);
    else {
      i = g.end;
      for (const m of g.means) {
        const replacement = words.of(m);
        takeWord(st, replacement, words.flags[replacement]!, true);
      }
    }
  }
  return count;
}
