// Scores a matcher on a labelled dataset (format: /work/shared/eval/README.md). Pure functions, so the
// figures `npm run eval` prints are the ones tests can check.
import { z } from "zod";
import type { Matcher, MatchResult } from "./types.ts";

export const SMALLTALK_LABEL = "#smalltalk";

export const EvalRow = z.object({
  q: z.string({ error: "needs the question as text in quotes" }),
  expect: z.array(z.string(), { error: 'needs a list of procedure ids, [] for out-of-scope, or ["#smalltalk"]' }),
  lang: z.string().optional(),
  kind: z.string().optional(),
});
export type EvalRow = z.infer<typeof EvalRow>;

export type Verdict =
  /** In scope: answered with an expected id. */
  | "correct"
  /** In scope: a clarifying question that offers an expected id (the citizen can pick it). */
  | "clarified"
  /** In scope: answered with an id that is not expected — the harmful case. */
  | "wrong"
  /** In scope: handed off, smalltalk, or a clarifying question offering none of the expected ids. */
  | "missed"
  /** Out of scope and not answered (clarify or handoff are both fine). */
  | "oos-ok"
  | "oos-answered"
  | "smalltalk-ok"
  | "smalltalk-missed";

export function verdict(row: EvalRow, r: MatchResult): Verdict {
  if (row.expect.includes(SMALLTALK_LABEL)) return r.outcome === "smalltalk" ? "smalltalk-ok" : "smalltalk-missed";
  if (row.expect.length === 0) return r.outcome === "answer" ? "oos-answered" : "oos-ok";
  if (r.outcome === "answer") return row.expect.includes(r.procedureId ?? "") ? "correct" : "wrong";
  // A clarifying question that lists none of the right procedures does not help the citizen: missed.
  if (r.outcome === "clarify" && r.candidates.some((c) => row.expect.includes(c.id))) return "clarified";
  return "missed";
}

export type Counts = {
  total: number;
  inScope: number;
  correct: number;
  clarified: number;
  wrong: number;
  missed: number;
  oos: number;
  oosAnswered: number;
  smalltalk: number;
  smalltalkOk: number;
};

/** Rates are fractions in 0..1, or null when their denominator is 0 (e.g. a file without smalltalk rows). */
export type Summary = Counts & {
  correctRate: number | null;
  safeRate: number | null;
  wrongRate: number | null;
  oosAnsweredRate: number | null;
  smalltalkRate: number | null;
};

export type Judged = { row: EvalRow; result: MatchResult; verdict: Verdict };

const zero = (): Counts => ({
  total: 0, inScope: 0, correct: 0, clarified: 0, wrong: 0, missed: 0, oos: 0, oosAnswered: 0, smalltalk: 0, smalltalkOk: 0,
});

function add(c: Counts, v: Verdict): void {
  c.total++;
  if (v === "correct" || v === "clarified" || v === "wrong" || v === "missed") {
    c.inScope++;
    c[v]++;
  } else if (v === "oos-ok" || v === "oos-answered") {
    c.oos++;
    if (v === "oos-answered") c.oosAnswered++;
  } else {
    c.smalltalk++;
    if (v === "smalltalk-ok") c.smalltalkOk++;
  }
}

const rate = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);

export function summarise(c: Counts): Summary {
  return {
    ...c,
    correctRate: rate(c.correct, c.inScope),
    safeRate: rate(c.correct + c.clarified, c.inScope),
    wrongRate: rate(c.wrong, c.inScope),
    oosAnsweredRate: rate(c.oosAnswered, c.oos),
    smalltalkRate: rate(c.smalltalkOk, c.smalltalk),
  };
}

export type EvalReport = {
  judged: Judged[];
  overall: Summary;
  byLang: Map<string, Summary>;
  byKind: Map<string, Summary>;
};

export function evaluate(matcher: Matcher, rows: readonly EvalRow[]): EvalReport {
  const overall = zero();
  const lang = new Map<string, Counts>();
  const kind = new Map<string, Counts>();
  const judged: Judged[] = [];
  for (const row of rows) {
    const result = matcher.match(row.q);
    const v = verdict(row, result);
    judged.push({ row, result, verdict: v });
    add(overall, v);
    for (const [map, key] of [[lang, row.lang ?? "?"], [kind, row.kind ?? "?"]] as const) {
      let c = map.get(key);
      if (!c) map.set(key, (c = zero()));
      add(c, v);
    }
  }
  const sum = (m: Map<string, Counts>) => new Map([...m].sort(([a], [b]) => a.localeCompare(b)).map(([k, c]) => [k, summarise(c)]));
  return { judged, overall: summarise(overall), byLang: sum(lang), byKind: sum(kind) };
}

export type ParsedRows = { rows: EvalRow[]; problems: string[] };

/** JSON Lines; blank lines skipped. Every bad line is reported (with its number), none silently dropped. */
export function parseRows(text: string, file: string): ParsedRows {
  const rows: EvalRow[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(`${file}:${i + 1}: not valid JSON; each line must be one object like {"q": "...", "expect": ["passport-renewal"]}`);
      return;
    }
    const r = EvalRow.safeParse(value);
    if (r.success) rows.push(r.data);
    else problems.push(`${file}:${i + 1}: ${r.error.issues.map((x) => `${x.path.join(".") || "row"} ${x.message}`).join("; ")}`);
  });
  return { rows, problems };
}

const pct = (x: number | null) => (x === null ? "   -" : `${(x * 100).toFixed(0).padStart(3)}%`);

const COUNT_LABELS = ["rows", "in", "correct", "clarif", "wrong", "missed", "oos", "oosAns", "small", "ok"];
const RATE_LABELS = ["correct", "safe", "wrong", "oosAns", "small"];

/** A table with one line per group: counts and the rates that matter, each column as wide as it needs. */
export function formatTable(report: EvalReport): string {
  const groups: [string, Summary][] = [
    ...[...report.byLang].map(([k, s]): [string, Summary] => [`lang ${k}`, s]),
    ...[...report.byKind].map(([k, s]): [string, Summary] => [`kind ${k}`, s]),
    ["all", report.overall],
  ];
  const counts = (s: Summary) => [s.total, s.inScope, s.correct, s.clarified, s.wrong, s.missed, s.oos, s.oosAnswered, s.smalltalk, s.smalltalkOk].map(String);
  const rates = (s: Summary) => [s.correctRate, s.safeRate, s.wrongRate, s.oosAnsweredRate, s.smalltalkRate].map(pct);
  // Every column at least one space wider than its widest entry, so numbers never run together.
  const widths = COUNT_LABELS.map((l, i) => 1 + Math.max(l.length, ...groups.map(([, s]) => counts(s)[i]!.length)));
  const rateWidths = RATE_LABELS.map((l, i) => 2 + Math.max(l.length, ...groups.map(([, s]) => rates(s)[i]!.length)));
  const nameWidth = Math.max(15, ...groups.map(([n]) => n.length));
  const row = (name: string, cs: string[], rs: string[]) =>
    name.padEnd(nameWidth) + cs.map((c, i) => c.padStart(widths[i]!)).join("") + rs.map((r, i) => r.padStart(rateWidths[i]!)).join("");
  return [row("group", COUNT_LABELS, RATE_LABELS), ...groups.map(([n, s]) => row(n, counts(s), rates(s)))].join("\n");
}

export function formatErrors(report: EvalReport): string {
  const bad = report.judged.filter((j) => ["wrong", "missed", "oos-answered", "smalltalk-missed"].includes(j.verdict));
  return bad
    .map((j) => {
      const got =
        j.result.outcome === "answer"
          ? `answer ${j.result.procedureId}`
          : `${j.result.outcome} [${j.result.candidates.map((c) => `${c.id} ${c.score}`).join(", ")}]`;
      return `${j.verdict.padEnd(16)} ${JSON.stringify(j.row.q)}\n${"".padEnd(17)}expected [${j.row.expect.join(", ")}], got ${got}`;
    })
    .join("\n");
}
