// The search index over the knowledge, built once per knowledge load: every procedure's title, aliases,
// example questions (and, weakly, its summary and material names) as weighted token lists, an inverted
// index token → procedures, and inverse document frequencies so distinctive words ("passport", "低保")
// outweigh common ones ("card", "申请"). Tokens are numbered so matching works on typed arrays.
import { createTrigrams, type Trigrams } from "./trigrams.ts";
import type { Knowledge, Procedure } from "../knowledge/schema.ts";
import { IntTable, MISSING } from "./int-table.ts";
import { isHan } from "./normalize.ts";
import { EN_STOP } from "./stopwords.ts";
import { scan, UNIGRAM_FACTOR, type Sink } from "./tokens.ts";
import { buildTypoIndex, type TypoIndex } from "./typo.ts";
import { hasSurrogatePair } from "./zh.ts";

/**
 * How much a match in each field counts. "context" is the summary and the names of the materials:
 * prose that only adds vocabulary, weakly ("we already have the medical birth certificate").
 */
export const FIELD_WEIGHT = { title: 1, alias: 1, example: 0.9, context: 0.5 } as const;
export type Field = keyof typeof FIELD_WEIGHT;

export type Phrase = {
  field: Exclude<Field, "context">;
  /** The admin's wording, to explain a match. */
  text: string;
  tokens: number[];
  /** Weight (strength factor × IDF) of each token, same order. */
  weights: number[];
  /** Sum of `weights`. */
  total: number;
};

/** A procedure's tokens (ascending numbers) and the weight of the best field each appears in. */
export type Credit = { ids: Int32Array; weights: Float32Array };

/** The field weight with which procedure credit `c` knows token `id`, 0 when it does not. */
export function creditOf(c: Credit, id: number): number {
  let lo = 0;
  let hi = c.ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = c.ids[mid]!;
    if (v === id) return c.weights[mid]!;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** An English word (stem), a single Chinese character, a pair of Chinese characters. */
export const TOKEN_WORD = 0;
export const TOKEN_CHAR = 1;
export const TOKEN_PAIR = 2;

export type Index = {
  ids: string[];
  /** token → number. */
  vocab: Map<string, number>;
  /** number → token (the reverse of `vocab`). */
  tokenText: string[];
  /** Inverse document frequency over procedures, by token number. */
  idf: Float64Array;
  /** Per procedure: its titles, aliases and examples (context only feeds `credit`). */
  phrases: Phrase[][];
  /** Per procedure: the field weight of the best field each token appears in (see creditOf). */
  credit: Credit[];
  /** Per token number: the procedures using it anywhere (ascending). */
  postings: Int32Array[];
  /** Per token number: what it is (TOKEN_WORD, TOKEN_CHAR or TOKEN_PAIR). */
  kind: Uint8Array;
  /** Per token number: 1 when some procedure's title or alias uses it. */
  named: Uint8Array;
  /** Weight given to a token the knowledge never uses. */
  unknownIdf: number;
  typo: TypoIndex;
  /** For each Chinese character, the characters that follow it in some known pair (typo repair). */
  next: Map<string, Set<string>>;
  /** Every run of three Chinese characters in titles, aliases and examples: a typo repair must restore one. */
  trigrams: Trigrams;
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

const LANGS = ["en", "zh"] as const;

/**
 * Calls `visit` with each text of `p` in a fixed order (token numbers follow it); `reuse` marks material
 * names, which recur across procedures and are tokenised once.
 */
function eachText(p: Procedure, visit: (field: Field, text: string, reuse: boolean) => void): void {
  for (const l of LANGS) {
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
  const vocab = new Map<string, number>();
  // Document frequency over procedures. Names (title, aliases) say what a procedure is about; examples and
  // summaries mention other matters in passing ("bring your ID card"), so a word's rarity is judged among
  // names when it appears in any, else among all fields. Arrays by token number, grown as tokens appear.
  const dfNames: number[] = [];
  const dfAll: number[] = [];
  // Per token: the procedure that last used it / named it, and its best field weight in that procedure.
  const lastSeen: number[] = [];
  const lastNamed: number[] = [];
  const best: number[] = [];
  const stamp: number[] = []; // the text that last listed the token (see tokenise)
  const tokenId = (t: string): number => {
    let id = vocab.get(t);
    if (id === undefined) {
      vocab.set(t, (id = vocab.size));
      dfNames.push(0);
      dfAll.push(0);
      stamp.push(0);
      lastSeen.push(-1);
      lastNamed.push(-1);
      best.push(0);
      factor.push(1);
    }
    return id;
  };
  const enWords = new Set<string>();
  const raw: { field: Phrase["field"]; text: string; tokens: number[] }[][] = [];
  const credit: Credit[] = [];
  // Material names recur in many procedures: tokenise each distinct one once.
  const cache = new Map<string, number[]>();

  // Tokens of one text, each once: English stems (×1), Chinese characters (×UNIGRAM_FACTOR) and pairs (×1).
  // One sink for all texts (no closures per text: building 10,000 procedures allocates enough already).
  let serial = 0;
  let out: number[] = [];
  // Per token: its strength factor. It depends on the token alone (a single Chinese character is always
  // UNIGRAM_FACTOR, words and pairs 1), so texts keep only token numbers.
  const factor: number[] = [];
  let prose = false;
  const addId = (id: number, f: number) => {
    if (stamp[id] === serial) return;
    stamp[id] = serial;
    out.push(id);
    factor[id] = f;
  };
  // Chinese characters and pairs are looked up by character codes: no string built per occurrence.
  // Token number + 1 by character code (0: not seen yet). Pairs are keyed by the first character's
  // order of appearance × 65536 + the second's code: a small integer for any realistic knowledge, where
  // two raw codes would make a large number that is slow to hash. (Below 2³¹, as IntTable needs: spans
  // hold only Chinese characters, and the Basic Multilingual Plane has fewer than 32,768 of them.)
  const charId = new Int32Array(65536);
  const firstNo = new Int32Array(65536);
  let firsts = 0;
  const pairId = new IntTable(1 << 14);
  const charToken = (span: string, at: number, a: number): number => {
    let id = charId[a]! - 1;
    if (id < 0) charId[a] = (id = tokenId(span[at]!)) + 1;
    return id;
  };
  const pairToken = (span: string, at: number, a: number, b: number): number => {
    let no = firstNo[a]!;
    if (no === 0) firstNo[a] = no = ++firsts;
    const key = no * 65536 + b;
    let id = pairId.get(key);
    if (id === MISSING) pairId.set(key, (id = tokenId(span.slice(at, at + 2))));
    return id;
  };
  const trigrams = createTrigrams();
  const sink: Sink = {
    word(w, s) {
      enWords.add(w);
      addId(tokenId(s), 1);
    },
    span(span) {
      if (hasSurrogatePair(span)) {
        // Characters outside the Basic Multilingual Plane: the plain way.
        const chars = [...span];
        chars.forEach((c, i) => {
          if (!prose) addId(tokenId(c), UNIGRAM_FACTOR);
          if (i + 1 < chars.length) addId(tokenId(c + chars[i + 1]!), 1);
        });
        return;
      }
      for (let i = 0; i < span.length; i++) {
        const a = span.charCodeAt(i);
        if (!prose && i + 2 < span.length) trigrams.add(a, span.charCodeAt(i + 1), span.charCodeAt(i + 2));
        // Prose only lends vocabulary: its single Chinese characters add nothing but cost.
        if (!prose) addId(charToken(span, i, a), UNIGRAM_FACTOR);
        if (i + 1 < span.length) addId(pairToken(span, i, a, span.charCodeAt(i + 1)), 1);
      }
    },
  };
  const tokenise = (text: string, isProse: boolean): number[] => {
    serial++;
    prose = isProse;
    out = [];
    scan(text, sink);
    return out;
  };

  // The procedure being indexed, the tokens it has used so far, its phrases.
  let proc = 0;
  let touched: number[] = [];
  let own: (typeof raw)[number] = [];
  const visit = (field: Field, text: string, reuse: boolean): void => {
    let tok = reuse ? cache.get(text) : undefined;
    if (!tok) {
      tok = tokenise(text, field === "context");
      if (reuse) cache.set(text, tok);
    }
    if (tok.length === 0) return;
    const weight = FIELD_WEIGHT[field];
    const named = field === "title" || field === "alias";
    for (const id of tok) {
      if (lastSeen[id] !== proc) {
        lastSeen[id] = proc;
        best[id] = weight;
        touched.push(id);
        dfAll[id]!++;
      } else if (best[id]! < weight) best[id] = weight;
      if (named && lastNamed[id] !== proc) {
        lastNamed[id] = proc;
        dfNames[id]!++;
      }
    }
    if (field !== "context") own.push({ field, text, tokens: tok });
  };
  knowledge.procedures.forEach((p, i) => {
    proc = i;
    touched = [];
    own = [];
    eachText(p, visit);
    const ids = new Int32Array(touched).sort();
    const weights = new Float32Array(ids.length);
    for (let k = 0; k < ids.length; k++) weights[k] = best[ids[k]!]!;
    credit.push({ ids, weights });
    raw.push(own);
  });

  const idf = new Float64Array(vocab.size);
  for (let id = 0; id < vocab.size; id++) idf[id] = Math.log(1 + n / (dfNames[id]! || dfAll[id]!));
  // An unknown word is treated like a fairly rare one: it is evidence the question is about something else.
  const unknownIdf = Math.log(1 + n / 2);

  const phrases: Phrase[][] = raw.map((list) =>
    list.map(({ field, text, tokens }) => {
      const weights: number[] = [];
      let total = 0;
      for (let i = 0; i < tokens.length; i++) total += weights[i] = factor[tokens[i]!]! * idf[tokens[i]!]!;
      return { field, text, tokens, weights, total };
    }),
  );
  // Procedures were numbered in order, so filling each token's list procedure by procedure keeps it ascending.
  const postings = dfAll.map((d) => new Int32Array(d));
  const fill = new Int32Array(vocab.size);
  credit.forEach(({ ids }, proc) => {
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      postings[id]![fill[id]!++] = proc;
    }
  });

  const next = new Map<string, Set<string>>();
  const kind = new Uint8Array(vocab.size);
  const tokenText: string[] = new Array<string>(vocab.size);
  for (const [t, id] of vocab) {
    tokenText[id] = t;
    if (!isHan(t[0]!)) continue;
    kind[id] = t.length === 1 ? TOKEN_CHAR : TOKEN_PAIR;
    if (t.length !== 2) continue;
    let set = next.get(t[0]!);
    if (!set) next.set(t[0]!, (set = new Set()));
    set.add(t[1]!);
  }

  const named = Uint8Array.from(dfNames, (d) => (d > 0 ? 1 : 0));
  builds++;
  return { ids: procIds, vocab, tokenText, idf, phrases, credit, postings, kind, named, scratch: new Float64Array(vocab.size),
    procScratch: new Float64Array(n), unknownIdf, typo: buildTypoIndex(enWords, EN_STOP), next, trigrams, buildNumber: builds };
}
