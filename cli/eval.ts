// npm run eval -- FILE.jsonl [--errors] [--knowledge DIR]
// Prints a table per language and per kind, then (last line) one JSON object with the counts and rates.
// Rates whose denominator is 0 are null. Exits 0 whatever the figures; 1 when the knowledge or file is unusable.
import { readFile } from "node:fs/promises";
import { evaluate, formatErrors, formatTable, parseRows } from "../src/match/eval.ts";
import { loadMatcher } from "../src/match/load-matcher.ts";
import { takeFlag, takeOption } from "./args.ts";

const USAGE = "Usage: npm run eval -- FILE.jsonl [--errors] [--knowledge DIR]";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const showErrors = takeFlag(args, "--errors");
  const dir = takeOption(args, "--knowledge", "knowledge");
  const file = args[0];
  if (!file || args.length > 1) {
    console.error(USAGE);
    return 1;
  }
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    console.error(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}). ${USAGE}`);
    return 1;
  }
  const { rows, problems } = parseRows(text, file);
  if (problems.length > 0) {
    console.error(`${problems.join("\n")}\n${file}: ${problems.length} bad line(s); fix them and run again.`);
    return 1;
  }
  const loaded = await loadMatcher(dir);
  if (!loaded.ok) {
    console.error(loaded.message);
    return 1;
  }
  const known = new Set(loaded.knowledge.procedures.map((p) => p.id));
  const unknown = [...new Set(rows.flatMap((r) => r.expect.filter((id) => !id.startsWith("#") && !known.has(id))))];
  if (unknown.length > 0) console.error(`warning: expected ids not in the knowledge: ${unknown.join(", ")}`);

  const report = evaluate(loaded.matcher, rows);
  if (showErrors) console.log(`${formatErrors(report) || "no errors"}\n`);
  console.log(formatTable(report));
  console.log(JSON.stringify(report.overall));
  return 0;
}

process.exitCode = await main();
