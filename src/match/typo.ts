// Typo tolerance for English words: a word the knowledge never uses ("pasport", "registraion") is
// mapped to the closest word it does use, found through a deletion index (SymSpell): both sides
// drop one letter, so one substitution, insertion, deletion or swap still meets. O(word length) per
// lookup instead of a scan of the vocabulary.

const MIN_LEN = 5;

function deletes(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Optimal string alignment distance (Levenshtein plus adjacent swaps). */
function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => [i, ...new Array<number>(n).fill(0)]);
  for (let j = 0; j <= n; j++) d[0]![j] = j;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[m]![n]!;
}

export type TypoIndex = {
  /**
   * The knowledge word (or extra word) `word` is most likely a misspelling of, or the word it
   * abbreviates ("cert" → "certificate"); null when nothing is close.
   */
  correct(word: string): string | null;
};

/** Shortest abbreviation expanded to a longer word: "temp", "cert", "info". */
const MIN_PREFIX = 4;

/**
 * The deletion index over the knowledge words and the extra words (boilerplate and glossary words), the
 * knowledge words sorted, and both sets.
 */
function deletionIndex(words: string[], extra: string[]): { byDelete: Map<string, string[]>; sorted: string[]; known: Set<string>; extra: Set<string> } {
  const byDelete = new Map<string, string[]>();
  const known = new Set(words.filter((w) => !/\d/.test(w)));
  const sorted = [...known].sort();
  for (const w of new Set([...known, ...extra])) {
    if (w.length < MIN_LEN) continue;
    for (const k of new Set(deletes(w))) {
      const list = byDelete.get(k);
      if (list) list.push(w);
      else byDelete.set(k, [w]);
    }
  }
  return { byDelete, sorted, known, extra: new Set(extra) };
}

/**
 * `words`: every English word the knowledge uses (lower case, unstemmed); `extra`: other words a misspelling
 * may stand for, which the matcher reads in its own way (boilerplate: dropped; glossary words: what they
 * mean). The index is built on the first look-up (a question with an English word the knowledge never uses),
 * not with the rest of the index: at 10,000 procedures it is a fiftieth of the build.
 */
export function buildTypoIndex(words: Iterable<string>, extra: Iterable<string> = []): TypoIndex {
  const [wordList, extraList] = [[...words], [...extra]];
  let built: ReturnType<typeof deletionIndex> | null = null;
  const index = () => (built ??= deletionIndex(wordList, extraList));
  const expand = (word: string): string | null => {
    if (word.length < MIN_PREFIX) return null;
    const { sorted } = index();
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < word) lo = mid + 1;
      else hi = mid;
    }
    // Of the knowledge words that start with it, the shortest (ties: alphabetical).
    let best: string | null = null;
    for (let i = lo; i < sorted.length && sorted[i]!.startsWith(word); i++) {
      const w = sorted[i]!;
      if (w !== word && (best === null || w.length < best.length)) best = w;
    }
    return best;
  };
  /**
   * A four-letter word is corrected only by a missing letter ("renw" → renew, "appy" → apply) or two
   * swapped ones ("crad" → card, "waht" → what): a different letter would too often make another real word
   * (park → part).
   */
  const shortFix = (word: string): string | null => {
    const { byDelete, known, extra } = index();
    const found = [...(byDelete.get(word) ?? [])].filter((w) => w.length === word.length + 1);
    for (let i = 0; i + 1 < word.length; i++) {
      const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
      if (swapped !== word && (known.has(swapped) || extra.has(swapped))) found.push(swapped);
    }
    return found.sort()[0] ?? null;
  };
  /**
   * A five-letter word that is a four-letter knowledge word with one letter typed twice ("babby" → baby).
   * Only a doubled letter: any letter too many would too often make another real word (movie → move).
   */
  const collapse = (word: string): string | null => {
    if (word.length !== MIN_LEN) return null;
    const { known } = index();
    for (let i = 0; i + 1 < word.length; i++) {
      const once = word.slice(0, i) + word.slice(i + 1);
      if (word[i] === word[i + 1] && known.has(once)) return once;
    }
    return null;
  };
  /**
   * Two edits the deletion index cannot meet ("dougther": a wrong letter and two swapped ones): the words with
   * the same first and last letters and about the same length, compared one by one. Only for long words.
   */
  let byStart: Map<string, string[]> | undefined;
  const nearLong = (word: string): [string | null, number] => {
    if (!byStart) {
      byStart = new Map();
      const { known, extra } = index();
      for (const w of new Set([...known, ...extra])) {
        if (w.length < 6) continue;
        const list = byStart.get(w[0]!) ?? [];
        list.push(w);
        byStart.set(w[0]!, list);
      }
      for (const list of byStart.values()) list.sort();
    }
    let best: string | null = null;
    let bestDist = 3;
    for (const w of byStart.get(word[0]!) ?? []) {
      // First and last letter kept, as typists do: "cheapest" is another form of a word, not a typo of "cheaper".
      if (Math.abs(w.length - word.length) > 2 || w[w.length - 1] !== word[word.length - 1]) continue;
      const d = editDistance(word, w);
      if (d < bestDist) [best, bestDist] = [w, d];
    }
    return [best, bestDist];
  };
  return {
    correct(word) {
      if (word.length < MIN_LEN) return expand(word) ?? (word.length === MIN_LEN - 1 ? shortFix(word) : null);
      const { byDelete } = index();
      // Short words allow one edit, longer ones two, so "tiket" finds "ticket" but "car" never becomes "card".
      const maxDist = word.length >= 8 ? 2 : 1;
      let best: string | null = null;
      let bestDist = maxDist + 1;
      for (const k of new Set(deletes(word))) {
        for (const cand of byDelete.get(k) ?? []) {
          if (cand === word) return cand;
          const d = editDistance(word, cand);
          if (d < bestDist || (d === bestDist && best !== null && cand < best)) {
            best = cand;
            bestDist = d;
          }
        }
      }
      if (bestDist > maxDist && maxDist === 2) [best, bestDist] = nearLong(word);
      return bestDist <= maxDist ? best : (collapse(word) ?? expand(word));
    },
  };
}
