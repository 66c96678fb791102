// The search index over the knowledge, built once per knowledge load: every procedure's title, aliases,
// example questions (and, weakly, its summary and material names) as weighted token lists, an inverted
// index token → procedures, and inverse document frequencies so distinctive words ("passport", "低保")
// outweigh common ones ("card", "申请"). Tokens are numbered so matching works on typed arrays.
import type { Department, Knowledge, Procedure } from "../knowledge/schema.ts";
import { creditHome, CreditBuilder, TOKENS_PER_PROCEDURE } from "./credit.ts";
import { compileGlossary, type CompiledGlossary } from "./glossary.ts";
import { TOKEN_CHAR, TOKEN_PAIR } from "./kinds.ts";
import { isHan, normalize } from "./normalize.ts";
import { Occurrences } from "./occurrences.ts";
import { PhraseBuilder, type Phrases } from "./phrases.ts";
import { stem } from "./stem.ts";
import { createPinyinReader, type PinyinReader } from "./pinyin.ts";
import { EN_STOP, PLACES, ZH_STOP } from "./stopwords.ts";
import { lazyTrigrams, type Trigrams } from "./trigrams.ts";
import { createSoundIndex, type SoundIndex } from "./sound.ts";
import { buildTypoIndex, type TypoIndex } from "./typo.ts";
import { Vocabulary } from "./vocabulary.ts";

/**
 * How much a match in each field counts. "context" is the summary and the names of the materials:
 * prose that only adds vocabulary, weakly ("we already have the medical birth certificate").
 */
export const FIELD_WEIGHT = { title: 1, alias: 1, example: 0.9, context: 0.5 } as const;
export type Field = keyof typeof FIELD_WEIGHT;
/** FIELD_WEIGHT.example as credits store it (Float32Array: 0.9 becomes 0.89999998), for comparisons with them. */
export const EXAMPLE_CREDIT = Math.fround(FIELD_WEIGHT.example);

/**
 * A procedure's tokens, each with the weight of the best field it appears in, as a small hash table (open
 * addressing, a power-of-two size): slot i holds token number keys[i] - 1 (0: an empty slot) and its
 * weight weights[i]. Scoring looks up every question token in every shortlisted procedure; a binary
 * search over a sorted list was a fifth of that.
 */
export type Credit = { keys: Int32Array; weights: Float32Array };

/** The slot of token `id` in procedure credit `c`, or -1 when the procedure does not use it. */
export function creditSlot(c: Credit, id: number): number {
  const { keys } = c;
  const mask = keys.length - 1;
  for (let i = creditHome(id, keys.length); ; i = (i + 1) & mask) {
    const k = keys[i]!;
    if (k === id + 1) return i;
    if (k === 0) return -1;
  }
}

/** The field weight with which procedure credit `c` knows token `id`, 0 when it does not. */
export function creditOf(c: Credit, id: number): number {
  const slot = creditSlot(c, id);
  return slot < 0 ? 0 : c.weights[slot]!;
}

/** An English word (stem), a single Chinese character, a pair of Chinese characters (see kinds.ts). */
export { TOKEN_CHAR, TOKEN_PAIR, TOKEN_WORD } from "./kinds.ts";

export type Index = {
  ids: string[];
  /** token → number. */
  vocab: Map<string, number>;
  /** number → token (the reverse of `vocab`). */
  tokenText: string[];
  /** Inverse document frequency over procedures, by token number. */
  idf: Float64Array;
  /** By token number: its weight in a phrase, strength factor (UNIGRAM_FACTOR for a character) × IDF. */
  weight: Float64Array;
  /** Every procedure's titles, aliases and examples (context only feeds `credit`). */
  phrases: Phrases;
  /** Where each procedure's tokens occur in its phrases (worked out on first use, per procedure). */
  occurrences: Occurrences;
  /** Per procedure: the field weight of the best field each token appears in (see creditOf). */
  credit: Credit[];
  /** Per token number: the procedures using it anywhere (ascending). */
  postings: Int32Array[];
  /** Per token number: what it is (TOKEN_WORD, TOKEN_CHAR or TOKEN_PAIR). */
  kind: Uint8Array;
  /**
   * At 2 × token number and the next: the first two UTF-16 codes of a Chinese token (0 past its end), so
   * scoring compares characters without strings. A character is one code; a pair is two, or a character
   * and a surrogate pair, whose codes never equal a character's.
   */
  hanCodes: Uint16Array;
  /** Weight given to a token the knowledge never uses. */
  unknownIdf: number;
  typo: TypoIndex;
  /** The knowledge's Chinese characters by how they are read (Chinese typo repair). */
  sound: SoundIndex;
  /** Reads pinyin in a question as the knowledge's characters (query.ts). */
  pinyin: PinyinReader;
  /** The admin's glossary, applied to the knowledge here and to every question (query.ts). */
  glossary: CompiledGlossary;
  /**
   * Words of notFor phrases (English stems, Chinese characters and pairs) that are not in `vocab`: real
   * words typo repair must leave alone (火车站 is not a misspelt 火车票).
   */
  notForWords: Set<string>;
  /** For each Chinese character, the characters that follow it in some known pair (typo repair). */
  next: Map<string, Set<string>>;
  /** Every run of three Chinese characters in titles, aliases and examples: a typo repair must restore one. */
  trigrams: Pick<Trigrams, "has">;
  /**
   * Scratch space for one question at a time: the question's weight per token number, 0 elsewhere.
   * match() is synchronous, so questions never share it.
   */
  scratch: Float64Array;
  /** The same per procedure number (candidate evidence). */
  procScratch: Float64Array;
  /** How many indexes were built in this process (lets tests check match() never rebuilds one). */
  buildNumber: number;
};

let builds = 0;

/** English words the glossary reads as other words on their own ("husband" → spouse): typo repair's targets too. */
function glossaryWords(glossary: CompiledGlossary): string[] {
  return [...glossary.en].filter(([, entries]) => entries.some((e) => e.rest.length === 0)).map(([w]) => w);
}

const LANGS = ["en", "zh"] as const;

/**
 * Calls `visit` with each text of `p` in a fixed order (token numbers follow it); `reuse` marks material
 * names, which recur across procedures and are tokenised once.
 */
function eachText(p: Procedure, department: Department | undefined, visit: (field: Field, text: string, reuse: boolean) => void): void {
  for (const l of LANGS) {
    // Citizens name the office ("at the civil affairs office", "去民政局"): the department's name is context.
    const d = department?.name[l];
    if (d) visit("context", d, true);
    const t = p.title[l];
    if (t) visit("title", t, false);
    for (const a of p.aliases[l] ?? []) visit("alias", a, false);
    for (const e of p.examples[l] ?? []) visit("example", e, false);
    const s = p.summary?.[l];
    if (s) visit("context", s, false);
    for (const m of p.materials) {
      const name = m.name[l];
      if (name) visit("context", name, true);
    }
  }
}

export function buildIndex(knowledge: Knowledge): Index {
  const procIds = knowledge.procedures.map((p) => p.id);
  const n = procIds.length;
  const glossary = compileGlossary(knowledge.glossary);
  // Document frequencies and each procedure's tokens with their best field weight (see credit.ts).
  const credits = new CreditBuilder(n);
  // Material names recur in many procedures: tokenise each distinct one once.
  const cache = new Map<string, Int32Array>();
  const phrases = new PhraseBuilder(TOKENS_PER_PROCEDURE * n, n);
  const out = phrases.tokens;
  const tokens = new Vocabulary(glossary, out, () => credits.addToken());
  const vocab = tokens.ids;

  const visit = (field: Field, text: string, reuse: boolean): void => {
    // This text's tokens are tok[from] … tok[to - 1].
    let tok = reuse ? cache.get(text) : undefined;
    let from = 0;
    let to = tok?.length ?? 0;
    if (!tok) {
      tokens.read(text, field === "context");
      [tok, from, to] = [out.data, phrases.pending, out.length];
      if (reuse) cache.set(text, out.copy(from));
    }
    if (to === from) return;
    const weight = FIELD_WEIGHT[field];
    credits.count(tok, from, to, weight, field === "title" || field === "alias");
    if (field !== "context") phrases.keep(weight, text);
    else phrases.drop();
  };
  for (const p of knowledge.procedures) {
    credits.startProcedure();
    phrases.startProcedure();
    eachText(p, knowledge.departmentById.get(p.department), visit);
    credits.endProcedure();
  }

  // Names (title, aliases) say what a procedure is about; examples and summaries mention other matters in
  // passing ("bring your ID card"), so a word's rarity is judged among names when it appears in any, else
  // among all fields.
  const dfNames = credits.dfNames();
  const dfAll = credits.dfAll();
  const idf = new Float64Array(vocab.size);
  const weight = new Float64Array(vocab.size);
  for (let id = 0; id < vocab.size; id++) {
    idf[id] = Math.log(1 + n / (dfNames[id]! || dfAll[id]!));
    weight[id] = tokens.factor[id]! * idf[id]!;
  }
  // An unknown word is treated like a fairly rare one: it is evidence the question is about something else.
  const unknownIdf = Math.log(1 + n / 2);

  const { credit, postings } = credits.done();

  const next = new Map<string, Set<string>>();
  const kind = new Uint8Array(vocab.size);
  const hanCodes = new Uint16Array(2 * vocab.size);
  const tokenText: string[] = new Array<string>(vocab.size);
  for (const [t, id] of vocab) {
    tokenText[id] = t;
    if (!isHan(t[0]!)) continue;
    kind[id] = t.length === 1 ? TOKEN_CHAR : TOKEN_PAIR;
    hanCodes[2 * id] = t.charCodeAt(0);
    if (t.length > 1) hanCodes[2 * id + 1] = t.charCodeAt(1);
    if (t.length !== 2) continue;
    let set = next.get(t[0]!);
    if (!set) next.set(t[0]!, (set = new Set()));
    set.add(t[1]!);
  }

  // notFor phrases are matched lazily (not-for.ts); only their words are collected here, cheaply: each
  // distinct text once, characters and neighbouring pairs as written, English words stemmed.
  const notForWords = new Set<string>();
  const seenText = new Set<string>();
  const keep = (t: string) => {
    if (!vocab.has(t)) notForWords.add(t);
  };
  for (const p of knowledge.procedures) {
    for (const l of LANGS) {
      for (const text of p.notFor[l] ?? []) {
        if (seenText.has(text)) continue;
        seenText.add(text);
        const norm = normalize(text);
        for (const w of norm.match(/[a-z]{2,}/g) ?? []) keep(stem(w));
        for (const run of norm.match(/\p{Script=Han}+/gu) ?? []) {
          for (let i = 0; i < run.length; i++) {
            keep(run[i]!);
            if (i + 1 < run.length) keep(run.slice(i, i + 2));
          }
        }
      }
    }
  }

  builds++;
  const done = phrases.done();
  const sound = createSoundIndex(() => tokenText.filter((_, id) => kind[id] === TOKEN_CHAR));
  const pinyin = createPinyinReader({
    never: (w) => EN_STOP.has(w) || PLACES.has(w),
    known: (w) => vocab.has(w) || vocab.has(stem(w)) || glossary.en.has(w),
    charsRead: sound.withReading,
    grammar: [...ZH_STOP],
    readings: sound.readings,
    pairUse: (pair) => {
      const id = vocab.get(pair);
      return id !== undefined && kind[id] === TOKEN_PAIR ? postings[id]!.length : 0;
    },
  });
  return { ids: procIds, vocab, tokenText, idf, weight, phrases: done, occurrences: new Occurrences(done, weight, kind, hanCodes), credit,
    postings, kind, hanCodes, scratch: new Float64Array(vocab.size), procScratch: new Float64Array(n), unknownIdf,
    typo: buildTypoIndex(tokens.words, [...EN_STOP, ...glossaryWords(glossary)]), sound, pinyin, glossary, notForWords, next, trigrams: lazyTrigrams(done.text, glossary), buildNumber: builds };
}

