// Turns zod issues into sentences an admin understands, each tied to a file and a JSON path.
import type { z } from "zod";
import { problem, type Problem } from "./problems.ts";

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

/** `materials[2].copies`: indexes in brackets, plain keys dotted, odd keys quoted. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === "" ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

const quoteList = (values: readonly unknown[]): string => {
  const quoted = values.map((v) => JSON.stringify(v));
  return quoted.length <= 1 ? (quoted[0] ?? "") : `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}`;
};

const TYPE_WORDS: Record<string, string> = {
  string: "must be text in quotes",
  number: "must be a number",
  int: "must be a whole number",
  boolean: "must be true or false",
  object: "must be an object in braces { … }",
  array: "must be a list in brackets [ … ]",
};

function sizeWords(kind: "least" | "most", origin: string, limit: unknown, inclusive: boolean | undefined): string {
  const n = typeof limit === "bigint" ? Number(limit) : (limit as number);
  if (origin === "array" || origin === "set") return `must list at ${kind} ${n} item${n === 1 ? "" : "s"}`;
  if (origin === "string") return `must be at ${kind} ${n} character${n === 1 ? "" : "s"} long`;
  if (inclusive === false) return `must be ${kind === "least" ? "more" : "less"} than ${n}`;
  return `must be at ${kind} ${n}`;
}

/**
 * Per-parse error map: used only where the schema gives no message of its own
 * (schema.ts words most of its checks already).
 */
export function plainErrorMap(issue: RawIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return TYPE_WORDS[issue.expected] ?? `must be ${issue.expected}`;
    case "too_small":
      return sizeWords("least", issue.origin, issue.minimum, issue.inclusive);
    case "too_big":
      return sizeWords("most", issue.origin, issue.maximum, issue.inclusive);
    case "invalid_value":
      return issue.values.length === 1 ? `must be ${quoteList(issue.values)}` : `must be one of ${quoteList(issue.values)}`;
    case "invalid_format":
      return issue.format === "url" ? "must be a full web address starting with https://" : `is not a valid ${issue.format}`;
    case "not_multiple_of":
      return `must be a multiple of ${String(issue.divisor)}`;
    case "invalid_union":
      return "does not match any of the allowed forms";
    default:
      return "is not valid here";
  }
}

/** Looks up `path` in the raw JSON: whether the last key is present and what it holds. */
function lookup(root: unknown, path: readonly PropertyKey[]): { present: boolean; value: unknown } {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return { present: false, value: undefined };
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return { present: true, value: node };
}

const MAX_SHOWN = 60;

/** JSON of the bad value, shortened so one problem stays on one line. */
function showValue(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > MAX_SHOWN ? `${json.slice(0, MAX_SHOWN - 1)}…` : json;
}

/** One problem per zod issue (one per unknown key), checked against the raw JSON the admin wrote. */
export function issuesToProblems(file: string, raw: unknown, issues: readonly Issue[]): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) {
    const path = formatPath(issue.path);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push(problem(file, path, `${JSON.stringify(key)} is not a known field here (check the spelling)`));
      continue;
    }
    const found = lookup(raw, issue.path);
    if (!found.present) {
      out.push(problem(file, path, "is required"));
      continue;
    }
    out.push(problem(file, path, `${issue.message}, got ${showValue(found.value)}`));
  }
  return out;
}
