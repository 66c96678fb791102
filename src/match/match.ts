// buildMatcher: everything expensive (tokenising the knowledge, the inverted index, typo and smalltalk
// vocabularies) happens here, once per knowledge load; match() only reads.
import type { Knowledge } from "../knowledge/schema.ts";
import { decide } from "./decide.ts";
import { buildIndex, type Index } from "./index.ts";
import { countScript, detectLang, normalize } from "./normalize.ts";
import { queryTokens, scoreAll, type Scored } from "./score.ts";
import { buildSmalltalk } from "./smalltalk.ts";
import type { MatchResult, Matcher } from "./types.ts";

export type ExplainedResult = MatchResult & { scored: Scored[] };

export type ExplainingMatcher = Matcher & {
  /** The result plus every scored procedure with its parts (for `ask --json` and tuning). */
  explain(text: string): ExplainedResult;
  /** Which index build this matcher uses (tests check match() never rebuilds it). */
  readonly index: Index;
};

export function buildMatcher(knowledge: Knowledge): ExplainingMatcher {
  const index = buildIndex(knowledge);
  const smalltalk = buildSmalltalk(knowledge.settings);
  const m = knowledge.settings.matching;

  const explain = (text: string): ExplainedResult => {
    const lang = detectLang(countScript(normalize(text)));
    const q = queryTokens(index, text);
    const scored = scoreAll(index, q);
    const chat = smalltalk.detect(text);
    const top = scored[0]?.score ?? 0;
    // Smalltalk wins when every word is smalltalk, or when no procedure is a confident answer.
    if (chat && (chat.coverage === 1 || top < m.answerScore)) {
      return { outcome: "smalltalk", procedureId: null, candidates: [], smalltalk: chat.intent, lang, scored };
    }
    const d = decide(scored, m);
    return { ...d, smalltalk: null, lang, scored };
  };

  return {
    index,
    explain,
    match(text) {
      const { scored: _scored, ...result } = explain(text);
      return result;
    },
  };
}
