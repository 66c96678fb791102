// Knowledge + matcher for the command-line tools (ask, eval, bench): the same loader the bot uses.
import { loadKnowledge } from "../knowledge/load.ts";
import { formatReport } from "../knowledge/problems.ts";
import type { Knowledge } from "../knowledge/schema.ts";
import { buildMatcher, type ExplainingMatcher } from "./match.ts";

export type Loaded = { ok: true; knowledge: Knowledge; matcher: ExplainingMatcher } | { ok: false; message: string };

export async function loadMatcher(dir: string): Promise<Loaded> {
  const report = await loadKnowledge(dir);
  if (report.knowledge === null) {
    return { ok: false, message: `${formatReport(report)}\n${dir}: the knowledge has errors; fix them (npm run kb -- validate) and try again.` };
  }
  return { ok: true, knowledge: report.knowledge, matcher: buildMatcher(report.knowledge) };
}
