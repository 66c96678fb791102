// Reasons to ask rather than answer even when the scores would allow an answer. Each names a kind of
// question where a confident answer is likely to be the wrong one; `ask --json` shows which fired.
import type { MatchingSettings } from "../knowledge/schema.ts";
import { WHOLE_PHRASE } from "./decide.ts";
import { creditOf, FIELD_WEIGHT, TOKEN_CHAR, type Index } from "./index.ts";
import type { QueryTokens } from "./query.ts";
import type { NotFor } from "./not-for.ts";
import type { Scored } from "./score.ts";
import { namedApart } from "./tiebreak.ts";

/** Up to this many meaningful words a message is a topic rather than a question… */
const TOPIC_WORDS = 3;
/** …unless it matches this much of one of the procedure's names or examples. */
const TOPIC_PHRASE = 0.7;
/**
 * …or unless the procedure explains all of it (queryCov counts a word of its examples at 0.9, one it does not
 * use at all — "market" in "real estate market" — at 0) and matches at least half of a name or example.
 */
const TOPIC_ALL_WORDS = 0.95;
const TOPIC_HALF_PHRASE = 0.5;
/** Up to this many meaningful words, a question is short: every word should be one the knowledge knows. */
export const SHORT_QUESTION = 6;
/**
 * …unless the unknown words carry less than this share of its weight: one everyday word the knowledge
 * happens not to use ("friends") among several it knows does not make it a different matter.
 */
const UNKNOWN_SHARE = 0.2;
/** Share of a short question's weight that points elsewhere (another procedure's words): a mixed question. */
const MIXED_SHARE = 0.2;
/** …counting only procedures whose names or examples the question matches at least this much. */
const MIXED_PHRASE = 0.5;
/**
 * A question of one clause and at most this many meaningful words gets no answer on its lead below answerScore:
 * its lead rests on a word or two, and what is left is as likely another matter ("居民医保每年什么时候交" is
 * not a newborn's insurance, "is my kids school in the news" not enrolment).
 */
const LEAD_SHORT = 4;
/** Runner-up explaining the question within this much of the best: the question does not tell them apart. */
const QUERY_TIE = 0.02;
/** …and matching its best name or example at least this share as completely as the best candidate does. */
const TIE_PHRASE = 0.5;
/** A best candidate named whole in the question and this many margins ahead is no tie. */
const TIE_LEAD = 2;

/**
 * One of the best candidate's notFor phrases present at least this completely, and about as completely as
 * its best name or example (within NOT_FOR_SLACK), means the question is the other matter the admin named.
 */
const NOT_FOR_MATCH = 0.7;
const NOT_FOR_SLACK = 0.1;
/**
 * …and only when that phrase is a real part of the question, not a detail of a longer story: this share of
 * the question's weight, leaving out unknown tokens the phrase does not match (pairs across word boundaries,
 * 后孩 in 离婚以后孩子抚养费, are noise, not more of the question).
 */
const NOT_FOR_SHARE = 0.35;

/** An answer on its lead alone must explain at least this much of the question (Scored.queryCov)… */
const LEAD_COVERAGE = 0.6;
/**
 * …or this much, in a story that has one of its names or examples nearly whole (Scored.phraseCov): "never had a
 * passport in my life and now I need one for a trade fair" names the matter, whatever else it tells.
 */
const LEAD_COVERAGE_NAMED = 0.5;
const LEAD_NAMED_PHRASE = 0.8;
/** …and leave less than this share of its weight to words that name other procedures. */
const FOREIGN_SHARE = 0.15;

/**
 * Why the best candidate must not be answered on its lead alone (a score below answerScore but far ahead
 * of the rest), or null when it may: a word that names other procedures and that the best one does not
 * know carries a real share of the question ("renew my car insurance": renewing is another matter).
 */
export function vetoLead(index: Index, m: MatchingSettings, q: QueryTokens, scored: Scored[]): string | null {
  const best = scored[0];
  if (!best) return null;
  const enough = best.phraseCov >= LEAD_NAMED_PHRASE ? LEAD_COVERAGE_NAMED : LEAD_COVERAGE;
  if (best.queryCov < enough) return `${best.id} leaves too much of the question unexplained`;
  if (q.clauseWords.length < 2 && q.analysed.contentWords <= LEAD_SHORT) return `a short question is answered on its score, not on a lead`;
  // Names of the other plausible candidates only: "paid in full" does not make a question about full passports.
  const rivals = scored.slice(1).filter((s) => s.score >= m.clarifyScore);
  const foreign = namedElsewhere(index, q, best, rivals, true);
  return foreign >= FOREIGN_SHARE * q.total ? `words naming other procedures that ${best.id} does not use` : null;
}

/**
 * Weight of the question's words that one of `others` is named by (title or alias) and `best` does not use
 * at all, leaving out what the citizen says is already done (and single Chinese characters if `wordsOnly`).
 */
function namedElsewhere(index: Index, q: QueryTokens, best: Scored, others: Scored[], wordsOnly: boolean): number {
  const mine = index.credit[best.proc]!;
  const theirs = others.map((o) => index.credit[o.proc]!);
  let weight = 0;
  for (const { id, w } of q.all) {
    if (id < 0 || creditOf(mine, id) > 0 || q.doneOnly.has(id) || (wordsOnly && index.kind[id] === TOKEN_CHAR)) continue;
    if (theirs.some((c) => creditOf(c, id) >= FIELD_WEIGHT.alias)) weight += w;
  }
  return weight;
}

/**
 * Weight of the unknown words that only occur in clauses of the story around the question: clauses that ask
 * nothing and have no word of `best`'s title or aliases ("咱家穷，低保咋申请", "团关系咋转啊 刚毕业 整懵了"). Such a word
 * describes the citizen's situation; an unknown word in the asking clause or beside the procedure's own
 * words ("how can I *track* it", "营业执照*年报*") may change what is asked, and still counts.
 */
function storyUnknown(index: Index, q: QueryTokens, best: Scored): number {
  if (q.clauseWords.length < 2) return 0;
  const mine = index.credit[best.proc]!;
  const story = q.clauseWords.map((ids, k) => !q.analysed.asking[k] && !ids.some((id) => creditOf(mine, id) >= FIELD_WEIGHT.alias));
  let w = 0;
  for (const u of q.unknownIn) if (u.clauses.every((k) => story[k])) w += u.w;
  return w;
}

/** Why the best candidate must not be given as an answer whatever its score, or null when it may. */
export function vetoAnswer(index: Index, notFor: NotFor, m: MatchingSettings, q: QueryTokens, scored: Scored[]): string | null {
  const [best, second] = scored;
  if (best) {
    const not = notFor.best(q, best.proc);
    if (not.cov >= NOT_FOR_MATCH && not.cov >= best.phraseCov - NOT_FOR_SLACK && not.weight >= NOT_FOR_SHARE * (q.total - q.unknownWeight + not.unknown)) return `${best.id} is not for "${not.phrase}"`;
  }
  // A short question with words the knowledge never uses ("how do I take it to *court*") is probably
  // about something near but different, when those words weigh enough (UNKNOWN_SHARE).
  if (q.analysed.contentWords <= SHORT_QUESTION && q.unknown.length > 0) {
    if (q.unknownWeight - (best ? storyUnknown(index, q, best) : 0) >= UNKNOWN_SHARE * q.total) return `${q.unknown.length} word(s) the knowledge never uses`;
  }
  // A few meaningful words ("driving", "make money") are a topic, not yet a question: answer only when
  // they are (nearly) a whole name or example of the procedure ("低保", "lost passport"), or when the
  // procedure explains every one of them with its names' words and scores as an answer ("passport pages
  // used up, new one?"). A single word stays a topic ("hukou": moving it, a baby's, a death?).
  const whole = best && q.analysed.contentWords > 1 && best.score >= m.answerScore && best.queryCov >= TOPIC_ALL_WORDS && best.phraseCov >= TOPIC_HALF_PHRASE;
  if (best && q.analysed.contentWords <= TOPIC_WORDS && best.phraseCov < TOPIC_PHRASE && !whole) {
    return `${q.analysed.contentWords} meaningful word(s) name a topic, not a whole procedure`;
  }
  // In a short question, the runner-up explains as much of it and matches a name or example about as well
  // (TIE_PHRASE of the best's match): nothing tells the two apart ("passport": first application or
  // renewal?) — unless the best one's name is in the question whole and it leads by TIE_LEAD margins ("get
  // married at the civil affairs office" has divorce's example words too, but names marriage), or the question
  // uses its name words and none of the runner-up's ("our newborn needs medical insurance": the runner-up's
  // examples tell much the same, but only the best is named). A long story that explains both about as well
  // is left to the margin between their scores.
  const clearly = best && second && ((best.phraseCov >= WHOLE_PHRASE && best.score - second.score >= TIE_LEAD * m.margin) || namedApart(index, q, best, second));
  if (best && second && !clearly && q.analysed.contentWords <= SHORT_QUESTION && second.queryCov >= best.queryCov - QUERY_TIE && second.phraseCov >= TIE_PHRASE * best.phraseCov) {
    return `${second.id} fits the question as well as ${best.id}`;
  }
  // Another procedure's name or example is wholly in the question, while the best one matches none of its
  // own well: the lead comes from words it shares in passing ("…get married at the civil affairs office":
  // divorce examples mention marriage and the office too).
  const named = best && best.phraseCov < TOPIC_PHRASE ? scored.slice(1).find((o) => o.phraseCov >= WHOLE_PHRASE) : undefined;
  if (best && named) return `${named.id} is named in the question, ${best.id} only partly`;
  // A short question that mixes two matters: part of it points elsewhere.
  if (best && q.analysed.contentWords <= SHORT_QUESTION) {
    // Words other procedures are named by, which the best one does not use ("营业执照 注销": a business
    // licence, but cancelling it is not registering it). Only procedures the question matches a good part
    // of a name or example of (MIXED_PHRASE): "stolen on the bus" does not name the senior card's free
    // bus rides. A matter the citizen says is done is not asked.
    const namers = scored.slice(1).filter((o) => o.phraseCov >= MIXED_PHRASE);
    if (namedElsewhere(index, q, best, namers, false) >= MIXED_SHARE * q.total) return `the question also names what other procedures are about`;
    // Another plausible procedure is named by a real part the best one does not use ("结婚证 丢了 补办":
    // marriage, and replacing something lost). Names only: words of its examples are too often incidental.
    for (const other of scored.slice(1)) {
      if (other.score < m.clarifyScore) break;
      if (namedElsewhere(index, q, best, [other], false) >= MIXED_SHARE * q.total) return `${other.id} explains part of the question that ${best.id} does not`;
    }
  }
  return null;
}
