// Reads a JSON file and, when it is not valid JSON, says where: line and column, the same on every Node version.
import { readFile } from "node:fs/promises";
import { findJsonError } from "./json-syntax.ts";
import { problem, type Problem } from "./problems.ts";

/** `missing`: the file does not exist (callers with an optional file treat that as "use the default"). */
export type JsonRead = { ok: true; value: unknown } | { ok: false; problem: Problem; missing?: boolean };

/** Line and column (both from 1) of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split("\n");
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** Parses `text` (a BOM is allowed) read from `file` (relative to the knowledge dir). */
function parseJson(file: string, text: string): JsonRead {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (err) {
    const found = findJsonError(body) ?? { offset: 0, message: `is not valid JSON (${(err as Error).message})` };
    const { line, column } = lineAndColumn(body, found.offset);
    return { ok: false, problem: problem(file, `line ${line}, column ${column}`, found.message) };
  }
}

export async function readJson(absolute: string, file: string): Promise<JsonRead> {
  let text: string;
  try {
    text = await readFile(absolute, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message = code === "ENOENT" ? "the file is missing" : `the file cannot be read (${code ?? String(err)})`;
    return { ok: false, problem: problem(file, "", message), missing: code === "ENOENT" };
  }
  return parseJson(file, text);
}
