import type { Lang, LocalList, LocalText } from "./schema.ts";

const other = (lang: Lang): Lang => (lang === "en" ? "zh" : "en");

/** The text in `lang`, or in the other language when that translation is missing. */
export function pick(text: LocalText, lang: Lang): string {
  return text[lang] ?? text[other(lang)] ?? "";
}

/** The phrases of every language, English first. */
export function allPhrases(list: LocalList): string[] {
  return [...(list.en ?? []), ...(list.zh ?? [])];
}

/** Lower-case, no punctuation, single spaces: "How do I renew my passport?" equals "how do i renew my passport". */
export function normalisePhrase(s: string): string {
  return s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}
