// Smalltalk detection cuts plain English messages into words without Intl.Segmenter (smalltalk.ts
// wordSegments) and rules most Chinese questions out before cutting them (notSmalltalk); these check it
// cuts them exactly as the segmenter would, and that the segmenter behaves as that rule assumes.
import { describe, expect, it } from "vitest";
import { wordSegments } from "../src/match/smalltalk.ts";

const segmenter = new Intl.Segmenter("zh", { granularity: "word" });
const bySegmenter = (s: string) => [...segmenter.segment(s)].filter((x) => x.isWordLike).map((x) => x.segment);

describe("smalltalk word cutting", () => {
  it("agrees with Intl.Segmenter on random plain text, punctuation between letters and digits included", () => {
    const alphabet = "abcxyz0129 \t\n!\"#$%&()*+-/<=>?@[\\]^`{|}~,.:;_'";
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let n = 0; n < 20_000; n++) {
      let s = "";
      for (let len = 1 + Math.floor(next() * 12); len > 0; len--) s += alphabet[Math.floor(next() * alphabet.length)];
      expect(wordSegments(s), JSON.stringify(s)).toEqual(bySegmenter(s));
    }
  });

  it("agrees with Intl.Segmenter on messages citizens write", () => {
    for (const s of ["hi", "hello there!", "thanks, that helps", "no, thats all, thanks", "3 kids (ages 2-5) & 1 dog", "a.m. or p.m.", "10:30 ok?", "你好 谢谢", "护照丢了 what now", "e.g. my id"]) {
      expect(wordSegments(s), s).toEqual(bySegmenter(s));
    }
  });

  it("keeps each Chinese character in a word-like segment without ASCII, and ASCII words within runs of letters and digits", () => {
    const alphabet = "你好在吗有人谢谢帮助什么怎么护照丢了补办身份证户口的啊吧哈ab z09_.,:;!?'-、。“”《》【】…";
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let n = 0; n < 20_000; n++) {
      let s = "";
      for (let len = 1 + Math.floor(next() * 16); len > 0; len--) s += alphabet[Math.floor(next() * alphabet.length)];
      let asciiWords = 0;
      for (const x of segmenter.segment(s)) {
        if (/[\u4e00-\u9fff]/.test(x.segment)) expect(x.isWordLike && !/[\x00-\x7f]/.test(x.segment), JSON.stringify(s)).toBe(true);
        else if (x.isWordLike) asciiWords++;
      }
      expect(asciiWords, JSON.stringify(s)).toBeLessThanOrEqual(s.match(/[a-z0-9_]+/g)?.length ?? 0);
    }
  });
});
