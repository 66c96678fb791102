// Text cleanup shared by the knowledge index and incoming questions, so both sides compare alike.
import { toSimplified } from "./t2s.ts";

const HAN = /\p{Script=Han}/u;
export const isHan = (ch: string): boolean => HAN.test(ch);

const ASCII = /^[\x00-\x7f]*$/;

/**
 * Full-width to ASCII (NFKC), lower case, traditional to simplified Chinese, apostrophes dropped
 * ("I've" → "ive", matching how people type without them).
 */
export function normalize(text: string): string {
  if (ASCII.test(text)) return normalizeAscii(text);
  const s = toSimplified(text.normalize("NFKC").toLowerCase());
  return QUOTE.test(s) ? s.replace(QUOTES, "") : s;
}

const QUOTE = /['’‘`]/;
const QUOTES = /['’‘`]/g;

/** normalize() of a text already known to be ASCII (the tokeniser tests it once for both). */
export function normalizeAscii(text: string): string {
  const s = text.toLowerCase();
  return s.includes("'") || s.includes("`") ? s.replace(/['`]/g, "") : s;
}

export const isAscii = (text: string): boolean => ASCII.test(text);

/** A question is Chinese when its Chinese characters clearly outweigh its English words. */
export function detectLang(han: number, latinWords: number): "en" | "zh" {
  return han > 0 && han >= 1.5 * latinWords ? "zh" : "en";
}
