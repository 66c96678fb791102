// What validation found, in words an admin can act on: which file, where in it, and what is wrong.
import type { Knowledge } from "./schema.ts";

export type Severity = "error" | "warning";

export type Problem = {
  /** Path relative to the knowledge dir, e.g. "procedures/passport-renewal.json". */
  file: string;
  /** JSON path like "materials[2].copies", or "line 12, column 5" for unreadable JSON; "" for the whole file. */
  path: string;
  message: string;
  severity: Severity;
};

export type LoadReport = {
  /** Null exactly when there are errors. */
  knowledge: Knowledge | null;
  errors: Problem[];
  warnings: Problem[];
};

/** `procedures/passport-renewal.json → materials[2].copies: must be a whole number of at least 1, got "two"` */
export function formatProblem(p: Problem): string {
  return p.path === "" ? `${p.file}: ${p.message}` : `${p.file} → ${p.path}: ${p.message}`;
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Every error, then every warning, one per line, under a heading with the counts. */
export function formatReport(report: Pick<LoadReport, "errors" | "warnings">): string {
  const lines: string[] = [];
  if (report.errors.length > 0) {
    lines.push(`${count(report.errors.length, "error")} (the knowledge cannot be used until these are fixed):`);
    for (const p of report.errors) lines.push(`  ✗ ${formatProblem(p)}`);
  }
  if (report.warnings.length > 0) {
    lines.push(`${count(report.warnings.length, "warning")}:`);
    for (const p of report.warnings) lines.push(`  ! ${formatProblem(p)}`);
  }
  return lines.join("\n");
}

export const problem = (file: string, path: string, message: string, severity: Severity = "error"): Problem => ({
  file,
  path,
  message,
  severity,
});
