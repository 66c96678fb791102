import { describe, expect, it } from "vitest";
import { evaluate, formatErrors, formatTable, parseRows, verdict, type EvalRow } from "../src/match/eval.ts";
import type { Matcher, MatchResult } from "../src/match/types.ts";

const result = (r: Partial<MatchResult>): MatchResult => ({
  outcome: "handoff",
  procedureId: null,
  candidates: [],
  smalltalk: null,
  lang: "en",
  ...r,
});
const row = (expect: string[], kind = "plain", lang = "en"): EvalRow => ({ q: "q", expect, kind, lang });

describe("eval verdicts", () => {
  it("counts an answer with an expected id as correct, with another id as wrong", () => {
    expect(verdict(row(["a", "b"]), result({ outcome: "answer", procedureId: "b" }))).toBe("correct");
    expect(verdict(row(["a"]), result({ outcome: "answer", procedureId: "c" }))).toBe("wrong");
  });

  it("counts a clarifying question as clarified only when it offers an expected id", () => {
    expect(verdict(row(["a"]), result({ outcome: "clarify", candidates: [{ id: "x", score: 0.5 }, { id: "a", score: 0.4 }] }))).toBe("clarified");
    expect(verdict(row(["a"]), result({ outcome: "clarify", candidates: [{ id: "x", score: 0.5 }] }))).toBe("missed");
  });

  it("counts handoff and smalltalk on an in-scope question as missed", () => {
    expect(verdict(row(["a"]), result({ outcome: "handoff" }))).toBe("missed");
    expect(verdict(row(["a"]), result({ outcome: "smalltalk", smalltalk: "greeting" }))).toBe("missed");
  });

  it("only an answer is harmful for out-of-scope rows; smalltalk rows need the smalltalk outcome", () => {
    expect(verdict(row([]), result({ outcome: "clarify", candidates: [{ id: "a", score: 0.4 }] }))).toBe("oos-ok");
    expect(verdict(row([]), result({ outcome: "answer", procedureId: "a" }))).toBe("oos-answered");
    expect(verdict(row(["#smalltalk"]), result({ outcome: "smalltalk", smalltalk: "thanks" }))).toBe("smalltalk-ok");
    expect(verdict(row(["#smalltalk"]), result({ outcome: "handoff" }))).toBe("smalltalk-missed");
  });
});

describe("eval summary", () => {
  const scripted = (answers: Record<string, MatchResult>): Matcher => ({ match: (q) => answers[q] ?? result({}) });

  it("computes rates per language and kind, and null rates when a group has no such rows", () => {
    const rows: EvalRow[] = [
      { q: "one", expect: ["a"], lang: "en", kind: "plain" },
      { q: "two", expect: ["b"], lang: "zh", kind: "plain" },
      { q: "three", expect: [], lang: "en", kind: "oos" },
    ];
    const report = evaluate(
      scripted({
        one: result({ outcome: "answer", procedureId: "a" }),
        two: result({ outcome: "clarify", candidates: [{ id: "b", score: 0.4 }] }),
        three: result({ outcome: "answer", procedureId: "a" }),
      }),
      rows,
    );
    expect(report.overall).toMatchObject({
      total: 3, inScope: 2, correct: 1, clarified: 1, wrong: 0, missed: 0, oos: 1, oosAnswered: 1,
      correctRate: 0.5, safeRate: 1, wrongRate: 0, oosAnsweredRate: 1, smalltalkRate: null,
    });
    expect(report.byLang.get("zh")).toMatchObject({ inScope: 1, clarified: 1, correctRate: 0, oosAnsweredRate: null });
    expect(report.byKind.get("oos")).toMatchObject({ oos: 1, correctRate: null });
    expect(formatErrors(report)).toContain('oos-answered     "three"');
  });

  it("keeps the table's columns apart however large the counts (a file of thousands of rows)", () => {
    const rows: EvalRow[] = Array.from({ length: 12_345 }, (_, i) => ({ q: "one", expect: ["a"], lang: i % 2 ? "en" : "zh", kind: "plain" }));
    const table = formatTable(evaluate(scripted({ one: result({ outcome: "answer", procedureId: "a" }) }), rows));
    const [head, ...lines] = table.split("\n");
    expect(head!.split(/\s+/).slice(0, 4)).toEqual(["group", "rows", "in", "correct"]);
    expect(lines.find((l) => l.startsWith("all"))!.split(/\s+/).slice(0, 4)).toEqual(["all", "12345", "12345", "12345"]);
    // Every line as wide as the heading: the columns line up.
    for (const l of lines) expect(l.length).toBe(head!.length);
  });
});

describe("eval input", () => {
  it("reports every bad line with its number and keeps the good ones", () => {
    const text = [
      '{"q": "renew passport", "expect": ["passport-renewal"], "lang": "en", "kind": "plain"}',
      "not json",
      "",
      '{"q": "hi"}',
    ].join("\n");
    const { rows, problems } = parseRows(text, "set.jsonl");
    expect(rows).toHaveLength(1);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^set\.jsonl:2: not valid JSON/);
    expect(problems[1]).toMatch(/^set\.jsonl:4: expect/);
  });
});
