// normalize() treats most text one character at a time (src/match/normalize.ts): it must give exactly
// what NFKC, lower case, simplified Chinese and dropped apostrophes give the whole text.
import { describe, expect, it } from "vitest";
import { hanTable, isHan, normalize } from "../src/match/normalize.ts";
import { prng } from "../src/match/synth.ts";
import { toSimplified } from "../src/match/t2s.ts";

const reference = (text: string): string => toSimplified(text.normalize("NFKC").toLowerCase()).replace(/['’‘`]/g, "");

/** Every character of the blocks normalize() may treat one at a time, and a few it may not. */
const BLOCKS = [[0x20, 0x7e], [0x2000, 0x206f], [0x3000, 0x303f], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xff00, 0xffef]];
const chars = BLOCKS.flatMap(([from, to]) => Array.from({ length: to! - from! + 1 }, (_, i) => String.fromCharCode(from! + i)));
const OTHERS = ["\u0301", "\u0308", "\u3099", "か", "\u1161", "é", "ß", "Σ", "İ", "…", "·", "ﬁ", "豈", "㈱", "\u{20000}"];

describe("normalize", () => {
  it("treats every character like NFKC and friends do", () => {
    const wrong = [...chars, ...OTHERS].filter((c) => normalize(`中${c}`) !== reference(`中${c}`));
    expect(wrong).toEqual([]);
  });

  it("treats mixed text like NFKC does, wherever combining marks and other scripts fall", () => {
    const rand = prng(3);
    const tricky = [...OTHERS, "A", "e", "ア", "ｶ", "ﾞ", "ᄀ", "가", "中", "，", "Ｅ", "'"];
    const pick = (xs: string[]) => xs[Math.floor(rand() * xs.length)]!;
    for (let n = 0; n < 20_000; n++) {
      const text = Array.from({ length: 1 + Math.floor(rand() * 8) }, () => pick(rand() < 0.5 ? chars : tricky)).join("");
      expect(normalize(text), JSON.stringify(text)).toBe(reference(text));
    }
  });

  it("finds every Chinese character of the Basic Multilingual Plane in its Han table", () => {
    const table = hanTable();
    const wrong: number[] = [];
    for (let c = 0; c < 0xd800; c++) if ((table[c] === 1) !== isHan(String.fromCharCode(c))) wrong.push(c);
    for (let c = 0xe000; c < 0x10000; c++) if ((table[c] === 1) !== isHan(String.fromCharCode(c))) wrong.push(c);
    expect(wrong).toEqual([]);
  });

  it("drops 'd, 'll and 's with their apostrophe, so \"I'd\" is no ID card, \"I'll\" no illness and \"gran's\" still gran", () => {
    expect(normalize("I'd like to renew it, we'll come, she'd know")).toBe("i like to renew it, we come, she know");
    // Curly apostrophes, and beside Chinese (the character-table path and the full one).
    expect(normalize("I’d like to renew my 护照, we’ll come")).toBe("i like to renew my 护照, we come");
    expect(normalize("I'd like 護照 renewed, we'll come")).toBe("i like 护照 renewed, we come");
    expect(normalize("my gran's card, it’s 護照")).toBe("my gran card, it 护照");
    // Other apostrophes only go: "don't", and a d or s that starts a word ("rock 'n' roll", "'dad'", "'sir'").
    expect(normalize("don't, the 'dad' said, 'sir'")).toBe("dont, the dad said, sir");
  });

  it("reads 囗, the enclosure radical picked for its look-alike, as 口", () => {
    expect(normalize("户囗迁到这边")).toBe("户口迁到这边");
  });

  it("keeps the usual Chinese question as it reads", () => {
    expect(normalize("護照過期了，怎麼辦？Ｉ’ve ＬＯＳＴ it")).toBe("护照过期了,怎么办?ive lost it");
  });
});
