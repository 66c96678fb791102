// Reads the knowledge dir, validates every file strictly and reports ALL problems at once.
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { crossCheck, DIRECTORY_FILE, GLOSSARY_FILE, procedureFile, SETTINGS_FILE, type ParsedProcedure, type ProcedureRefs } from "./crosscheck.ts";
import { issuesToProblems, plainErrorMap } from "./messages.ts";
import { problem, type LoadReport, type Problem } from "./problems.ts";
import { readJson } from "./read-json.ts";
import { Directory, Glossary, Procedure, Settings, type Knowledge } from "./schema.ts";
import { missingTranslations } from "./translations.ts";

export const PROCEDURES_DIR = "procedures";

/** The "$schema" each kind of file should carry so editors can check it while typing. */
const SCHEMA_REFS = {
  procedure: "../schema/procedure.schema.json",
  directory: "./schema/directory.schema.json",
  settings: "./schema/settings.schema.json",
  glossary: "./schema/glossary.schema.json",
} as const;

type Parsed<T> = { ok: true; value: T } | { ok: false; raw?: unknown };

async function loadFile<S extends z.ZodType>(
  dir: string,
  file: string,
  schema: S,
  schemaRef: string,
  problems: Problem[],
  ifMissing?: z.output<S>,
): Promise<Parsed<z.output<S>>> {
  const read = await readJson(path.join(dir, file), file);
  if (!read.ok && read.missing && ifMissing !== undefined) return { ok: true, value: ifMissing };
  if (!read.ok) {
    problems.push(read.problem);
    return { ok: false };
  }
  const result = schema.safeParse(read.value, { error: plainErrorMap });
  if (!result.success) {
    problems.push(...issuesToProblems(file, read.value, result.error.issues));
    return { ok: false, raw: read.value };
  }
  const raw = read.value as Record<string, unknown>;
  if (raw.$schema !== schemaRef) {
    const got = raw.$schema === undefined ? "it is missing" : `got ${JSON.stringify(raw.$schema)}`;
    problems.push(problem(file, "$schema", `should be ${JSON.stringify(schemaRef)} so editors can check this file as you type; ${got}`, "warning"));
  }
  problems.push(...missingTranslations(file, result.data));
  return { ok: true, value: result.data };
}

/** Procedure files: procedures/*.json, skipping hidden files (editor swap and lock files). */
async function listProcedureFiles(dir: string, problems: Problem[]): Promise<string[]> {
  try {
    const names = await readdir(path.join(dir, PROCEDURES_DIR));
    return names.filter((n) => n.endsWith(".json") && !n.startsWith(".")).sort();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    problems.push(problem(`${PROCEDURES_DIR}/`, "", code === "ENOENT" ? "the folder is missing" : `the folder cannot be read (${code ?? String(err)})`));
    return [];
  }
}

const isId = (v: unknown): v is string => Procedure.shape.id.safeParse(v).success;

/** References in a procedure file that failed validation, so its links are checked in the same run. */
function lenientRefs(file: string, fileId: string, raw: unknown): ProcedureRefs {
  const o = (raw !== null && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const related = Array.isArray(o.related) ? (o.related as unknown[]) : [];
  return {
    file,
    fileId,
    id: isId(o.id) ? o.id : undefined,
    department: isId(o.department) ? o.department : undefined,
    owner: isId(o.owner) ? o.owner : undefined,
    related: related.flatMap((r, index) => {
      const id = r !== null && typeof r === "object" ? (r as Record<string, unknown>).id : undefined;
      return isId(id) ? [{ index, id }] : [];
    }),
  };
}

function buildKnowledge(directory: Directory, settings: Settings, glossary: Glossary, procedures: Procedure[]): Knowledge {
  const sorted = [...procedures].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    procedures: sorted,
    byId: new Map(sorted.map((p) => [p.id, p])),
    directory,
    staffById: new Map(directory.staff.map((s) => [s.id, s])),
    departmentById: new Map(directory.departments.map((d) => [d.id, d])),
    settings,
    glossary,
  };
}

const byFile = (a: Problem, b: Problem) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

/**
 * Loads `dir` (directory.json, settings.json, procedures/*.json; anything else, such as drafts/, is ignored).
 * Never throws for bad content: `knowledge` is null exactly when `errors` is non-empty.
 */
export async function loadKnowledge(dir: string): Promise<LoadReport> {
  const problems: Problem[] = [];
  const directory = await loadFile(dir, DIRECTORY_FILE, Directory, SCHEMA_REFS.directory, problems);
  const settings = await loadFile(dir, SETTINGS_FILE, Settings, SCHEMA_REFS.settings, problems);
  // The glossary is optional: without one, questions are matched on the knowledge's own words.
  const glossary = await loadFile(dir, GLOSSARY_FILE, Glossary, SCHEMA_REFS.glossary, problems, Glossary.parse({}));

  const names = await listProcedureFiles(dir, problems);
  const parsed: ParsedProcedure[] = [];
  const broken: ProcedureRefs[] = [];
  await Promise.all(
    names.map(async (name) => {
      const fileId = name.slice(0, -".json".length);
      const file = procedureFile(fileId);
      const own: Problem[] = [];
      const result = await loadFile(dir, file, Procedure, SCHEMA_REFS.procedure, own);
      problems.push(...own);
      if (result.ok) parsed.push({ file, fileId, procedure: result.value });
      else broken.push(lenientRefs(file, fileId, result.raw));
    }),
  );
  parsed.sort((a, b) => (a.file < b.file ? -1 : 1));
  if (names.length === 0 && problems.every((p) => p.file !== `${PROCEDURES_DIR}/`)) {
    problems.push(problem(`${PROCEDURES_DIR}/`, "", "there are no procedure files; add at least one <id>.json"));
  }

  problems.push(
    ...crossCheck({
      directory: directory.ok ? directory.value : undefined,
      settings: settings.ok ? settings.value : undefined,
      glossary: glossary.ok ? glossary.value : undefined,
      procedures: parsed,
      broken,
    }),
  );

  // Stable sort keeps each file's problems in the order found, files in name order.
  const errors = problems.filter((p) => p.severity === "error").sort(byFile);
  const warnings = problems.filter((p) => p.severity === "warning").sort(byFile);
  const knowledge =
    errors.length === 0 && directory.ok && settings.ok && glossary.ok
      ? buildKnowledge(directory.value, settings.value, glossary.value, parsed.map((p) => p.procedure))
      : null;
  return { knowledge, errors, warnings };
}
