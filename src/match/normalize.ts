// Text cleanup shared by the knowledge index and incoming questions, so both sides compare alike.
import { simplifiedCode, toSimplified } from "./t2s.ts";

const HAN = /\p{Script=Han}/u;
export const isHan = (ch: string): boolean => HAN.test(ch);

/**
 * The blocks of the Basic Multilingual Plane that hold its Chinese (Han) characters: CJK radicals,
 * symbols and ideographs, and compatibility ideographs (test/match-normalize.test.ts checks there are
 * none elsewhere).
 */
const HAN_BLOCKS = [[0x2e80, 0x9fff], [0xf900, 0xfaff]];

/** By UTF-16 code: 1 for the Chinese (Han) characters of the Basic Multilingual Plane. */
let hanCodes: Uint8Array | undefined;

/** The table of Han codes (built on first use, from the same definition as isHan). */
export function hanTable(): Uint8Array {
  if (!hanCodes) {
    hanCodes = new Uint8Array(65536);
    for (const [from, to] of HAN_BLOCKS) for (let c = from!; c <= to!; c++) if (HAN.test(String.fromCharCode(c))) hanCodes[c] = 1;
  }
  return hanCodes;
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * Full-width to ASCII (NFKC), lower case, traditional to simplified Chinese, apostrophes dropped
 * ("I've" → "ive", matching how people type without them).
 */
export function normalize(text: string): string {
  if (ASCII.test(text)) return normalizeAscii(text);
  return normalizeSimple(text) ?? normalizeFully(text);
}

/** normalize() of a text that normalizeSimple() cannot treat. */
export function normalizeFully(text: string): string {
  const s = toSimplified(text.normalize("NFKC").toLowerCase());
  return QUOTE.test(s) ? s.replace(SHORT_AUX, "").replace(QUOTES, "") : s;
}

const QUOTE = /['’‘`]/;
const QUOTES = /['’‘`]/g;
/**
 * 'd, 'll and 's after a word ("I'd", "we'll", "gran's", "it's"): would, had, will, is or a possessive —
 * dropped whole, since without the apostrophe they would make other words ("id" is an ID card, "ill"
 * sickness, "well", "shed") or hide a glossary word ("grans" is no "gran").
 */
const SHORT_AUX = /(?<=[a-z])['’‘`](?:d|ll|s)(?![a-z])/g;

/** normalize() of a text already known to be ASCII (the tokeniser tests it once for both). */
export function normalizeAscii(text: string): string {
  const s = text.toLowerCase();
  if (!s.includes("'") && !s.includes("`")) return s;
  // Most apostrophes are in "don't", "what's": the look-behind only runs where a 'd or 'll may be.
  const aux = s.includes("'d") || s.includes("'ll") || s.includes("'s") || s.includes("`d") || s.includes("`ll") || s.includes("`s");
  return (aux ? s.replace(SHORT_AUX, "") : s).replace(/['`]/g, "");
}

export const isAscii = (text: string): boolean => ASCII.test(text);

/** A question is Chinese when its Chinese characters clearly outweigh its English words. */
export function detectLang(han: number, latinWords: number): "en" | "zh" {
  return han > 0 && han >= 1.5 * latinWords ? "zh" : "en";
}

/**
 * Blocks whose characters normalize() can treat one at a time (ASCII, general and CJK punctuation,
 * full-width forms, and IDEOGRAPHS below), as long as a character is no combining mark and decomposes to
 * itself or to ASCII: NFKC only joins a character with the next when the next is a combining mark or a
 * Korean jamo, and none of these is one or turns into one (test/match-normalize.test.ts checks every
 * character).
 */
const SIMPLE_BLOCKS = [[0x0000, 0x007f], [0x2000, 0x206f], [0x3000, 0x303f], [0xff00, 0xffef]];
/**
 * CJK ideographs: none decomposes, changes case or is a mark, so normalize() only simplifies them (the
 * same test checks this; the table is built without 27,000 NFKC calls).
 */
const IDEOGRAPHS = [[0x3400, 0x4dbf], [0x4e00, 0x9fff]];
const MARK = /\p{M}/u;
/** In the simple table: the character is dropped (an apostrophe). */
const DROPPED = 0xffff;

/**
 * By UTF-16 code: what normalize() turns a character of SIMPLE_BLOCKS or IDEOGRAPHS into (its own code
 * when unchanged, DROPPED), or 0 for any other character. Built on the first text that is not ASCII.
 */
let simple: Uint16Array | undefined;

function simpleTable(): Uint16Array {
  const table = new Uint16Array(65536);
  for (const [from, to] of SIMPLE_BLOCKS) {
    for (let c = from!; c <= to!; c++) {
      const ch = String.fromCharCode(c);
      const nfkd = ch.normalize("NFKD");
      if (MARK.test(ch) || (nfkd !== ch && !ASCII.test(nfkd))) continue;
      const out = normalizeFully(ch);
      if (out.length === 0) table[c] = DROPPED;
      else if (out.length === 1 && out.charCodeAt(0) !== DROPPED) table[c] = out.charCodeAt(0);
    }
  }
  for (const [from, to] of IDEOGRAPHS) for (let c = from!; c <= to!; c++) table[c] = simplifiedCode(c);
  return table;
}

/**
 * The simple table (see above): by UTF-16 code, what normalize() makes of the character on its own, or 0
 * when the text needs the full treatment; DROPPED for an apostrophe.
 */
export function simpleCodes(): Uint16Array {
  return (simple ??= simpleTable());
}

/** In simpleCodes(): the character is dropped. */
export { DROPPED };

/** text[start, end) normalised, when simpleCodes() has a code other than 0 and DROPPED for each character. */
export function normalizeRun(text: string, start: number, end: number): string {
  const table = simpleCodes();
  if (end - start === 1) return String.fromCharCode(table[text.charCodeAt(start)]!);
  let out = "";
  for (let i = start; i < end; i++) out += String.fromCharCode(table[text.charCodeAt(i)]!);
  return out;
}

/** The length of "d", "ll" or "s" after the apostrophe at text[at], when it ends a contraction (SHORT_AUX), else 0. */
function shortAuxAt(text: string, at: number, table: Uint16Array): number {
  // The normalised code at i (0 outside the text); letters are a–z once normalised.
  const code = (i: number) => (i >= 0 && i < text.length ? table[text.charCodeAt(i)]! : 0);
  const letter = (i: number) => code(i) >= 97 && code(i) <= 122;
  if (!letter(at - 1)) return 0;
  const D = 100;
  const L = 108;
  const S = 115;
  const len = code(at + 1) === D || code(at + 1) === S ? 1 : code(at + 1) === L && code(at + 2) === L ? 2 : 0;
  return len > 0 && !letter(at + 1 + len) ? len : 0;
}

/**
 * normalize() one character at a time, for the usual text whose characters are all in SIMPLE_BLOCKS or
 * IDEOGRAPHS (no regular expression, NFKC or case pass over the whole text); null for any other text. The result
 * is all in the Basic Multilingual Plane.
 */
export function normalizeSimple(text: string): string | null {
  const table = simpleCodes();
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const to = table[c]!;
    if (to === c) continue;
    if (to === 0) return null;
    out += text.slice(from, i);
    if (to !== DROPPED) out += String.fromCharCode(to);
    from = i + 1;
    if (to === DROPPED) {
      // An apostrophe: "I'd", "we'll", "gran's" lose what follows it too (SHORT_AUX).
      const aux = shortAuxAt(text, i, table);
      if (aux > 0) [from, i] = [i + 1 + aux, i + aux];
    }
  }
  return from === 0 ? text : out + text.slice(from);
}
