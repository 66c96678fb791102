// The tokeniser's word table (src/match/words.ts): one number per distinct word, wherever it is read.
import { describe, expect, it } from "vitest";
import { HASH_START, hashStep, WordTable } from "../src/match/words.ts";

/** The number of the word at run[start, end), hashed the way the scanner does. */
function findIn(table: WordTable<number>, run: string, start: number, end: number): number {
  let h = HASH_START;
  for (let i = start; i < end; i++) h = hashStep(h, run.charCodeAt(i));
  return table.find(run, start, end, h);
}

describe("the word table", () => {
  it("gives a word the same number in any text and works out its facts once", () => {
    let described = 0;
    const table = new WordTable((w) => ({ flags: w.length, info: ++described }));
    const a = findIn(table, "renew my passport", 9, 17);
    expect(findIn(table, "passport photo", 0, 8)).toBe(a);
    expect(table.of("passport")).toBe(a);
    expect(table.of("pass")).not.toBe(a);
    expect(table.text[a]).toBe("passport");
    expect(table.flags[a]).toBe(8);
    expect(described).toBe(2);
  });

  it("keeps every number through growth, and starts afresh after clear()", () => {
    const table = new WordTable((w) => ({ flags: 0, info: w }));
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`);
    const numbers = words.map((w) => table.of(w));
    expect(new Set(numbers).size).toBe(words.length);
    expect(words.every((w, i) => table.of(w) === numbers[i] && table.info[numbers[i]!] === w)).toBe(true);
    table.clear();
    expect(table.size).toBe(0);
    expect(table.text[table.of("w1")]).toBe("w1");
  });
});
