// Scores every procedure that shares a token with the question, through the inverted index only.
import { FIELD_WEIGHT, type Index } from "./index.ts";
import { stem } from "./stem.ts";
import { analyse, UNIGRAM_FACTOR, type Analysed } from "./tokens.ts";

/** A corrected English typo is weaker evidence than the word typed right. */
const TYPO_FACTOR = 0.8;
/**
 * Words a procedure does not explain count against it, each one less than the last (×DECAY): a short
 * question with two unexplained words is probably about something else, but a long story about a
 * newborn is still about the newborn even though "hospital", "tired" and "mother-in-law" are unexplained.
 */
const DECAY = Number(process.env.DECAY ?? 0.7);

export type Scored = {
  id: string;
  score: number;
  /** Share of the question's weight this procedure explains (unexplained words decayed, see DECAY). */
  queryCov: number;
  /** How completely its best-matching title, alias or example is present in the question (field-weighted). */
  phraseCov: number;
};

export type QueryTokens = {
  analysed: Analysed;
  /** token → weight (strength factor × IDF), heaviest first. */
  weights: Map<string, number>;
  /** token → where it occurs: word positions, Chinese characters counting one each, boilerplate skipped. */
  positions: Map<string, number[]>;
};

/** A Chinese character both of whose pairs are unknown, between two characters that a known character x joins (残急证 → 残疾证). */
function repairSpan(index: Index, span: string): string {
  const chars = [...span];
  for (let i = 1; i + 1 < chars.length; i++) {
    const [l, c, r] = [chars[i - 1]!, chars[i]!, chars[i + 1]!];
    if (index.idf.has(l + c) || index.idf.has(c + r)) continue;
    let fix: string | null = null;
    let fixIdf = Infinity;
    for (const x of index.next.get(l) ?? []) {
      if (!index.next.get(x)?.has(r)) continue;
      // Prefer the most common (lowest IDF) repair; ties broken alphabetically for determinism.
      const idf = index.idf.get(l + x)! + index.idf.get(x + r)!;
      if (idf < fixIdf || (idf === fixIdf && fix !== null && x < fix)) [fix, fixIdf] = [x, idf];
    }
    if (fix !== null) chars[i] = fix;
  }
  return chars.join("");
}

export function queryTokens(index: Index, text: string): QueryTokens {
  const analysed = analyse(text);
  const factors = new Map<string, number>();
  const positions = new Map<string, number[]>();
  const put = (t: string, factor: number, at: number) => {
    if ((factors.get(t) ?? 0) < factor) factors.set(t, factor);
    const list = positions.get(t);
    if (list) list.push(at);
    else positions.set(t, [at]);
  };
  let pos = 0;
  for (const part of analysed.parts) {
    if ("en" in part) {
      let t = stem(part.en);
      let factor = 1;
      if (!index.idf.has(t)) {
        const fixed = index.typo.correct(part.en);
        if (fixed !== null && index.idf.has(stem(fixed))) [t, factor] = [stem(fixed), TYPO_FACTOR];
      }
      put(t, factor, pos++);
      continue;
    }
    const chars = [...repairSpan(index, part.zh)];
    chars.forEach((c, i) => {
      put(c, UNIGRAM_FACTOR, pos + i);
      if (i + 1 < chars.length) put(c + chars[i + 1], 1, pos + i);
    });
    pos += chars.length;
  }
  const raw: [string, number][] = [...factors].map(([t, f]) => [t, f * (index.idf.get(t) ?? index.unknownIdf)]);
  const weights = new Map(raw.sort((a, b) => b[1] - a[1]));
  return { analysed, weights, positions };
}

/** Extra positions a phrase's words may be spread over in the question before its match counts less. */
const SLACK = Number(process.env.SLACK ?? 2);

/**
 * How close together the question has a phrase's matched tokens: 1 when they sit side by side (give or
 * take SLACK), less when they are scattered ("police" … "certificate" twenty words apart is not the
 * phrase "police certificate").
 */
function proximity(matched: string[], positions: Map<string, number[]>): number {
  if (matched.length < 2) return 1;
  const occ: { start: number; end: number; token: number }[] = [];
  matched.forEach((t, token) => {
    const len = [...t].length === 2 && !/[a-z0-9]/.test(t) ? 2 : 1;
    for (const p of positions.get(t) ?? []) occ.push({ start: p, end: p + len - 1, token });
  });
  occ.sort((a, b) => a.start - b.start || a.end - b.end);
  const count = new Array<number>(matched.length).fill(0);
  let have = 0;
  let best = 0;
  let l = 0;
  for (let r = 0; r < occ.length; r++) {
    if (count[occ[r]!.token]!++ === 0) have++;
    while (have === matched.length) {
      // Window occ[l..r] holds every matched token: score its spread, then shrink from the left.
      let maxEnd = 0;
      const covered = new Set<number>();
      for (let i = l; i <= r; i++) {
        const o = occ[i]!;
        if (o.end > maxEnd) maxEnd = o.end;
        for (let p = o.start; p <= o.end; p++) covered.add(p);
      }
      const span = maxEnd - occ[l]!.start + 1;
      best = Math.max(best, Math.min(1, (covered.size + SLACK) / span));
      if (--count[occ[l]!.token]! === 0) have--;
      l++;
    }
  }
  return best;
}

/**
 * How much of the question the procedure explains, tempered by how completely one of its names or
 * examples appears in the question. The first matters most: unexplained words mean "something else".
 */
export function combine(queryCov: number, phraseCov: number): number {
  return queryCov * (0.6 + 0.4 * phraseCov);
}

/** Tokens used by more procedures than this only add to candidates found through rarer tokens. */
const COMMON = 64;
/** How many candidates get the full (exact) scoring. */
const SHORTLIST = 40;

/** Finds candidates through the inverted index (rarest tokens first), then scores a shortlist exactly. */
export function scoreAll(index: Index, q: QueryTokens): Scored[] {
  const lists: [string, number, Int32Array][] = [];
  for (const [t, w] of q.weights) {
    const post = index.postings.get(t);
    if (post) lists.push([t, w, post]);
  }
  lists.sort((a, b) => a[2].length - b[2].length);
  const acc = new Map<number, number>();
  for (const [t, w, post] of lists) {
    if (acc.size === 0 || post.length <= COMMON) {
      for (const proc of post) acc.set(proc, (acc.get(proc) ?? 0) + w);
    } else {
      for (const [proc, v] of acc) if (index.credit[proc]!.has(t)) acc.set(proc, v + w);
    }
  }
  let shortlist = [...acc.keys()];
  if (shortlist.length > SHORTLIST) {
    shortlist = shortlist.sort((a, b) => acc.get(b)! - acc.get(a)! || a - b).slice(0, SHORTLIST);
  }
  const out: Scored[] = [];
  for (const proc of shortlist) {
    const credit = index.credit[proc]!;
    let explained = 0;
    let unexplained = 0;
    let k = 1;
    for (const [t, w] of q.weights) {
      const got = w * (credit.get(t) ?? 0);
      explained += got;
      if (got === 0) {
        unexplained += w * k;
        k *= DECAY;
      } else {
        // A token credited only through an example or summary leaves the rest of its weight unexplained.
        unexplained += (w - got) * k;
      }
    }
    let phraseCov = 0;
    for (const ph of index.phrases[proc]!) {
      let hit = 0;
      const matched: string[] = [];
      for (let i = 0; i < ph.tokens.length; i++) {
        const w = q.weights.get(ph.tokens[i]!);
        if (w === undefined) continue;
        // The question's weight can be lower than the phrase's (a corrected typo).
        hit += Math.min(w, ph.weights[i]!);
        matched.push(ph.tokens[i]!);
      }
      const raw = (FIELD_WEIGHT[ph.field] * hit) / ph.total;
      if (raw <= phraseCov) continue;
      const cov = raw * proximity(matched, q.positions);
      if (cov > phraseCov) phraseCov = cov;
    }
    const queryCov = explained / (explained + unexplained);
    out.push({ id: index.ids[proc]!, score: combine(queryCov, phraseCov), queryCov, phraseCov });
  }
  return out.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
