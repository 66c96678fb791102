// buildMatcher: everything expensive (tokenising the knowledge, the inverted index, typo and smalltalk
// vocabularies) happens here, once per knowledge load; match() only reads.
import type { Knowledge } from "../knowledge/schema.ts";
import { bothAsked, decide } from "./decide.ts";
import { buildIndex, type Index } from "./index.ts";
import { createNotFor } from "./not-for.ts";
import { queryTokens } from "./query.ts";
import { scoreAll, type Scored } from "./score.ts";
import { stem } from "./stem.ts";
import { buildSmalltalk } from "./smalltalk.ts";
import type { MatchResult, Matcher } from "./types.ts";
import { askedForBest, askedForSecond, namedInStory } from "./tiebreak.ts";
import { SHORT_QUESTION, vetoAnswer, vetoLead } from "./veto.ts";

/** A message's first clause, up to punctuation, and what follows. */
const OPENING = /^([^,.!?;，。！？；、~～]{1,40})[,.!?;，。！？；、~～]+\s*/;
/** Words and marks that make the rest of a message a question. */
const ASKS = /[?？]|\b(?:how|what|where|when|which|why|can|could|do|does|is|are|should|need|may)\b|怎|咋|吗|什么|啥|哪|能不能|要不要|可以|多少|几/i;

/** Only the first this many characters of a message are read. */
const MAX_INPUT = 2000;

export type ExplainedResult = MatchResult & {
  scored: Scored[];
  /** Words the knowledge never uses. */
  unknown: string[];
  /** Why an answer was ruled out whatever the scores, if it was. */
  noAnswer: string | null;
  /** Why the best candidate could not be answered on its lead alone (score below answerScore), if so. */
  noLead: string | null;
  /** Why the margin to the runner-up was no reason to ask, when it was waived for an answer (decide.ts bothAsked, tiebreak.ts). */
  marginWaived: string | null;
};

export type ExplainingMatcher = Matcher & {
  /** The result plus every scored procedure with its parts (for `ask --json` and tuning). */
  explain(text: string): ExplainedResult;
  /** Which index build this matcher uses (tests check match() never rebuilds it). */
  readonly index: Index;
};

export function buildMatcher(knowledge: Knowledge): ExplainingMatcher {
  const index = buildIndex(knowledge);
  const smalltalk = buildSmalltalk(knowledge.settings, (w) => index.vocab.has(stem(w)));
  const notFor = createNotFor(knowledge, index);
  const m = knowledge.settings.matching;
  const isRelated = (from: string, to: string) => knowledge.byId.get(from)?.related.some((r) => r.id === to) ?? false;

  /**
   * Small talk with a tail ("thank you so much, you saved me today", "你好，我是社区工作者", "you're useless lol, I'll
   * just call the office"): the first clause is small talk, and the rest asks nothing and names no procedure on
   * its own (below clarifyScore). A tail that asks ("hi, how do I register my dog?") is a question for staff.
   */
  const openingSmalltalk = (text: string) => {
    const cut = OPENING.exec(text);
    if (!cut) return null;
    const rest = text.slice(cut[0].length);
    if (rest.trim() === "" || ASKS.test(rest)) return null;
    const chat = smalltalk.detect(cut[1]!);
    if (!chat) return null;
    const top = scoreAll(index, queryTokens(index, rest))[0]?.score ?? 0;
    return top < m.clarifyScore ? { intent: chat.intent, coverage: 0 } : null;
  };

  const explain = (input: string): ExplainedResult => {
    // A question is a few sentences; a pasted document would only cost time.
    const text = input.length > MAX_INPUT ? input.slice(0, MAX_INPUT) : input;
    const q = queryTokens(index, text);
    const lang = q.analysed.lang;
    const scored = scoreAll(index, q);
    const chat = smalltalk.detect(text) ?? openingSmalltalk(text);
    const top = scored[0]?.score ?? 0;
    // Smalltalk wins when every word is smalltalk, or when no procedure is a confident answer.
    if (chat && (chat.coverage === 1 || top < m.answerScore)) {
      return {
        outcome: "smalltalk", procedureId: null, candidates: [], smalltalk: chat.intent, lang, scored, unknown: q.unknown, noAnswer: null, noLead: null, marginWaived: null,
      };
    }
    const noAnswer = vetoAnswer(index, notFor, m, q, scored);
    const noLead = noAnswer ?? vetoLead(index, m, q, scored);
    const waive = bothAsked(scored, m, isRelated) ? "both are named and related" : askedForBest(index, m, q, scored) ? "the clause that asks names it" : namedInStory(index, q, scored, SHORT_QUESTION) ? "only it is named in the story" : null;
    const d = decide(scored, m, noAnswer === null, noLead === null, waive !== null);
    // A close call the scores would ask about, where what the citizen asks names the runner-up: answer that.
    if (d.outcome === "clarify" && noAnswer === null && askedForSecond(index, q, scored, m)) {
      const procedureId = scored[1]!.id;
      return { ...d, outcome: "answer", procedureId, smalltalk: null, lang, scored, unknown: q.unknown, noAnswer, noLead, marginWaived: "the clause that asks names the runner-up" };
    }
    return { ...d, smalltalk: null, lang, scored, unknown: q.unknown, noAnswer, noLead, marginWaived: d.outcome === "answer" ? waive : null };
  };

  return {
    index,
    explain,
    match(text) {
      const { outcome, procedureId, candidates, smalltalk, lang } = explain(text);
      return { outcome, procedureId, candidates, smalltalk, lang };
    },
  };
}
