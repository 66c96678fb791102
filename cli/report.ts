// npm run report [-- --json] [--lang zh] [--data DIR] [--knowledge DIR]: what admins should act on.
// Reads the data file without taking the store's lock, so it works while the bot runs; lowdb replaces the
// file atomically (write then rename), so a read never sees half a write.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigError, loadConfig } from "../src/config.ts";
import { Data } from "../src/core/data.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { formatReport as formatProblems } from "../src/knowledge/problems.ts";
import { LANGS, type Lang } from "../src/knowledge/schema.ts";
import { buildReport, formatReport } from "../src/report.ts";

export type ReportIo = { out: (text: string) => void; err: (text: string) => void; now: () => number };

export const DATA_FILE = "onerun.json";

const HELP = `Usage: npm run report [-- options]

What citizens ask most, who owes an answer, which questions the knowledge could not answer,
ratings and drafts waiting for review. Safe to run while the bot is running (it only reads).

Options:
  --data DIR        Folder with ${DATA_FILE} (default: DATA_DIR, or ./data)
  --knowledge DIR   Knowledge folder (default: KNOWLEDGE_DIR, or ./knowledge)
  --lang en|zh      Language of the report (default en)
  --json            Print the report as JSON instead of text
  --help            Show this help`;

type Args = { data?: string; knowledge?: string; lang: Lang; json: boolean; help: boolean };

function parseArgs(args: readonly string[]): Args | string {
  const parsed: Args = { lang: "en", json: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => inline ?? args[++i];
    if (flag === "--json") parsed.json = true;
    else if (flag === "--help" || flag === "-h") parsed.help = true;
    else if (flag === "--data" || flag === "--knowledge" || flag === "--lang") {
      const v = value();
      if (v === undefined || v === "") return `${flag} needs a value`;
      if (flag === "--lang") {
        if (!(LANGS as readonly string[]).includes(v)) return `--lang must be one of ${LANGS.join(", ")}, got "${v}"`;
        parsed.lang = v as Lang;
      } else parsed[flag === "--data" ? "data" : "knowledge"] = v;
    } else return `unknown option ${JSON.stringify(arg)}`;
  }
  return parsed;
}

type Loaded = { ok: true; data: Data } | { ok: false; missing: boolean; message: string };

async function readData(dir: string): Promise<Loaded> {
  const file = path.join(dir, DATA_FILE);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { ok: false, missing: true, message: "No data yet: start the bot and ask something." };
    return { ok: false, missing: false, message: `DATA_UNREADABLE: ${file} cannot be read (${code ?? String(err)}); check the path and its permissions.` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, missing: false, message: `DATA_CORRUPT: ${file} is not valid JSON (${(err as Error).message}). Restore it from a backup.` };
  }
  const parsed = Data.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? ` at ${first.path.join(".")}` : "";
    return { ok: false, missing: false, message: `DATA_CORRUPT: ${file} is not onerun data${where}: ${first?.message ?? "unknown problem"}. Is --data the bot's DATA_DIR?` };
  }
  return { ok: true, data: parsed.data };
}

/** JSON files in knowledge/drafts/, hidden and temporary files skipped; none when the folder is missing. */
async function listDrafts(knowledgeDir: string): Promise<string[]> {
  try {
    return (await readdir(path.join(knowledgeDir, "drafts"))).filter((n) => n.endsWith(".json") && !n.startsWith("."));
  } catch {
    return [];
  }
}

/** Returns the exit code: 0 printed (or no data yet), 1 unreadable data or knowledge, 2 usage or configuration error. */
export async function runReport(args: readonly string[], io: ReportIo): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === "string") {
    io.err(`report: ${parsed}\n\n${HELP}`);
    return 2;
  }
  if (parsed.help) {
    io.out(HELP);
    return 0;
  }
  let dataDir = parsed.data;
  let knowledgeDir = parsed.knowledge;
  if (dataDir === undefined || knowledgeDir === undefined) {
    try {
      const config = loadConfig();
      dataDir ??= config.dataDir;
      knowledgeDir ??= config.knowledgeDir;
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      io.err(`${err.message}\nOr pass --data and --knowledge.`);
      return 2;
    }
  }

  const data = await readData(dataDir);
  if (!data.ok) {
    if (data.missing) {
      io.out(data.message);
      return 0;
    }
    io.err(data.message);
    return 1;
  }
  const loaded = await loadKnowledge(knowledgeDir);
  if (loaded.knowledge === null) {
    io.err(formatProblems(loaded));
    io.err(`KNOWLEDGE_INVALID: ${knowledgeDir} has errors, so the report cannot name procedures and staff. Fix them (npm run kb -- validate).`);
    return 1;
  }
  const report = buildReport(data.data, loaded.knowledge, io.now(), { drafts: await listDrafts(knowledgeDir) });
  io.out(parsed.json ? JSON.stringify(report, null, 2) : formatReport(report, parsed.lang));
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await runReport(process.argv.slice(2), {
    out: (text) => console.log(text),
    err: (text) => console.error(text),
    now: () => Date.now(),
  });
}
