// Every example question in the knowledge is a regression test: it must be answered (not clarified)
// with its own procedure. Run by `npm run kb -- test`, part of `npm test`.
import type { Knowledge } from "../knowledge/schema.ts";
import { allPhrases } from "../knowledge/text.ts";
import { buildMatcher } from "./match.ts";
import type { Matcher } from "./types.ts";

export type KbTestFailure = { procedureId: string; question: string; got: string };
export type KbTestResult = { failures: KbTestFailure[]; total: number };

/** What the matcher did, in words an admin can act on. */
function describe(r: ReturnType<Matcher["match"]>): string {
  if (r.outcome === "answer") return `answered with ${r.procedureId}`;
  if (r.outcome === "smalltalk") return `taken as smalltalk (${r.smalltalk})`;
  const c = r.candidates.map((x) => `${x.id} ${x.score}`).join(", ");
  return r.outcome === "clarify" ? `asked to choose between ${c}` : `handed to staff${c ? ` (near: ${c})` : ""}`;
}

export function runKbTest(knowledge: Knowledge, matcher: Matcher = buildMatcher(knowledge)): KbTestResult {
  const failures: KbTestFailure[] = [];
  let total = 0;
  for (const p of knowledge.procedures) {
    for (const question of allPhrases(p.examples)) {
      total++;
      const r = matcher.match(question);
      if (r.outcome !== "answer" || r.procedureId !== p.id) failures.push({ procedureId: p.id, question, got: describe(r) });
    }
  }
  return { failures, total };
}
