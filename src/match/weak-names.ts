// Aliases that say nothing their procedure does not share with another one: once boilerplate is gone,
// "办理护照" is just 护照, which the renewal is named by too, so every passport question would lean to the
// procedure with that alias. `npm run kb -- test` lists them as warnings for the admin.
import type { Knowledge } from "../knowledge/schema.ts";
import { creditOf, FIELD_WEIGHT, type Index } from "./index.ts";
import { queryTokens } from "./query.ts";

export type WeakName = { procedureId: string; alias: string; reads: string[]; alsoNamed: string[] };

export function weakNames(knowledge: Knowledge, index: Index): WeakName[] {
  const out: WeakName[] = [];
  knowledge.procedures.forEach((p) => {
    const proc = index.ids.indexOf(p.id);
    for (const alias of [...(p.aliases.en ?? []), ...(p.aliases.zh ?? [])]) {
      const words = [...queryTokens(index, alias).known.keys()];
      if (words.length === 0) continue;
      const alsoNamed = index.ids.filter((_, other) => other !== proc && words.every((t) => creditOf(index.credit[other]!, t) >= FIELD_WEIGHT.alias));
      if (alsoNamed.length > 0) out.push({ procedureId: p.id, alias, reads: words.map((t) => index.tokenText[t]!).filter((t) => t.length > 1 || !/\p{Script=Han}/u.test(t)), alsoNamed });
    }
  });
  return out;
}
