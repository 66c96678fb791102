// Scores the procedures that share tokens with the question: candidates through the inverted index
// (rarest tokens first), then exact scores for a shortlist.
import { creditOf, TOKEN_CHAR, TOKEN_PAIR, type Index } from "./index.ts";
import type { QueryTokens } from "./query.ts";

/**
 * Whether a phrase's character is in the question only apart from every pair the phrase has it in: the
 * 上 of "户口本上" is not the 上 of the phrase "上户口", so it must not make that phrase match better.
 * The phrase's tokens are index.phrases.tokens[start] … [end - 1]; the character is the one at `i`.
 */
function loneChar(index: Index, start: number, end: number, i: number): boolean {
  const tokens = index.phrases.tokens;
  const c = index.tokenText[tokens[i]!]!;
  let paired = false;
  for (let k = start; k < end; k++) {
    const t = tokens[k]!;
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

/** Scratch for hitsIn (match() is synchronous, so questions never share it). */
let hitBuf = new Int32Array(1024);

/**
 * Where the procedure's phrases have the question's tokens: positions in index.phrases.tokens, ascending
 * (a view of a scratch array, valid until the next call).
 */
function hitsIn(index: Index, q: QueryTokens, proc: number): Int32Array {
  const ph = index.phrases;
  const ids = index.credit[proc]!.ids;
  const base = ph.occBase[proc]!;
  const most = ph.start[ph.byProc[proc + 1]!]! - ph.start[ph.byProc[proc]!]!;
  if (hitBuf.length < most) hitBuf = new Int32Array(most * 2);
  let n = 0;
  for (const id of q.known.keys()) {
    const r = rankOf(ids, id);
    if (r < 0) continue;
    for (let j = ph.occStart[base + r]!; j < ph.occStart[base + r + 1]!; j++) hitBuf[n++] = ph.occ[j]!;
  }
  return sortSmall(hitBuf.subarray(0, n));
}

/** Sorts `xs` ascending in place: by insertion when short (the usual case; a typed array's sort() costs more there). */
function sortSmall(xs: Int32Array): Int32Array {
  if (xs.length > 32) return xs.sort();
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i]!;
    let j = i - 1;
    for (; j >= 0 && xs[j]! > x; j--) xs[j + 1] = xs[j]!;
    xs[j + 1] = x;
  }
  return xs;
}

/** Where `id` is in the ascending `ids`, or -1. */
function rankOf(ids: Int32Array, id: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = ids[mid]!;
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
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
  const { phrases: ph, scratch } = index;
  // Phrases are visited in order; only their tokens the question has (`hits`, ascending) are read. A phrase
  // without any scores 0 and is passed over.
  const hits = hitsIn(index, q, proc);
  let h = 0;
  for (let k = ph.byProc[proc]!; k < ph.byProc[proc + 1]! && h < hits.length; k++) {
    let hit = 0;
    let count = 0;
    const end = ph.start[k + 1]!;
    for (; h < hits.length && hits[h]! < end; h++) {
      const i = hits[h]!;
      const t = ph.tokens[i]!;
      const w = scratch[t]!;
      // A character counts for a phrase only together with one of its pairs there (see loneChar).
      if (index.kind[t] === TOKEN_CHAR && loneChar(index, ph.start[k]!, end, i)) continue;
      // The question's weight can be lower than the phrase's (a corrected typo).
      hit += Math.min(w, index.weight[t]!);
      matched[count++] = t;
    }
    if (count === 0) continue;
    const raw = (ph.fieldWeight[k]! * hit) / ph.total[k]!;
    if (raw <= phraseCov) continue;
    const cov = raw * proximity(index, matched, count, q.positions);
    if (cov > phraseCov) [phraseCov, phrase] = [cov, ph.text[k]!];
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
