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

/** `--name value` from argv (removed from the list), or the default. */
export function takeOption(args: string[], name: string, fallback: string): string {
  const at = args.indexOf(name);
  if (at === -1) return fallback;
  const value = args[at + 1];
  args.splice(at, 2);
  return value ?? fallback;
}

export function takeFlag(args: string[], name: string): boolean {
  const at = args.indexOf(name);
  if (at === -1) return false;
  args.splice(at, 1);
  return true;
}
