// English words of a text: runs of [a-z0-9] read by character code, each looked up once per occurrence in
// a word table (words.ts) that knows what it is: boilerplate, a negation ("not planning to move my
// hukou"), "already" ("already got her hukou"), a question word, the start of a glossary entry. Reports
// the content words to the tokeniser's sink (tokens.ts).
import { matchEn, type CompiledGlossary, type EnEntries } from "./glossary.ts";
import { stem } from "./stem.ts";
import { EN_STOP } from "./stopwords.ts";
import type { Sink } from "./tokens.ts";
import { HASH_START, hashStep, WordTable } from "./words.ts";

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

/** Words that make a clause a question ("how do I …"; Chinese: tokens.ts). */
const EN_ASK = new Set(["how", "what", "whats", "where", "when", "which", "any"]);
/**
 * …and words that ask only where a clause starts with them ("Can I …", "do we need …"): inside one they
 * tell ("we are not local", "my card does not work", "I can bring it").
 */
const EN_ASK_FIRST = new Set(["can", "could", "do", "does", "is", "are", "should", "need", "will", "would", "may", "did", "must", "have", "has"]);
/** Words a question may start with before its asking word ("and can I …", "so do we …"). */
const EN_LEAD_IN = new Set(["and", "but", "so", "also", "then", "ok", "okay", "please", "pls", "plz", "hi", "hello", "hey", "oh", "well", "now"]);

/**
 * Words after which the next few tell what is done ("already got her hukou", "we've sorted his hukou") or left
 * for later ("later we plan to move my hukou"): the story around the request, not the request.
 */
const EN_DONE_START = new Set(["already", "sorted", "finished", "completed", "later", "eventually"]);
/**
 * A procedure's verb in the past right after its subject ("he renewed his passport last spring, …", "we just
 * moved to this city", "we did his ID card last month"): what follows is done, like after "already" —
 * unless the clause has asked already ("how do I get my hukou moved here"). After an object it is what is
 * wanted ("want my hukou moved"). Not "married": a divorce's story starts with it ("we married at this office
 * eight years ago … do we bring our marriage certificates?").
 */
const EN_DID = new Set(["renewed", "replaced", "transferred", "moved", "did", "registered"]);
/**
 * A state a life event left, right after a form of "be" or "got" ("my parents are divorced", "we got married
 * last year", "she's retired"): the story around the request, like EN_DID — unless the clause has asked
 * already. "Getting married" is no such state: the event lies ahead.
 */
const EN_STATE = new Set(["married", "divorced", "retired", "widowed"]);
const EN_STATE_AUX = new Set(["are", "is", "was", "were", "been", "got", "im", "hes", "shes", "theyre"]);
/**
 * A clause that opens by saying who someone is ("I'm a self-employed plumber, …", "we are a non-local family
 * and …"): the story around the request, up to the words that end "already" (EN_DONE_END).
 */
const EN_WHO = new Set(["im", "hes", "shes", "theyre"]);
/**
 * A result that tells what came before it in the clause is done ("we got our dibao approved, …", "his hukou is
 * sorted"), unless the clause asks or wishes for it ("I want it approved fast"), or it is not yet one ("still
 * being processed").
 */
const EN_RESULT = new Set(["approved", "granted", "issued", "sorted", "finished", "completed", "processed", "settled"]);
/** …and words that make it a wish, or not yet a result ("still being processed"). */
const EN_WISH = new Set(["want", "wanna", "wants", "need", "needs", "like", "hope", "wish", "get", "how", "being", "still", "yet"]);
const EN_BE = new Set(["am", "are", "is"]);
/** Family members, who are subjects too ("my dad moved here last year"). */
const FAMILY = ["dad", "mum", "mom", "father", "mother", "husband", "wife", "parents", "son", "daughter", "grandpa", "grandma", "granny", "gran"];
/**
 * Who does something, or a passive's auxiliary ("…has been transferred", "was renewed"), and words that may
 * stand between them and the verb ("we just moved", "I've also").
 */
const EN_SUBJECT = new Set(["i", "we", "he", "she", "they", "ive", "weve", "hes", "shes", "theyve", "been", "was", "were", ...FAMILY]);
/**
 * "retired" after a family member ("my dad retired last year, …"): their story. The citizen's own retirement
 * ("I retired and want my provident fund out") is as often the matter itself.
 */
const EN_THEY_DID = new Set(["retired"]);
const EN_BETWEEN = new Set(["just", "also", "recently", "finally", "already", "have", "has", "had"]);
/** Words that end what EN_DONE_START covers: "already got X, now …", "already did X but …". */
const EN_DONE_END = new Set(["but", "now", "so", "then", "and", "can", "what", "how", "do", "is"]);
/** Content words "already" covers at most. */
const EN_DONE_SCOPE = 6;

/** Clause punctuation (. , ; : ! ?) by character code: tested for every space and sign of every text. */
const PUNCT = new Uint8Array(128);
for (const c of ".,;:!?") PUNCT[c.charCodeAt(0)] = 1;

/** Bits of a word's flags in the word table (see wordFacts). */
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
/** Asks where it opens a clause (EN_ASK_FIRST). */
const W_ASK_FIRST = 512;
/** May open a question before its asking word (EN_LEAD_IN). */
const W_LEAD_IN = 1024;
/** A procedure's verb in the past (EN_DID). */
const W_DID = 2048;
const W_SUBJECT = 4096;
const W_BETWEEN = 8192;
/** A state a life event left (EN_STATE), and what may stand right before it (EN_STATE_AUX). */
const W_STATE = 16384;
const W_STATE_AUX = 32768;
/** Opens a clause that says who someone is: "I'm …", "he's …" (EN_WHO), or "we are …" (a subject, then EN_BE). */
const W_WHO = 65536;
const W_BE = 131072;
const W_RESULT = 262144;
const W_WISH = 524288;
const W_THEY_DID = 1048576;
const W_FAMILY = 2097152;

/** What the word table keeps for each English word besides its flags. */
export type WordInfo = { stem: string; glossary: EnEntries | undefined };

/** The English words read so far, each with its flags and WordInfo. */
export type Words = WordTable<WordInfo>;

export function createWords(glossary: CompiledGlossary | undefined): Words {
  return new WordTable((w) => wordFacts(w, glossary));
}

/**
 * A number, maybe with a unit of age, order, time or money ("2015", "16yo", "3rd", "5pm", "30k"): a quantity,
 * no word. Not "60s": "card for over 60s" names who it is for.
 */
const QUANTITY = /^[0-9]+(?:yo|y|yr|yrs|st|nd|rd|th|am|pm|k)?$/;

function wordFacts(w: string, glossary: CompiledGlossary | undefined): { flags: number; info: WordInfo } {
  const s = stem(w);
  const flags =
    (EN_DONE_START.has(w) ? W_ALREADY : 0) |
    (EN_DONE_END.has(w) ? W_DONE_END : 0) |
    (EN_NEG.has(w) ? W_NEG : 0) |
    (EN_NEG_VERB.has(w) ? W_NEG_VERB : 0) |
    (w.length < MIN_WORD || EN_STOP.has(w) ? W_SKIP : 0) |
    (QUANTITY.test(w) ? W_NO_LETTER : 0) |
    (EN_STOP.has(s) ? W_STEM_STOP : 0) |
    (EN_ASK.has(w) ? W_ASK : 0) |
    (EN_ASK_FIRST.has(w) ? W_ASK_FIRST : 0) |
    (EN_LEAD_IN.has(w) ? W_LEAD_IN : 0) |
    (EN_DID.has(w) ? W_DID : 0) |
    (EN_SUBJECT.has(w) ? W_SUBJECT : 0) |
    (EN_BETWEEN.has(w) ? W_BETWEEN : 0) |
    (EN_STATE.has(w) ? W_STATE : 0) |
    (EN_STATE_AUX.has(w) ? W_STATE_AUX : 0) |
    (EN_WHO.has(w) ? W_WHO : 0) |
    (EN_BE.has(w) ? W_BE : 0) |
    (EN_RESULT.has(w) ? W_RESULT : 0) |
    (EN_WISH.has(w) ? W_WISH : 0) |
    (EN_THEY_DID.has(w) ? W_THEY_DID : 0) |
    (FAMILY.includes(w) ? W_FAMILY : 0);
  const entries = glossary?.en.get(w);
  return { flags: flags | (entries ? W_GLOSSARY : 0), info: { stem: s, glossary: entries } };
}

/**
 * Where scanEnglish is in a run: negation and "already" scopes. One per reader, reused for every run (no
 * object or closure per call: the index build reads hundreds of thousands).
 */
export type EnState = { sink: Sink; words: Words; negate: number; sawNeg: number; done: number; asked: boolean; subject: boolean; aux: boolean; family: boolean };

export function createEnState(words: Words): EnState {
  return { sink: NO_SINK, words, negate: 0, sawNeg: 0, done: 0, asked: false, subject: false, aux: false, family: false };
}

const NO_SINK: Sink = { word() {}, span() {} };

/**
 * Word number `no` of an English run, whose flags are `f`: negation and "already" bookkeeping, then
 * boilerplate, then the sink. `replaced`: a glossary replacement word, which counts as having a letter.
 */
function takeWord(st: EnState, no: number, f: number, replaced: boolean): void {
  if ((f & W_ALREADY) !== 0 || ((f & W_DID) !== 0 && st.subject && !st.asked) || ((f & W_STATE) !== 0 && st.aux && !st.asked) || ((f & W_THEY_DID) !== 0 && st.family && !st.asked)) {
    st.done = EN_DONE_SCOPE;
  } else if (st.done > 0 && (f & W_DONE_END) !== 0) st.done = 0;
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

/** Whether run[start, end) is a word of five letters or more ending in "ing". */
function endsInIng(run: string, start: number, end: number): boolean {
  return end - start > 4 && run.charCodeAt(end - 3) === 105 && run.charCodeAt(end - 2) === 110 && run.charCodeAt(end - 1) === 103;
}

/**
 * Reports the content words of run[from, n), a run of non-Chinese text (all of it or up to a Chinese
 * character), to `sink`; returns how many words it has in all. Pieces are runs of [a-z0-9] and single
 * clause punctuation, read by character code (no regular expressions, match objects or word strings:
 * this runs for every text of the knowledge).
 */
export function scanEnglish(run: string, from: number, n: number, sink: Sink, st: EnState): number {
  const { words } = st;
  let count = 0;
  st.sink = sink;
  st.negate = 0;
  st.sawNeg = 0;
  st.done = 0;
  st.asked = false;
  st.subject = false;
  st.family = false;
  st.aux = false;
  // Whether no word of the clause but a lead-in has been read yet; how many words it has had.
  let opening = true;
  let nth = 0;
  // Whether the word before said who someone is ("I'm", "we are"); whether the clause wishes for something.
  let who = false;
  let wish = false;
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
        st.asked = false;
        st.subject = false;
        st.family = false;
        st.aux = false;
        opening = true;
        nth = 0;
        who = false;
        wish = false;
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
    // After "I'm", "we are": who someone is, not what they are doing ("I'm selling my car"), often the request.
    if (who && !endsInIng(run, start, i)) st.done = EN_DONE_SCOPE;
    if (hasLetter) count++;
    if ((f & W_ASK) !== 0 || ((f & W_ASK_FIRST) !== 0 && opening)) {
      st.asked = true;
      if (sink.mark) sink.mark("ask");
    }
    if ((f & W_LEAD_IN) === 0) opening = false;
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
    // A result tells that what the clause said before it is done (EN_RESULT).
    if ((f & (W_WISH | W_NEG)) !== 0) wish = true;
    if ((f & W_RESULT) !== 0 && !st.asked && !wish && nth > 1 && sink.mark) sink.mark("told");
    // "I'm …", "we are …" at the clause's start: the next word may say who someone is.
    who = !st.asked && ((nth === 0 && (f & W_WHO) !== 0) || (nth === 1 && st.subject && (f & W_BE) !== 0));
    nth++;
    st.subject = (f & W_SUBJECT) !== 0 || (st.subject && (f & W_BETWEEN) !== 0);
    st.family = (f & W_FAMILY) !== 0 || (st.family && (f & W_BETWEEN) !== 0);
    st.aux = (f & W_STATE_AUX) !== 0 || (st.aux && (f & W_BETWEEN) !== 0);
  }
  return count;
}
