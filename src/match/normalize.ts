// Text cleanup shared by the knowledge index and incoming questions, so both sides compare alike.
import { toSimplified } from "./t2s.ts";

const HAN = /\p{Script=Han}/u;
export const isHan = (ch: string): boolean => HAN.test(ch);

/**
 * Full-width to ASCII (NFKC), lower case, traditional to simplified Chinese, apostrophes dropped
 * ("I've" → "ive", matching how people type without them).
 */
export function normalize(text: string): string {
  return toSimplified(text.normalize("NFKC").toLowerCase()).replace(/['’‘`]/g, "");
}

export type Script = { han: number; latinWords: number };

export function countScript(normalized: string): Script {
  let han = 0;
  for (const ch of normalized) if (isHan(ch)) han++;
  const latinWords = normalized.match(/[a-z]+/g)?.length ?? 0;
  return { han, latinWords };
}

/** A question is Chinese when its Chinese characters clearly outweigh its English words. */
export function detectLang(s: Script): "en" | "zh" {
  return s.han > 0 && s.han >= 1.5 * s.latinWords ? "zh" : "en";
}
