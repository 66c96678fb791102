// Checks that need more than one file: every id a file mentions must exist, ids are unique,
// and no two procedures claim the same alias or example question.
import { formatPath } from "./messages.ts";
import { problem, type Problem } from "./problems.ts";
import { checkGlossary } from "./glossary-check.ts";
import { normalisePhrase } from "./text.ts";
import type { Directory, Glossary, Procedure, Settings } from "./schema.ts";

export { GLOSSARY_FILE } from "./glossary-check.ts";

export const DIRECTORY_FILE = "directory.json";
export const SETTINGS_FILE = "settings.json";
export const procedureFile = (id: string) => `procedures/${id}.json`;

export type ParsedProcedure = { file: string; fileId: string; procedure: Procedure };

export type CrossCheckInput = {
  /** Undefined when directory.json itself is broken: checks against it are skipped, not failed. */
  directory: Directory | undefined;
  settings: Settings | undefined;
  glossary: Glossary | undefined;
  procedures: ParsedProcedure[];
  /** Procedure files that did not pass the schema: their well-formed references are still checked. */
  broken: ProcedureRefs[];
};

function duplicates<T extends { id: string }>(items: readonly T[], file: string, listPath: string, what: string): Problem[] {
  const seen = new Map<string, number>();
  const out: Problem[] = [];
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first === undefined) seen.set(item.id, i);
    else out.push(problem(file, `${listPath}[${i}].id`, `${JSON.stringify(item.id)} is already the id of ${what} ${listPath}[${first}]; ids must be unique`));
  });
  return out;
}

function checkDirectory(dir: Directory): Problem[] {
  const f = DIRECTORY_FILE;
  const staff = new Set(dir.staff.map((s) => s.id));
  const depts = new Set(dir.departments.map((d) => d.id));
  const out = [...duplicates(dir.departments, f, "departments", "department"), ...duplicates(dir.staff, f, "staff", "staff member")];
  const needStaff = (path: string, id: string) => {
    if (!staff.has(id)) out.push(problem(f, path, `must be the id of a staff member in this file, got ${JSON.stringify(id)}`));
  };
  dir.departments.forEach((d, i) => needStaff(`departments[${i}].head`, d.head));
  dir.staff.forEach((s, i) => {
    if (!depts.has(s.department)) {
      out.push(problem(f, `staff[${i}].department`, `must be the id of a department in this file, got ${JSON.stringify(s.department)}`));
    }
    needStaff(`staff[${i}].backup`, s.backup);
    needStaff(`staff[${i}].escalateTo`, s.escalateTo);
    if (s.backup === s.id) {
      out.push(problem(f, `staff[${i}].backup`, "is the person themself; nobody covers when they do not reply", "warning"));
    }
  });
  return out;
}

function checkSettings(settings: Settings, staff: ReadonlySet<string> | undefined, procedures: ReadonlySet<string>): Problem[] {
  const f = SETTINGS_FILE;
  const out: Problem[] = duplicates(settings.smalltalk, f, "smalltalk", "smalltalk entry");
  if (staff && !staff.has(settings.dutyOfficer)) {
    out.push(problem(f, "dutyOfficer", `must be the id of a staff member in directory.json, got ${JSON.stringify(settings.dutyOfficer)}`));
  }
  settings.popular.forEach((id, i) => {
    if (!procedures.has(id)) out.push(problem(f, `popular[${i}]`, `must be the id of a procedure in procedures/, got ${JSON.stringify(id)}`));
  });
  return out;
}

type Claim = { id: string; file: string; path: string };

/** Aliases or example questions two procedures both claim. */
function phraseClashes(procs: readonly ParsedProcedure[], field: "aliases" | "examples"): Problem[] {
  const claims = new Map<string, Claim>();
  const out: Problem[] = [];
  for (const { file, procedure } of procs) {
    for (const [lang, phrases] of Object.entries(procedure[field])) {
      (phrases ?? []).forEach((phrase, i) => {
        const key = normalisePhrase(phrase);
        if (key === "") return;
        const path = formatPath([field, lang, i]);
        const first = claims.get(key);
        if (first === undefined) claims.set(key, { id: procedure.id, file, path });
        else if (first.id !== procedure.id) {
          out.push(
            field === "examples"
              ? problem(file, path, `${JSON.stringify(phrase)} is also an example question of ${first.file} (${first.path}); a question can match only one procedure, so keep it in one of them`)
              : problem(file, path, `${JSON.stringify(phrase)} is also an alias of ${first.file} (${first.path}); citizens using it will be asked which one they mean`, "warning"),
          );
        }
      });
    }
  }
  return out;
}

/** notFor phrases that are also the procedure's own alias or example: a question cannot be both. */
function notForClashes(procs: readonly ParsedProcedure[]): Problem[] {
  const out: Problem[] = [];
  for (const { file, procedure: p } of procs) {
    const own = new Set([...Object.values(p.aliases), ...Object.values(p.examples)].flatMap((list) => (list ?? []).map(normalisePhrase)));
    for (const [lang, phrases] of Object.entries(p.notFor)) {
      (phrases ?? []).forEach((phrase, i) => {
        if (own.has(normalisePhrase(phrase))) {
          out.push(problem(file, formatPath(["notFor", lang, i]), `${JSON.stringify(phrase)} is also an alias or example of this procedure; remove it from one of the two`));
        }
      });
    }
  }
  return out;
}

/** The ids a procedure file refers to; from a file with other errors, only those that are well-formed. */
export type ProcedureRefs = {
  file: string;
  fileId: string;
  id?: string | undefined;
  department?: string | undefined;
  owner?: string | undefined;
  related: { index: number; id: string }[];
};

const refsOf = ({ file, fileId, procedure: p }: ParsedProcedure): ProcedureRefs => ({
  file,
  fileId,
  id: p.id,
  department: p.department,
  owner: p.owner,
  related: p.related.map((r, index) => ({ index, id: r.id })),
});

function checkReferences(refs: readonly ProcedureRefs[], procIds: ReadonlySet<string>, staff?: ReadonlySet<string>, depts?: ReadonlySet<string>): Problem[] {
  const out: Problem[] = [];
  // A file whose name matches its id owns that id; the duplicate is blamed on the other one.
  const firstFileForId = new Map<string, string>();
  for (const r of refs) if (r.id === r.fileId) firstFileForId.set(r.id, r.file);
  for (const { file, fileId, id, department, owner, related } of refs) {
    if (id !== undefined && id !== fileId) {
      out.push(problem(file, "id", `must equal the file name without .json (${JSON.stringify(fileId)}), got ${JSON.stringify(id)}; rename the file or fix the id`));
    }
    const other = id === undefined ? undefined : firstFileForId.get(id);
    if (other !== undefined && other !== file) out.push(problem(file, "id", `${JSON.stringify(id)} is already the id of ${other}; ids must be unique`));
    else if (id !== undefined) firstFileForId.set(id, file);

    if (depts && department !== undefined && !depts.has(department)) {
      out.push(problem(file, "department", `must be the id of a department in directory.json, got ${JSON.stringify(department)}`));
    }
    if (staff && owner !== undefined && !staff.has(owner)) {
      out.push(problem(file, "owner", `must be the id of a staff member in directory.json, got ${JSON.stringify(owner)}`));
    }
    for (const r of related) {
      const path = `related[${r.index}].id`;
      if (r.id === id) out.push(problem(file, path, "points to this procedure itself; list other procedures only"));
      else if (!procIds.has(r.id)) out.push(problem(file, path, `must be the id of a procedure in procedures/, got ${JSON.stringify(r.id)}`));
    }
  }
  return out;
}

export function crossCheck(input: CrossCheckInput): Problem[] {
  const { directory, settings, glossary, procedures, broken } = input;
  const out: Problem[] = [];
  const staff = directory ? new Set(directory.staff.map((s) => s.id)) : undefined;
  const depts = directory ? new Set(directory.departments.map((d) => d.id)) : undefined;
  if (directory) out.push(...checkDirectory(directory));

  // A broken file's id still counts as existing, so one typo does not also flag every link to it.
  const procIds = new Set([...procedures.map((p) => p.procedure.id), ...broken.flatMap((b) => [b.fileId, b.id ?? b.fileId])]);
  const refs = [...procedures.map(refsOf), ...broken].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  out.push(...checkReferences(refs, procIds, staff, depts));
  if (settings) out.push(...checkSettings(settings, staff, procIds));
  out.push(...phraseClashes(procedures, "examples"), ...phraseClashes(procedures, "aliases"), ...notForClashes(procedures));
  if (glossary) out.push(...checkGlossary(glossary, procedures.map((p) => p.procedure)));
  return out;
}
