// A procedure's notFor phrases: questions that sound like it but are another matter. They are read like
// questions (same tokens and weights) the first time the procedure is a best candidate, never at index
// time: they are not part of what a procedure is about, a 10,000-procedure knowledge base would spend most
// of its build on them, and their words stay unknown to everything else (writing 公积金贷款 into a list
// must not make 贷款 look familiar to other questions).
import type { Knowledge } from "../knowledge/schema.ts";
import { allPhrases } from "../knowledge/text.ts";
import { creditOf, EXAMPLE_CREDIT, type Index } from "./index.ts";
import { queryTokens, type QueryTokens } from "./query.ts";

const HAN = /^\p{Script=Han}+$/u;
/** How completely a notFor phrase without words of its own must be in the question. */
const ALL_OWN_WORDS = 0.9;
/** Share of a notFor phrase's own words the question must have: the words that make it another matter. */
const NOT_FOR_OWN = 0.7;

/** `pairs`: for a single Chinese character, the phrase's character pairs that contain it. */
type Token = { t: string; w: number; own: boolean; pairs: string[] };
type NotPhrase = { text: string; tokens: Token[]; total: number; own: number };

export type NotForMatch = {
  /** Weighted share of the phrase present in the question, 0..1. */
  cov: number;
  phrase: string | null;
  /** Weight of the question's tokens the phrase matched. */
  weight: number;
  /** The part of `weight` from tokens the index does not know (words only notFor phrases use). */
  unknown: number;
};

export type NotFor = { best(q: QueryTokens, proc: number): NotForMatch };

export function createNotFor(knowledge: Knowledge, index: Index): NotFor {
  const cache = new Map<number, NotPhrase[]>();
  const rarest = Math.log(1 + index.ids.length);
  const phrasesOf = (proc: number): NotPhrase[] => {
    let list = cache.get(proc);
    if (list) return list;
    const mine = index.credit[proc]!;
    list = allPhrases(knowledge.procedures[proc]!.notFor).map((text) => {
      const all = queryTokens(index, text, false).all;
      const tokens = all.map(({ t, id, w }) => ({
        t,
        // A word only this phrase uses is as rare as a word can be (one document), not merely unknown.
        w: id >= 0 ? w : (w / index.unknownIdf) * rarest,
        // The phrase's own words: ones the knowledge uses but no name or example of this procedure does.
        // Words nothing else uses (and pairs across word boundaries, 户不 in 个体户不开了) do not count.
        own: id >= 0 && creditOf(mine, id) < EXAMPLE_CREDIT,
        pairs: t.length === 1 ? all.filter((x) => x.t.length === 2 && x.t.includes(t) && HAN.test(x.t)).map((x) => x.t) : [],
      }));
      const sum = (ts: Token[]) => ts.reduce((s, x) => s + x.w, 0);
      return { text, tokens, total: sum(tokens), own: sum(tokens.filter((x) => x.own)) };
    });
    cache.set(proc, list);
    return list;
  };
  return {
    best(q, proc) {
      const found: NotForMatch = { cov: 0, phrase: null, weight: 0, unknown: 0 };
      const list = phrasesOf(proc);
      if (list.length === 0) return found;
      const asked = new Map(q.all.map(({ t, w }) => [t, w]));
      const strange = new Set(q.all.filter((x) => x.id < 0).map((x) => x.t));
      for (const ph of list) {
        let hit = 0;
        let weight = 0;
        let own = 0;
        let unknown = 0;
        for (const { t, w, own: isOwn, pairs } of ph.tokens) {
          const have = asked.get(t);
          if (have === undefined) continue;
          // A character counts only beside a neighbour it has in the phrase (转 of 转团 is not 转 of 转党).
          if (pairs.length > 0 && !pairs.some((p) => asked.has(p))) continue;
          hit += Math.min(have, w);
          weight += have;
          if (strange.has(t)) unknown += have;
          if (isOwn) own += w;
        }
        if (ph.own > 0 && own < NOT_FOR_OWN * ph.own) continue;
        const cov = ph.total > 0 ? hit / ph.total : 0;
        // A phrase of the procedure's own words only ("close my business licence", where an example says "close
        // to the school") tells the other matter by the whole combination: part of it is the procedure itself.
        if (ph.own === 0 && cov < ALL_OWN_WORDS) continue;
        if (cov > found.cov) Object.assign(found, { cov, phrase: ph.text, weight, unknown });
      }
      return found;
    },
  };
}
