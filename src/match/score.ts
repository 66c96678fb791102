// Scores the procedures that share tokens with the question: candidates through the inverted index
// (rarest tokens first), then exact scores for a shortlist.
import { creditOf, creditSlot, TOKEN_CHAR, TOKEN_PAIR, type Index } from "./index.ts";
import type { QueryTokens } from "./query.ts";

/**
 * Whether a phrase's character is in the question only apart from every pair the phrase has it in: the
 * 上 of "户口本上" is not the 上 of the phrase "上户口", so it must not make that phrase match better.
 * That is: the phrase has a pair with the character (Occurrences.paired), and none of those pairs is in
 * the question. `at`: the character's position in index.phrases.tokens; the phrase's question pairs are
 * first marked by markPairs.
 */
function loneChar(index: Index, at: number): boolean {
  const c = index.hanCodes[2 * index.phrases.tokens[at]!]!;
  return index.occurrences.paired[at] === 1 && asked.codes[c] !== asked.mark;
}

/** Scratch for loneChar, by character code: `mark` where a pair of the phrase in the question has the character. */
const asked = { codes: new Int32Array(65536), mark: 0 };

/**
 * Marks the characters of the pairs among a phrase's hits: positions hits[from] … up to (not including)
 * position `end` (see asked). The phrase's pairs in the question are exactly its pair hits.
 */
function markPairs(index: Index, hits: Int32Array, from: number, end: number): void {
  const { tokens } = index.phrases;
  const { hanCodes, kind } = index;
  if (asked.mark === 0x7fffffff) {
    // Marks would wrap around (after billions of phrases): start afresh.
    asked.codes.fill(0);
    asked.mark = 0;
  }
  const mark = ++asked.mark;
  for (let h = from; h < hits.length && hits[h]! < end; h++) {
    const t = tokens[hits[h]!]!;
    if (kind[t] === TOKEN_PAIR) asked.codes[hanCodes[2 * t]!] = asked.codes[hanCodes[2 * t + 1]!] = mark;
  }
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
/** A Chinese character: a phrase with one is a Chinese name or example. */
const HAN = /\p{Script=Han}/u;
/**
 * How much the weaker of the two phrases of a question in both languages adds to the stronger one: less than
 * all of it, as a phrase may be half of one in each language only by chance.
 */
const MIX = 0.5;
/**
 * How many candidates get the full (exact) scoring: the ones with the most evidence. 40 made the same decisions
 * on the 6,800 evaluation questions and took a tenth longer per question.
 */
const SHORTLIST = 20;

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
  // Every occurrence in the question of a matched token (index `token` in `matched`), sorted by start,
  // then end (a pair ends one after it starts), then token.
  let m = 0;
  for (let token = 0; token < n; token++) {
    const id = matched[token]!;
    const len = index.kind[id] === TOKEN_PAIR ? 2 : 1;
    for (const p of positions.get(id) ?? []) {
      if (m === occ.start.length) growOcc();
      [occ.start[m], occ.end[m], occ.token[m]] = [p, p + len - 1, token];
      m++;
    }
  }
  sortOcc(m);
  const { start, end, token } = occ;
  // Per matched token: its occurrences in the window.
  if (occ.count.length < n) occ.count = new Int32Array(2 * n);
  const count = occ.count.fill(0, 0, n);
  let have = 0;
  let best = 0;
  let l = 0;
  for (let r = 0; r < m; r++) {
    if (count[token[r]!]!++ === 0) have++;
    while (have === n) {
      // Window l..r holds every matched token: score its spread, then shrink from the left. Occurrences
      // are sorted by start, so one sweep counts the positions they cover.
      let maxEnd = 0;
      let covered = 0;
      let reach = -1;
      for (let i = l; i <= r; i++) {
        if (end[i]! > maxEnd) maxEnd = end[i]!;
        if (end[i]! > reach) {
          covered += end[i]! - Math.max(start[i]!, reach + 1) + 1;
          reach = end[i]!;
        }
      }
      best = Math.max(best, Math.min(1, (covered + SLACK) / (maxEnd - start[l]! + 1)));
      if (--count[token[l]!]! === 0) have--;
      l++;
    }
  }
  return best;
}

/** Scratch for proximity, reused (match() is synchronous, so questions never share it). */
let occ = { start: new Int32Array(64), end: new Int32Array(64), token: new Int32Array(64), count: new Int32Array(64) };

function growOcc(): void {
  const size = occ.start.length * 2;
  const grow = (a: Int32Array) => {
    const b = new Int32Array(size);
    b.set(a);
    return b;
  };
  occ = { start: grow(occ.start), end: grow(occ.end), token: grow(occ.token), count: occ.count };
}

/** Sorts the first `m` occurrences by start, end, token: by insertion when a handful (the usual case). */
function sortOcc(m: number): void {
  const { start, end, token } = occ;
  if (m > 32) {
    // A long question: a general sort of their order, then the arrays rearranged by it.
    const order = Array.from({ length: m }, (_, i) => i);
    order.sort((a, b) => start[a]! - start[b]! || end[a]! - end[b]! || token[a]! - token[b]!);
    const [s, e, t] = [order.map((i) => start[i]!), order.map((i) => end[i]!), order.map((i) => token[i]!)];
    for (let i = 0; i < m; i++) [start[i], end[i], token[i]] = [s[i]!, e[i]!, t[i]!];
    return;
  }
  for (let i = 1; i < m; i++) {
    const [s, e, t] = [start[i]!, end[i]!, token[i]!];
    let j = i - 1;
    for (; j >= 0 && (start[j]! > s || (start[j] === s && (end[j]! > e || (end[j] === e && token[j]! > t)))); j--) {
      [start[j + 1], end[j + 1], token[j + 1]] = [start[j]!, end[j]!, token[j]!];
    }
    [start[j + 1], end[j + 1], token[j + 1]] = [s, e, t];
  }
}

/** Scratch for scoreOne's hits (match() is synchronous, so questions never share it). */
let hitBuf = new Int32Array(1024);

/** More hits than this are found by reading the procedure's phrase tokens in order instead of sorting them. */
const SORT_OR_SCAN = 64;

/**
 * The positions in procedure `proc`'s phrases of the question's tokens (those with a weight in
 * index.scratch), ascending: what sorting the gathered hits gives, read in one pass over its phrases when
 * there are many hits (a long question that shares common words with many examples). `n`: how many there are.
 */
function scanHits(index: Index, proc: number, n: number): Int32Array {
  const { phrases: ph, scratch } = index;
  const from = ph.start[ph.byProc[proc]!]!;
  const to = ph.start[ph.byProc[proc + 1]!]!;
  const out = hitBuf.subarray(0, n);
  let k = 0;
  for (let p = from; p < to; p++) if (scratch[ph.tokens[p]!]! > 0) out[k++] = p;
  return out;
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
  // One credit look-up per token serves both coverages: its field weight here, and where it occurs in the
  // procedure's phrases (gathered into hitBuf, then sorted).
  const b = index.occurrences.of(proc, credit);
  const { starts, positions } = index.occurrences;
  const { phrases: ph, scratch } = index;
  const most = ph.start[ph.byProc[proc + 1]!]! - ph.start[ph.byProc[proc]!]!;
  if (hitBuf.length < most) hitBuf = new Int32Array(most * 2);
  let n = 0;
  let explained = 0;
  let unexplained = 0;
  let k = 1;
  for (const { id, w } of q.all) {
    let got = 0;
    if (id >= 0) {
      const r = creditSlot(credit, id);
      if (r >= 0) {
        got = w * credit.weights[r]!;
        for (let j = starts[b + r]!; j < starts[b + r + 1]!; j++) hitBuf[n++] = positions[j]!;
      }
    }
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
  // A question in both languages ("请问hukou迁移要什么"): the best English and the best Chinese phrase, whose
  // parts it may say half in each language (MIX).
  const { mixed } = q;
  let [bestEn, bestZh] = [0, 0];
  let [textEn, textZh] = ["", ""];
  // Phrases are visited in order; only their tokens the question has (`hits`, ascending) are read. A phrase
  // without any scores 0 and is passed over.
  const hits = n > SORT_OR_SCAN ? scanHits(index, proc, n) : sortSmall(hitBuf.subarray(0, n));
  for (let h = 0; h < hits.length; ) {
    const k = index.occurrences.phraseOf[hits[h]!]!;
    let hit = 0;
    let count = 0;
    let marked = false;
    const end = ph.start[k + 1]!;
    const first = h;
    for (; h < hits.length && hits[h]! < end; h++) {
      const t = ph.tokens[hits[h]!]!;
      const w = scratch[t]!;
      // A character counts for a phrase only together with one of its pairs there (see loneChar).
      if (index.kind[t] === TOKEN_CHAR) {
        if (!marked) markPairs(index, hits, first, end);
        marked = true;
        if (loneChar(index, hits[h]!)) continue;
      }
      // The question's weight can be lower than the phrase's (a corrected typo).
      hit += Math.min(w, index.weight[t]!) * index.occurrences.factor(hits[h]!);
      matched[count++] = t;
    }
    if (count === 0) continue;
    const raw = (ph.fieldWeight[k]! * hit) / ph.total[k]!;
    const zh = mixed && HAN.test(ph.text[k]!);
    if (raw <= (!mixed ? phraseCov : zh ? bestZh : bestEn)) continue;
    const cov = raw * proximity(index, matched, count, q.positions);
    if (cov > phraseCov) [phraseCov, phrase] = [cov, ph.text[k]!];
    if (mixed && zh && cov > bestZh) [bestZh, textZh] = [cov, ph.text[k]!];
    else if (mixed && !zh && cov > bestEn) [bestEn, textEn] = [cov, ph.text[k]!];
  }
  const both = Math.min(1, Math.max(bestEn, bestZh) + MIX * Math.min(bestEn, bestZh));
  if (bestEn > 0 && bestZh > 0 && both > phraseCov) [phraseCov, phrase] = [both, `${textEn} + ${textZh}`];
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
