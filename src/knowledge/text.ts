import type { Lang, LocalList, LocalText } from "./schema.ts";

const other = (lang: Lang): Lang => (lang === "en" ? "zh" : "en");

/** The text in `lang`, or in the other language when that translation is missing. */
export function pick(text: LocalText, lang: Lang): string {
  return text[lang] ?? text[other(lang)] ?? "";
}

/** Phrases in `lang`, or in the other language when there are none. */
export function pickList(list: LocalList, lang: Lang): string[] {
  const own = list[lang];
  return own && own.length > 0 ? own : (list[other(lang)] ?? []);
}
