// Finds text given in only one language. The bot then shows the other language (see text.ts),
// so this is a warning for the admin, never an error.
import { formatPath } from "./messages.ts";
import { problem, type Problem } from "./problems.ts";
import { LANGS, type Lang } from "./schema.ts";

const NAMES: Record<Lang, string> = { en: "English (en)", zh: "Chinese (zh)" };
const SHORT: Record<Lang, string> = { en: "English", zh: "Chinese" };

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

const has = (v: unknown) => (typeof v === "string" ? v.trim() !== "" : Array.isArray(v) && v.length > 0);

/** A LocalText or LocalList: an object whose only keys are languages. */
function isLocal(v: Record<string, unknown>): boolean {
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => (LANGS as readonly string[]).includes(k));
}

/** Warnings for every LocalText / LocalList in a validated file that lacks one language. */
export function missingTranslations(file: string, value: unknown): Problem[] {
  const out: Problem[] = [];
  const walk = (node: unknown, path: PropertyKey[]) => {
    if (Array.isArray(node)) return node.forEach((item, i) => walk(item, [...path, i]));
    if (!isPlainObject(node)) return;
    if (isLocal(node)) {
      const present = LANGS.filter((l) => has(node[l]));
      if (present.length === 0) return; // an empty list of aliases is fine
      for (const lang of LANGS) {
        if (present.includes(lang)) continue;
        const shown = SHORT[present[0]!];
        const isList = LANGS.some((l) => Array.isArray(node[l]));
        const message = isList
          ? `has no ${NAMES[lang]} phrases; only the ${shown} ones are used`
          : `has no ${NAMES[lang]} text; ${shown} is shown instead`;
        out.push(problem(file, formatPath(path), message, "warning"));
      }
      return;
    }
    for (const [key, child] of Object.entries(node)) walk(child, [...path, key]);
  };
  walk(value, []);
  return out;
}
