// The search index over the knowledge, built once per knowledge load: every procedure's title, aliases,
// example questions (and, more weakly, its summary) as weighted token lists, an inverted index
// token → procedures, and inverse document frequencies so distinctive words ("passport", "低保")
// outweigh common ones ("card", "申请").
import type { Knowledge } from "../knowledge/schema.ts";
import { isHan } from "./normalize.ts";
import { analyse } from "./tokens.ts";
import { buildTypoIndex, type TypoIndex } from "./typo.ts";

/** How much a match in each field counts. A summary is prose, so it only adds vocabulary, weakly. */
export const FIELD_WEIGHT = { title: 1, alias: 1, example: 0.9, summary: 0.5 } as const;
export type Field = keyof typeof FIELD_WEIGHT;

export type Phrase = {
  field: Field;
  tokens: string[];
  /** Weight (strength factor × IDF) of each token, same order. */
  weights: Float64Array;
  /** Sum of `weights`. */
  total: number;
};

export type Index = {
  ids: string[];
  /** Per procedure: its titles, aliases and examples (summaries only feed `credit`). */
  phrases: Phrase[][];
  /** Per procedure: token → field weight of the best field it appears in. */
  credit: Map<string, number>[];
  /** token → procedures using it anywhere (ascending). */
  postings: Map<string, Int32Array>;
  /** token → inverse document frequency over procedures. */
  idf: Map<string, number>;
  /** Weight given to a token the knowledge never uses. */
  unknownIdf: number;
  typo: TypoIndex;
  /** For each Chinese character, the characters that follow it in some known pair (typo repair). */
  next: Map<string, Set<string>>;
  /** How many indexes were built in this process (lets tests check match() never rebuilds one). */
  buildNumber: number;
};

let builds = 0;

export function buildIndex(knowledge: Knowledge): Index {
  const ids = knowledge.procedures.map((p) => p.id);
  const n = ids.length;
  const enWords = new Set<string>();
  // Document frequency over procedures. Names (title, aliases) say what a procedure is about; examples and
  // summaries mention other matters in passing ("bring your ID card"), so a word's rarity is judged among
  // names when it appears in any, else among all fields.
  const dfNames = new Map<string, number>();
  const dfAll = new Map<string, number>();
  const rawPhrases: { field: Field; tokens: Map<string, number> }[][] = [];
  const credit: Map<string, number>[] = [];
  const procLists = new Map<string, number[]>();

  knowledge.procedures.forEach((p, proc) => {
    const texts: [Field, string][] = [];
    for (const l of ["en", "zh"] as const) {
      const t = p.title[l];
      if (t) texts.push(["title", t]);
      for (const a of p.aliases[l] ?? []) texts.push(["alias", a]);
      for (const e of p.examples[l] ?? []) texts.push(["example", e]);
      const s = p.summary?.[l];
      if (s && process.env.NOSUM !== "1") texts.push(["summary", s]);
    }
    const own = new Map<string, number>();
    const names = new Set<string>();
    const phrases: { field: Field; tokens: Map<string, number> }[] = [];
    for (const [field, text] of texts) {
      const a = analyse(text);
      if (a.tokens.size === 0) continue;
      if (field !== "summary") phrases.push({ field, tokens: a.tokens });
      for (const w of a.words) enWords.add(w);
      for (const t of a.tokens.keys()) {
        if ((own.get(t) ?? 0) < FIELD_WEIGHT[field]) own.set(t, FIELD_WEIGHT[field]);
        if (field === "title" || field === "alias") names.add(t);
      }
    }
    for (const t of names) dfNames.set(t, (dfNames.get(t) ?? 0) + 1);
    for (const t of own.keys()) {
      dfAll.set(t, (dfAll.get(t) ?? 0) + 1);
      let l = procLists.get(t);
      if (!l) procLists.set(t, (l = []));
      l.push(proc);
    }
    rawPhrases.push(phrases);
    credit.push(own);
  });

  const idf = new Map<string, number>();
  for (const [t, d] of dfAll) idf.set(t, Math.log(1 + n / (dfNames.get(t) ?? d)));
  // An unknown word is treated like a fairly rare one: it is evidence the question is about something else.
  const unknownIdf = Math.log(1 + n / 2) * Number(process.env.UNK ?? 1);

  const phrases = rawPhrases.map((list) =>
    list.map(({ field, tokens }) => {
      const keys = [...tokens.keys()];
      const weights = Float64Array.from(keys, (t) => tokens.get(t)! * idf.get(t)!);
      let total = 0;
      for (const w of weights) total += w;
      return { field, tokens: keys, weights, total };
    }),
  );
  const postings = new Map<string, Int32Array>();
  for (const [t, l] of procLists) postings.set(t, Int32Array.from(l));

  const next = new Map<string, Set<string>>();
  for (const t of idf.keys()) {
    const [a, b, more] = [...t];
    if (a === undefined || b === undefined || more !== undefined || !isHan(a) || !isHan(b)) continue;
    let set = next.get(a);
    if (!set) next.set(a, (set = new Set()));
    set.add(b);
  }

  builds++;
  return { ids, phrases, credit, postings, idf, unknownIdf, typo: buildTypoIndex(enWords), next, buildNumber: builds };
}
