// A question as the scorer sees it: its tokens (typos repaired) with weights, where each occurs, and the
// words the knowledge never uses.
import { creditOf, FIELD_WEIGHT, type Index } from "./index.ts";
import { TOKEN_CHAR } from "./kinds.ts";
import { stem } from "./stem.ts";
import { EN_STOP, NEUTRAL, PLACES, ZH_STOP } from "./stopwords.ts";
import { analyse, UNIGRAM_FACTOR, type Analysed } from "./tokens.ts";

/** A corrected English typo is weaker evidence than the word typed right. */
const TYPO_FACTOR = 0.8;
/** Shortest misspelt word read as a glossary word. */
const GLOSSARY_TYPO = 6;
/** Words about what is already done ("already got her hukou, now …") are context, not the request. */
const DONE_FACTOR = 0.3;

export type QueryTokens = {
  analysed: Analysed;
  /**
   * Every token as its text, number (-1 when unknown) and weight (strength factor × IDF; unknown tokens
   * get Index.unknownIdf), heaviest first.
   */
  all: { t: string; id: number; w: number }[];
  /** Sum of the weights in `all`: the whole question's weight. */
  total: number;
  /** Weight of the tokens the knowledge never uses. */
  unknownWeight: number;
  /** Known token number → weight. */
  known: Map<number, number>;
  /** Known token number → where it occurs: word positions, Chinese characters counting one each. */
  positions: Map<number, number[]>;
  /** Words of the question the knowledge never uses (after typo repair): "court", "党", "对象". */
  unknown: string[];
  /** Known token numbers that occur only where the question says what is already done (DONE_FACTOR). */
  doneOnly: Set<number>;
  /** Per clause (Analysed.asking): the known words and character pairs in it (token numbers). */
  clauseWords: number[][];
  /**
   * Per clause: whether it says what is asked. A clause that asks (Analysed.asking), or that is followed by
   * one asking with no word of its own, which asks about it ("只剩社保卡了，怎么补？", "the hukou, how?").
   */
  asks: boolean[];
  /** Each unknown token's weight and the clauses it occurs in. */
  unknownIn: { w: number; clauses: number[] }[];
  /** Whether the question has words in both languages (after pinyin is read as characters). */
  mixed: boolean;
};

const has = (index: Index, t: string) => index.vocab.has(t);
/** A real word typo repair must not change: one the knowledge indexes or a notFor phrase uses. */
const real = (index: Index, t: string) => index.vocab.has(t) || index.notForWords.has(t);

const idfOf = (index: Index, t: string) => index.idf[index.vocab.get(t)!]!;

/** Whether token `t` is in some procedure's title or aliases. */
function named(index: Index, t: string): boolean {
  const id = index.vocab.get(t);
  return id !== undefined && index.postings[id]!.some((p) => creditOf(index.credit[p]!, id) >= FIELD_WEIGHT.alias);
}

/** The known stems a one-word glossary entry reads `word` as ("husband" → spouse), or null. */
function glossaryMeaning(index: Index, word: string): string[] | null {
  const entry = index.glossary.en.get(word)?.find((e) => e.rest.length === 0);
  const stems = entry?.means.map(stem).filter((m) => has(index, m)) ?? [];
  return stems.length > 0 ? stems : null;
}

/** Whether the knowledge has the three characters side by side. */
function knownTrigram(index: Index, a: string, b: string, c: string): boolean {
  if (a.length !== 1 || b.length !== 1 || c.length !== 1) return false;
  return index.trigrams.has(a.charCodeAt(0), b.charCodeAt(0), c.charCodeAt(0));
}

const NUMERALS = "零一二三四五六七八九十百千万两";
/** Place words that follow a noun ("车上", "家里", "网上"): never a typo. */
const LOCATIVES = "上下里中内外前后边旁";

/**
 * Typo repair in a Chinese run, for a character that does not form a known pair with both neighbours. First
 * by sound (sound.ts: 户口签入 → 户口迁入, 深份证 → 身份证, 低报 → 低保, 办户照 → 办护照): a character read
 * alike that joins its neighbours into three characters the knowledge uses side by side (two, in a
 * two-character run). Then, for a character joined to neither neighbour, by the neighbours alone
 * (残急证 → 残疾证): a known character between two that it joins, or a last character the knowledge never
 * uses (新车上排 → 新车上牌). A repair must restore a known run of characters: otherwise a real word that
 * merely is not in the knowledge (销掉 → 证掉) would be "corrected" into some other matter.
 */
function repairSpan(index: Index, span: string): string {
  const chars = [...span];
  const n = chars.length;
  if (n < 2) return span;
  const pick = (xs: Iterable<string>, ok: (x: string) => boolean, idf: (x: string) => number): string | null => {
    let fix: string | null = null;
    let fixIdf = Infinity;
    for (const x of xs) {
      if (!ok(x)) continue;
      // Prefer the most common (lowest IDF) repair; ties broken alphabetically for determinism.
      const v = idf(x);
      if (v < fixIdf || (v === fixIdf && fix !== null && x < fix)) [fix, fixIdf] = [x, v];
    }
    return fix;
  };
  for (let i = 0; i < n; i++) {
    const [ll, l, c, r, rr] = [chars[i - 2], chars[i - 1], chars[i]!, chars[i + 1], chars[i + 2]];
    // A number is never a typo for another word (二年级 is not 一年级, the second grade not the first).
    if (NUMERALS.includes(c)) continue;
    const joinedLeft = l !== undefined && real(index, l + c);
    const joinedRight = r !== undefined && real(index, c + r);
    if (joinedLeft && joinedRight) continue;
    // A character joined on one side (办户 of 办户口 in 办户照) is only replaced by one read alike.
    const joined = joinedLeft || joinedRight;
    const pairsIdf = (x: string) => (l !== undefined ? idfOf(index, l + x) : 0) + (r !== undefined ? idfOf(index, x + r) : 0);
    const alike = (x: string) => index.sound.same(c, x);
    const after = (l !== undefined && index.next.get(l)) || [];
    let fix: string | null = null;
    if (l !== undefined && r !== undefined) {
      // A known run of three implies its pairs: no separate check that x joins r.
      const fits = (x: string) => knownTrigram(index, l, x, r);
      // Not read alike, only a character joined to neither side and no place word after a noun is replaced
      // (车上丢了 is "lost in the car", whatever 车票丢了 would make).
      fix = pick(after, (x) => fits(x) && alike(x), pairsIdf) ?? (joined || LOCATIVES.includes(c) ? null : pick(after, fits, pairsIdf));
      // Joined to neither side, a character read alike that makes a word of some name with either neighbour
      // (落护口 → 落户口: 户口).
      if (fix === null && !joined) fix = pick(index.sound.alike(c), (x) => named(index, l + x) || named(index, x + r), pairsIdf);
    } else if (joined) {
      continue;
    } else if (l !== undefined && ll !== undefined) {
      // At the end of a run: a character read alike, or else one the knowledge never uses replaced (a known
      // one ends a word: 在, 用).
      const fits = (x: string) => knownTrigram(index, ll, l, x);
      fix = pick(after, (x) => fits(x) && alike(x), pairsIdf);
      if (fix === null && !real(index, c)) fix = pick(after, fits, pairsIdf);
      // …or one read alike that makes a word of some name with the character before (登记落湖 → 落户).
      if (fix === null) fix = pick(index.sound.alike(c), (x) => named(index, l + x), pairsIdf);
    } else if (l === undefined ? rr === undefined || real(index, r! + rr) : true) {
      // The start of a run before a known pair (深份证), or a two-character run (低报): by sound only.
      // A two-character run has no third character to vouch for the repair: it must give a word of some
      // procedure's title or aliases (低报 → 低保), not a pair an example happens to have (上海 is no 上还).
      const fits = (x: string) =>
        l !== undefined ? named(index, l + x) : rr !== undefined ? knownTrigram(index, x, r!, rr) : named(index, x + r!);
      fix = pick(index.sound.alike(c), fits, pairsIdf);
      // Read nearly alike (省份证 → 身份证) only where three known characters in a row vouch for it.
      if (fix === null && l === undefined && rr !== undefined) fix = pick(index.sound.near(c), fits, pairsIdf);
    }
    if (fix !== null) chars[i] = fix;
  }
  return chars.join("");
}

/** Characters that follow a verb to say where it went or that it was done (交上, 寄过去, 办好). */
const COMPLEMENTS = "上下来去掉好完到过起";

/**
 * Stretches of a Chinese run that no known character pair covers ("对象" in 和对象领证): words the knowledge
 * never uses. A lone unknown character inside or at the end of a run is probably a typo (执招); at the
 * start of a longer run it changes what the phrase is about (党组织 is not 团组织).
 */
function unknownRuns(index: Index, chars: string[]): string[] {
  const covered = chars.map((c, i) =>
    chars.length === 1
      ? has(index, c)
      : (i > 0 && has(index, chars[i - 1]! + c)) || (i + 1 < chars.length && has(index, c + chars[i + 1]!)),
  );
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= chars.length; i++) {
    if (i < chars.length && !covered[i]) {
      if (start === -1) start = i;
      continue;
    }
    // A lone unknown character standing by itself (读, 弄) is usually a plain verb, not a new topic; one that
    // is boilerplate on its own (能, 会) never is.
    const lone = i - start === 1;
    // Nor is a known verb with its result or direction (交上, 办下, 寄过): 上 in 交上医保 says done, not what.
    const verbResult = i - start === 2 && COMPLEMENTS.includes(chars[i - 1]!) && has(index, chars[start]!);
    if (start !== -1 && !verbResult && (!lone || (start === 0 && chars.length > 1 && !ZH_STOP.has(chars[start]!)))) out.push(chars.slice(start, i).join(""));
    start = -1;
  }
  return out;
}

/**
 * "户口怎么迁" asks "怎么迁户口": a verb after its object and a "how" word (Analysed.parts `how`) is read before
 * the object, as the knowledge names matters — when the verb and the object's first character are a pair the
 * knowledge uses (迁户, 换护), so "户口本上咋加" stays as written.
 */
function verbFirst(index: Index, parts: Analysed["parts"]): Analysed["parts"] {
  if (!parts.some((p) => "how" in p)) return parts;
  const out: Analysed["parts"] = [];
  for (const p of parts) {
    const object = out[out.length - 1];
    if ("how" in p && object && "zh" in object && has(index, p.zh + object.zh[0])) out[out.length - 1] = { ...object, zh: p.zh + object.zh };
    else out.push(p);
  }
  return out;
}

/** `repair: false` for the admin's own text (notFor phrases): 转党关系 must not be "repaired" into 转团关系. */
export function queryTokens(index: Index, text: string, repair = true): QueryTokens {
  const read = repair ? index.pinyin.read(text) : null;
  const analysed = analyse(read ?? text, index.glossary);
  // Pinyin read as characters still says which language the citizen wrote in.
  if (read !== null) analysed.lang = analyse(text, index.glossary).lang;
  const factors = new Map<string, number>();
  const at = new Map<string, number[]>();
  const asked = new Set<string>();
  const put = (t: string, factor: number, p: number, done: boolean) => {
    if (!done) asked.add(t);
    if ((factors.get(t) ?? 0) < factor) factors.set(t, factor);
    const list = at.get(t);
    if (list) list.push(p);
    else at.set(t, [p]);
  };
  let pos = 0;
  const unknown: string[] = [];
  // Places the knowledge does not use ("seoul", "henan") and neutral words ("fastest", 一位: stopwords.ts
  // NEUTRAL): unexplained, like any word, but no sign of another matter (not unknown to the vetoes).
  const places = new Set<string>();
  // The clause of each position.
  const clauseAt: number[] = [];
  for (const part of verbFirst(index, analysed.parts)) {
    const weight = part.done ? DONE_FACTOR : 1;
    if ("en" in part) {
      let t = stem(part.en);
      let factor = 1;
      if (!has(index, t)) {
        const fixed = repair && !index.notForWords.has(t) ? index.typo.correct(part.en) : null;
        // A misspelt boilerplate word ("requirments") carries no meaning either.
        if (fixed !== null && EN_STOP.has(fixed)) continue;
        // A misspelt glossary word ("huband") is read as what the word means (spouse). Glossary words are
        // everyday words, near other everyday words: a shorter one is too often another word (horse ≠ house).
        const means = fixed !== null && fixed[0] === part.en[0] && part.en.length >= GLOSSARY_TYPO ? glossaryMeaning(index, fixed) : null;
        if (means !== null) {
          clauseAt[pos] = part.clause;
          for (const m of means) put(m, TYPO_FACTOR * weight, pos, part.done);
          pos++;
          continue;
        }
        // Typists rarely miss the first letter; a "correction" that changes it is mostly another real word
        // (sending → vending).
        if (fixed !== null && fixed[0] === part.en[0] && has(index, stem(fixed))) [t, factor] = [stem(fixed), TYPO_FACTOR];
        else if (PLACES.has(part.en) || NEUTRAL.has(part.en)) places.add(t);
        else if (part.en.length >= 3) unknown.push(part.en);
      }
      clauseAt[pos] = part.clause;
      put(t, factor * weight, pos++, part.done);
      continue;
    }
    const original = [...part.zh];
    const chars = [...(repair ? repairSpan(index, part.zh) : part.zh)];
    chars.forEach((c, i) => {
      clauseAt[pos + i] = part.clause;
      put(c, UNIGRAM_FACTOR * weight, pos + i, part.done);
      if (i + 1 < chars.length) put(c + chars[i + 1], weight, pos + i, part.done);
    });
    // A repaired typo is not an unknown word; nor is a neutral word (一位, 着急), which is read like a place.
    if (chars.every((c, i) => c === original[i])) {
      for (const run of unknownRuns(index, chars)) {
        if (!NEUTRAL.has(run)) unknown.push(run);
        else for (let i = 0; i < run.length; i++) places.add(run[i]!).add(run.slice(i, i + 2));
      }
    }
    pos += chars.length;
  }
  const tokens = [...factors]
    .map(([t, f]) => {
      const id = index.vocab.get(t) ?? -1;
      return { t, id, w: f * (id >= 0 ? index.idf[id]! : index.unknownIdf) };
    })
    .sort((a, b) => b.w - a.w);
  const all: QueryTokens["all"] = [];
  let total = 0;
  const known = new Map<number, number>();
  const positions = new Map<number, number[]>();
  const doneOnly = new Set<number>();
  let unknownWeight = 0;
  const clauseWords: number[][] = analysed.asking.map(() => []);
  const unknownIn: QueryTokens["unknownIn"] = [];
  for (const { t, id, w } of tokens) {
    all.push({ t, id, w });
    total += w;
    // Clauses matter only to a question of several (veto.ts storyUnknown); repeats do no harm there.
    const several = clauseWords.length > 1;
    if (id < 0) {
      if (!places.has(t)) {
        unknownWeight += w;
        unknownIn.push({ w, clauses: several ? at.get(t)!.map((p) => clauseAt[p]!) : [0] });
      }
    } else if (several && index.kind[id] !== TOKEN_CHAR) for (const p of at.get(t)!) clauseWords[clauseAt[p]!]!.push(id);
    if (id >= 0) {
      if (!asked.has(t)) doneOnly.add(id);
      known.set(id, w);
      positions.set(id, at.get(t)!);
    }
  }
  const { asking } = analysed;
  const asks = asking.map((a, k) => a || (asking[k + 1] === true && clauseWords[k + 1]!.length === 0));
  const mixed = analysed.parts.some((p) => "en" in p) && analysed.parts.some((p) => "zh" in p);
  return { analysed, all, total, unknownWeight, known, positions, unknown, doneOnly, clauseWords, asks, unknownIn, mixed };
}
