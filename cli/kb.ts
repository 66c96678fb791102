// npm run kb -- <validate|stats|test|help> [--dir knowledge]: check the knowledge files admins edit.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { formatReport, type LoadReport } from "../src/knowledge/problems.ts";
import type { Knowledge } from "../src/knowledge/schema.ts";
import { knowledgeStats } from "../src/knowledge/stats.ts";
import { runKbTest } from "../src/match/kb-test.ts";
import { buildMatcher } from "../src/match/match.ts";
import { weakNames } from "../src/match/weak-names.ts";

export type KbIo = { out: (line: string) => void; err: (line: string) => void; today: Date };

const HELP = `Usage: npm run kb -- <command> [--dir <knowledge dir>]

Commands:
  validate  Check every knowledge file; lists all errors and warnings. Exit code 1 if there are errors.
  stats     Procedures and staff per department, translation coverage, entries not reviewed in over a year.
  test      Ask every example question and check it is answered with its own procedure. Exit code 1 on failures.
  help      Show this help.

--dir defaults to "knowledge" (relative to the current folder).`;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

const summary = (k: Knowledge) =>
  `${plural(k.procedures.length, "procedure")}, ${k.directory.staff.length} staff, ${plural(k.directory.departments.length, "department")}`;

/** Loads and prints problems; null (after printing why) when the knowledge cannot be used. */
async function load(dir: string, io: KbIo): Promise<{ knowledge: Knowledge | null; report: LoadReport }> {
  const report = await loadKnowledge(dir);
  if (report.knowledge === null) {
    io.err(formatReport(report));
    io.err(`${dir}: ${plural(report.errors.length, "error")}, ${plural(report.warnings.length, "warning")}. The bot will not load this knowledge until the errors are fixed.`);
  }
  return { knowledge: report.knowledge, report };
}

async function validate(dir: string, io: KbIo): Promise<number> {
  const { knowledge, report } = await load(dir, io);
  if (knowledge === null) return 1;
  if (report.warnings.length > 0) io.out(formatReport(report));
  const warnings = report.warnings.length === 0 ? "" : `, ${plural(report.warnings.length, "warning")}`;
  io.out(`${summary(knowledge)}: OK${warnings}`);
  return 0;
}

async function stats(dir: string, io: KbIo): Promise<number> {
  const { knowledge } = await load(dir, io);
  if (knowledge === null) return 1;
  const s = knowledgeStats(knowledge, io.today);
  io.out(summary(knowledge));
  io.out("");
  io.out("Per department (procedures, staff):");
  const width = Math.max(...s.departments.map((d) => d.name.length + d.id.length + 3));
  for (const d of s.departments) io.out(`  ${`${d.name} (${d.id})`.padEnd(width)}  ${String(d.procedures).padStart(3)}  ${String(d.staff).padStart(3)}`);
  io.out("");
  io.out(`Languages: ${s.fullyTranslated} of ${knowledge.procedures.length} procedures have full English and Chinese text`);
  for (const u of s.untranslated) io.out(`  ${u.id}: one language only in ${u.paths.join(", ")}`);
  io.out("");
  if (s.stale.length === 0) io.out(`Not reviewed in over a year (before ${s.cutoff}): none`);
  else {
    io.out(`Not reviewed in over a year (before ${s.cutoff}): ${s.stale.length}`);
    for (const p of s.stale) io.out(`  ${p.id} (reviewed ${p.reviewed})`);
  }
  return 0;
}

async function test(dir: string, io: KbIo): Promise<number> {
  const { knowledge } = await load(dir, io);
  if (knowledge === null) return 1;
  const matcher = buildMatcher(knowledge);
  for (const w of weakNames(knowledge, matcher.index)) {
    io.out(`  ! ${w.procedureId}: alias ${JSON.stringify(w.alias)} reads as just "${w.reads.join(" ")}", which ${w.alsoNamed.join(", ")} is also named by; say what sets it apart`);
  }
  const { failures, total } = runKbTest(knowledge, matcher);
  for (const f of failures) io.err(`  ✗ ${f.procedureId}: ${JSON.stringify(f.question)} → got ${f.got}`);
  if (failures.length > 0) {
    io.err(`${failures.length} of ${total} example questions were not answered with their own procedure. Add aliases or examples, or reword the questions.`);
    return 1;
  }
  io.out(`All ${total} example questions are answered with their own procedure.`);
  return 0;
}

const COMMANDS: Record<string, (dir: string, io: KbIo) => Promise<number>> = { validate, stats, test };

/** Runs one kb command; returns the exit code (0 ok, 1 problems found, 2 usage error). */
export async function runKb(args: readonly string[], io: KbIo): Promise<number> {
  const [command = "help", ...rest] = args;
  let dir = "knowledge";
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === "--dir" && rest[i + 1] !== undefined) dir = rest[++i]!;
    else if (arg.startsWith("--dir=")) dir = arg.slice("--dir=".length);
    else {
      io.err(`kb: unknown option ${JSON.stringify(arg)}\n\n${HELP}`);
      return 2;
    }
  }
  if (command === "help" || command === "--help" || command === "-h") {
    io.out(HELP);
    return 0;
  }
  const run = COMMANDS[command];
  if (run === undefined) {
    io.err(`kb: unknown command ${JSON.stringify(command)}\n\n${HELP}`);
    return 2;
  }
  return run(dir, io);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await runKb(process.argv.slice(2), {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    today: new Date(),
  });
}
