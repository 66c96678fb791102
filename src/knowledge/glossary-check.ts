// Checks of glossary.json that need the procedures too: every word means one thing, and what it means is
// a word the knowledge really uses (otherwise the entry cannot help any question match).
import { problem, type Problem } from "./problems.ts";
import type { Glossary, Procedure } from "./schema.ts";
import { normalisePhrase } from "./text.ts";
import { EN_STOP, ZH_STOP } from "../match/stopwords.ts";

export const GLOSSARY_FILE = "glossary.json";

const HAN_ONLY = /^\p{Script=Han}+$/u;
const LETTER = /[a-z]/i;
const zhKey = (s: string) => s.replace(/\s+/g, "");

/** Every title, alias and example, lower-cased: what a glossary meaning must be found in. */
function knowledgeText(procedures: readonly Procedure[], lang: "en" | "zh"): string {
  const texts = procedures.flatMap((p) => [p.title[lang] ?? "", ...(p.aliases[lang] ?? []), ...(p.examples[lang] ?? [])]);
  return lang === "en" ? ` ${texts.map(normalisePhrase).join(" | ")} ` : texts.join("|");
}

export function checkGlossary(glossary: Glossary, procedures: readonly Procedure[]): Problem[] {
  const out: Problem[] = [];
  const f = GLOSSARY_FILE;
  for (const lang of ["en", "zh"] as const) {
    const key = lang === "en" ? normalisePhrase : zhKey;
    const text = knowledgeText(procedures, lang);
    const seen = new Map<string, string>();
    glossary[lang].forEach((entry, i) => {
      const valid = (s: string) => (lang === "en" ? LETTER.test(s) : HAN_ONLY.test(zhKey(s)));
      const rule = lang === "en" ? "must contain letters" : "must be Chinese characters only (no punctuation or Latin letters)";
      if (!valid(entry.means)) out.push(problem(f, `${lang}[${i}].means`, `${rule}, got ${JSON.stringify(entry.means)}`));
      else {
        // After replacement the knowledge says `means` wherever it said one of the words, too.
        const used = [entry.means, ...entry.words].some((w) => text.includes(lang === "en" ? ` ${key(w)} ` : key(w)));
        if (!used) {
          out.push(problem(f, `${lang}[${i}].means`, `no procedure's title, alias or example uses ${JSON.stringify(entry.means)} or one of its words, so this entry cannot help a question match; use a word the procedures use, or add it to one`, "warning"));
        }
      }
      entry.words.forEach((w, j) => {
        const path = `${lang}[${i}].words[${j}]`;
        if (!valid(w)) return void out.push(problem(f, path, `${rule}, got ${JSON.stringify(w)}`));
        const k = key(w);
        const first = seen.get(k);
        if (first !== undefined) out.push(problem(f, path, `${JSON.stringify(w)} is already listed at ${first}; a word can mean only one thing`));
        else seen.set(k, path);
        if (k === key(entry.means)) out.push(problem(f, path, `is the same as "means"; leave it out`, "warning"));
        // A word of everyday grammar is in nearly every question: "us" listed for "abroad" reads "help us" as "help abroad".
        else if ((lang === "en" ? EN_STOP : ZH_STOP).has(k)) {
          out.push(problem(f, path, `${JSON.stringify(w)} is an everyday word questions use in other senses ("help us", "我想"), so it would be read as ${JSON.stringify(entry.means)} everywhere; leave it out or list a longer phrase`, "warning"));
        }
      });
    });
  }
  return out;
}
