// Scores the procedures that share tokens with the question: candidates through the inverted index
// (rarest tokens first), then exact scores for a shortlist.
import { creditOf, FIELD_WEIGHT, TOKEN_CHAR, TOKEN_PAIR, type Index } from "./index.ts";
import type { QueryTokens } from "./query.ts";

/**
 * Whether a phrase's character is in the question only apart from every pair the phrase has it in: the
 * 上 of "户口本上" is not the 上 of the phrase "上户口", so it must not make that phrase match better.
 */
function loneChar(index: Index, tokens: number[], i: number): boolean {
  const c = index.tokenText[tokens[i]!]!;
  let paired = false;
  for (const t of tokens) {
    if (index.kind[t] !== TOKEN_PAIR || !index.tokenText[t]!.includes(c)) continue;
    if (index.scratch[t]! > 0) return false;
    paired = true;
  }
  return paired;
}

/**
 * Words a procedure does not explain count against it, each one less than the last (×DECAY): a short
 * question with two unexplained words is probably about something else, but a long story about a
 * newborn is still about the newborn even though "hospital", "tired" and "mother-in-law" are unexplained.
 */
const DECAY = 0.7;
/** However long the story, what a procedure leaves unexplained counts as at most this many unknown words. */
const UNEXPLAINED_CAP = 3;
/** Extra positions a phrase's words may be spread over in the question before its match counts less. */
const SLACK = 2;
/** Tokens used by more procedures than this only add to candidates found through rarer tokens. */
const COMMON = 64;
/** How many candidates get the full (exact) scoring. */
const SHORTLIST = 40;

export type Scored = {
  id: string;
  /** Position in the index (Index.ids, Index.credit). */
  proc: number;
  score: number;
  /** Share of the question's weight this procedure explains (unexplained words decayed, see DECAY). */
  queryCov: number;
  /** How completely its best-matching title, alias or example is present in the question (field-weighted). */
  phraseCov: number;
  /** That best-matching phrase, as the admin wrote it. */
  phrase: string | null;
};

/**
 * How much of the question the procedure explains, tempered by how completely one of its names or
 * examples appears in the question. The first matters most: unexplained words mean "something else".
 */
function combine(queryCov: number, phraseCov: number): number {
  return queryCov * Math.sqrt(phraseCov);
}

/**
 * How close together the question has a phrase's matched tokens: 1 when they sit side by side (give or
 * take SLACK), less when they are scattered ("police" … "certificate" twenty words apart is not the
 * phrase "police certificate").
 */
function proximity(index: Index, matched: number[], n: number, positions: Map<number, number[]>): number {
  if (n < 2) return 1;
  const occ: { start: number; end: number; token: number }[] = [];
  for (let token = 0; token < n; token++) {
    const id = matched[token]!;
    const len = index.kind[id] === TOKEN_PAIR ? 2 : 1;
    for (const p of positions.get(id) ?? []) occ.push({ start: p, end: p + len - 1, token });
  }
  occ.sort((a, b) => a.start - b.start || a.end - b.end);
  const count = new Array<number>(n).fill(0);
  let have = 0;
  let best = 0;
  let l = 0;
  for (let r = 0; r < occ.length; r++) {
    if (count[occ[r]!.token]!++ === 0) have++;
    while (have === n) {
      // Window occ[l..r] holds every matched token: score its spread, then shrink from the left.
      let maxEnd = 0;
      const covered = new Set<number>();
      for (let i = l; i <= r; i++) {
        const o = occ[i]!;
        if (o.end > maxEnd) maxEnd = o.end;
        for (let p = o.start; p <= o.end; p++) covered.add(p);
      }
      best = Math.max(best, Math.min(1, (covered.size + SLACK) / (maxEnd - occ[l]!.start + 1)));
      if (--count[occ[l]!.token]! === 0) have--;
      l++;
    }
  }
  return best;
}

function shortlist(index: Index, q: QueryTokens): number[] {
  const lists = [...q.known].map(([id, w]) => ({ id, w, post: index.postings[id]! }));
  lists.sort((a, b) => a.post.length - b.post.length);
  // Evidence per procedure, in the index's scratch array (reset before returning).
  const acc = index.procScratch;
  const found: number[] = [];
  for (const { id, w, post } of lists) {
    if (found.length === 0 || post.length <= COMMON) {
      for (const proc of post) {
        if (acc[proc] === 0) found.push(proc);
        acc[proc]! += w;
      }
    } else if (post.length < found.length) {
      for (const proc of post) if (acc[proc]! > 0) acc[proc]! += w;
    } else {
      for (const proc of found) if (creditOf(index.credit[proc]!, id) > 0) acc[proc]! += w;
    }
  }
  if (found.length > SHORTLIST) found.sort((a, b) => acc[b]! - acc[a]! || a - b);
  const out = found.slice(0, SHORTLIST);
  for (const proc of found) acc[proc] = 0;
  return out;
}

function scoreOne(index: Index, q: QueryTokens, proc: number): Scored {
  const credit = index.credit[proc]!;
  let explained = 0;
  let unexplained = 0;
  let k = 1;
  for (const { id, w } of q.all) {
    const got = id < 0 ? 0 : w * creditOf(credit, id);
    explained += got;
    if (got === 0) {
      unexplained += w * k;
      k *= DECAY;
    } else {
      // A token credited only through an example or the context leaves the rest of its weight unexplained.
      unexplained += (w - got) * k;
    }
  }
  let phraseCov = 0;
  let phrase: string | null = null;
  const matched: number[] = [];
  for (const ph of index.phrases[proc]!) {
    let hit = 0;
    let count = 0;
    for (let i = 0; i < ph.tokens.length; i++) {
      const w = index.scratch[ph.tokens[i]!]!;
      if (w === 0) continue;
      // A character counts for a phrase only together with one of its pairs there (see loneChar).
      if (index.kind[ph.tokens[i]!] === TOKEN_CHAR && loneChar(index, ph.tokens, i)) continue;
      // The question's weight can be lower than the phrase's (a corrected typo).
      hit += Math.min(w, ph.weights[i]!);
      matched[count++] = ph.tokens[i]!;
    }
    const raw = (FIELD_WEIGHT[ph.field] * hit) / ph.total;
    if (raw <= phraseCov) continue;
    const cov = raw * proximity(index, matched, count, q.positions);
    if (cov > phraseCov) [phraseCov, phrase] = [cov, ph.text];
  }
  const capped = Math.min(unexplained, UNEXPLAINED_CAP * index.unknownIdf);
  const queryCov = explained + capped > 0 ? explained / (explained + capped) : 0;
  return { id: index.ids[proc]!, proc, score: combine(queryCov, phraseCov), queryCov, phraseCov, phrase };
}

/** Best first; ties by id so results never depend on index order. */
export function scoreAll(index: Index, q: QueryTokens): Scored[] {
  for (const [id, w] of q.known) index.scratch[id] = w;
  try {
    return shortlist(index, q)
      .map((proc) => scoreOne(index, q, proc))
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  } finally {
    for (const id of q.known.keys()) index.scratch[id] = 0;
  }
}
