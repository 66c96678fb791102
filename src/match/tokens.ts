// Turns text into what matching compares: English word stems, and for Chinese (which has no spaces) the
// runs of meaningful characters (zh.ts), which the index and the query cut into characters and character
// pairs. Mixed-language text yields both. The knowledge and the questions go through this same scan.
import { detectLang, DROPPED, hanTable, isAscii, normalizeAscii, normalizeFully, normalizeRun, normalizeSimple, simpleCodes } from "./normalize.ts";
import { createEnState, createWords, scanEnglish, type EnState, type Words } from "./english.ts";
import { applyZh, type CompiledGlossary } from "./glossary.ts";
import { scanZh, ZH_HAD_ONLY } from "./zh-story.ts";
import type { SpanSink } from "./zh.ts";

/** Single Chinese characters are weaker evidence than pairs; they still catch typos like 护招 for 护照. */
export const UNIGRAM_FACTOR = 0.5;

export type Analysed = {
  lang: "en" | "zh";
  /** Meaningful words (English words; a Chinese run counts one per two characters): short or long message. */
  contentWords: number;
  /**
   * English content words (unstemmed) and Chinese runs in reading order, for word positions. `done`: the
   * words tell what is already done ("already got her hukou", "户口已经上好了"), not what is asked. `how`: a
   * one-character run right after the run before it and a "how" word (户口怎么迁: 迁), maybe its verb.
   */
  parts: ({ en: string; done: boolean; clause: number } | { zh: string; done: boolean; clause: number; how?: true })[];
  /**
   * Per clause (cut at punctuation, and at spaces between Chinese characters): whether it asks something
   * (a question word or mark). Parts name their clause by its number.
   */
  asking: boolean[];
};

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
  /**
   * A clause ends here ("boundary"), the current one asks something ("ask"), or the current one only says
   * the citizen has what the clause before it names ("had": "社区说要居住证和社保证明，我都有"), or that what the
   * current one said so far is done ("told": "we got our dibao approved"). Optional: the index ignores it.
   */
  mark?(what: "boundary" | "ask" | "had" | "told"): void;
};

/** Characters and words that make a clause a question ("咋弄", "要不要"; English: english.ts). */
// 几 asks "how many", except in 好几/十几/这几/前几 ("several", "these few").
const ZH_ASK = /怎|咋|如何|吗|什么|啥|哪|能不能|要不要|是否|可不可以|有没有|多少|(?<![好十这前])几/;
const SPACE_ONLY = /^\s+$/;

/**
 * Walks `text` (normalised here, glossary words read as what they mean) and reports its pieces; returns
 * the script counts for the language guess (the reader's, valid until it reads the next text).
 */
export function scan(text: string, sink: Sink, reader: Reader): Counts {
  const { counts } = reader;
  counts.han = 0;
  counts.latin = 0;
  // Plain ASCII (most English text) has no Chinese: one run, no run splitting.
  if (isAscii(text)) {
    const ascii = normalizeAscii(text);
    if (ascii !== "") counts.latin = scanEnglish(ascii, 0, ascii.length, sink, reader.en);
    return counts;
  }
  if (scanSimple(text, sink, reader)) return counts;
  const simple = normalizeSimple(text);
  const norm = simple ?? normalizeFully(text);
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

/**
 * scan() of the usual text, whose characters normalize() all treats one at a time and keeps (no apostrophe
 * to drop; see simpleCodes): runs are found on the text as written, by the codes it normalises to, and
 * only a run that normalising changes (a full-width comma, a capital, a traditional character) is copied,
 * instead of the whole text. Returns false, having reported nothing, for any other text.
 */
function scanSimple(text: string, sink: Sink, reader: Reader): boolean {
  const codes = simpleCodes();
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const to = codes[text.charCodeAt(i)]!;
    if (to === 0 || to === DROPPED) return false;
  }
  const han = hanTable();
  for (let start = 0; start < n; ) {
    const first = text.charCodeAt(start);
    const isHan = han[codes[first]!] === 1;
    let changed = codes[first] !== first;
    let end = start + 1;
    for (; end < n; end++) {
      const c = text.charCodeAt(end);
      const to = codes[c]!;
      if ((han[to] === 1) !== isHan) break;
      if (to !== c) changed = true;
    }
    if (!changed) scanRun(text, start, end, isHan, sink, reader, reader.counts);
    else {
      const run = normalizeRun(text, start, end);
      scanRun(run, 0, run.length, isHan, sink, reader, reader.counts);
    }
    start = end;
  }
  return true;
}

/** How many Chinese characters and English words a text has (for the language guess). */
export type Counts = { han: number; latin: number };

/** Reports text[start, end), a run of Chinese (`han`) or of other characters; adds to `counts`. */
function scanRun(text: string, start: number, end: number, han: boolean, sink: Sink, reader: Reader, counts: Counts): void {
  if (han) {
    counts.han += end - start;
    // Only a question's clauses ask or tell (the index has no `mark`).
    let tells = false;
    if (sink.mark) {
      const run = text.slice(start, end);
      const asks = ZH_ASK.test(run);
      if (asks) sink.mark("ask");
      else if (run.length <= 8 && ZH_HAD_ONLY.test(run)) sink.mark("had");
      tells = !asks;
    }
    const replaced = reader.glossary ? applyZh(reader.glossary, text, start, end) : null;
    if (replaced === null) scanZh(text, start, end, sink, tells);
    else scanZh(replaced, 0, replaced.length, sink, tells);
    return;
  }
  // Chinese chat uses spaces as commas ("低保咋申请啊 家里揭不开锅了").
  if (counts.han > 0 && sink.mark && SPACE_ONLY.test(text.slice(start, end))) sink.mark("boundary");
  counts.latin += scanEnglish(text, start, end, sink, reader.en);
}

/**
 * How scan() reads text: the admin's glossary and a table of the English words seen so far with what the
 * tokeniser needs to know about each (words.ts), so a word that recurs is looked up once per occurrence.
 * `counts` and `en` are scratch space for one text at a time (no objects allocated per text: the index
 * build reads hundreds of thousands).
 */
export type Reader = { glossary: CompiledGlossary | undefined; words: Words; counts: Counts; en: EnState };

export function createReader(glossary?: CompiledGlossary): Reader {
  const words = createWords(glossary);
  return { glossary, words, counts: { han: 0, latin: 0 }, en: createEnState(words) };
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

/** "How" between a Chinese object and its one-character verb: "户口怎么迁", "护照咋换", "社保卡如何补". */
const HOW = ["怎么", "咋", "如何", "怎样", "该怎么", "要怎么", "该咋", "要咋"];

/** Whether text[…, at) ends with `object` and a HOW word (the object right before it, nothing between). */
function asksHow(text: string, at: number, object: string): boolean {
  return HOW.some((how) => text.startsWith(how, at - how.length) && text.startsWith(object, at - how.length - object.length));
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
      const before = out.parts[out.parts.length - 1];
      const how = end - start === 1 && before !== undefined && "zh" in before && before.clause === clause && before.zh.length > 1 && asksHow(text, start, before.zh);
      out.parts.push(how ? { zh: span, done, clause, how } : { zh: span, done, clause });
      out.contentWords += Math.max(1, Math.round(span.length / 2));
    },
    mark(what) {
      if (what === "ask") out.asking[clause] = true;
      else if (what === "told") {
        for (const p of out.parts) if (p.clause === clause) p.done = true;
      } else if (what === "had") {
        // What the clause before named is had, unless that clause asked for it.
        const before = out.parts[out.parts.length - 1]?.clause;
        if (before !== undefined && !out.asking[before]) for (const p of out.parts) if (p.clause === before) p.done = true;
      }
      // A new clause only once the current one has something in it.
      else if (out.parts.length > 0 && out.parts[out.parts.length - 1]!.clause === clause) out.asking[++clause] = false;
    },
  }, reader);
  out.lang = detectLang(han, latin);
  return out;
}

