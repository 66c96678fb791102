// Numbers an admin wants about the knowledge: what each department covers, translation gaps, stale entries.
import { procedureFile } from "./crosscheck.ts";
import type { Knowledge } from "./schema.ts";
import { pick } from "./text.ts";
import { missingTranslations } from "./translations.ts";

export type KnowledgeStats = {
  departments: { id: string; name: string; procedures: number; staff: number }[];
  fullyTranslated: number;
  /** Procedures with text in only one language somewhere, and where. */
  untranslated: { id: string; paths: string[] }[];
  /** Procedures reviewed before `cutoff` (one year before today), oldest first. */
  stale: { id: string; reviewed: string }[];
  cutoff: string;
};

/** The same calendar day one year earlier, YYYY-MM-DD (29 Feb → 28 Feb). */
function oneYearBefore(today: Date): string {
  const y = today.getUTCFullYear() - 1;
  const m = today.getUTCMonth();
  const d = Math.min(today.getUTCDate(), new Date(Date.UTC(y, m + 1, 0)).getUTCDate());
  return new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);
}

export function knowledgeStats(k: Knowledge, today: Date): KnowledgeStats {
  const departments = k.directory.departments.map((d) => ({
    id: d.id,
    name: pick(d.name, "en"),
    procedures: k.procedures.filter((p) => p.department === d.id).length,
    staff: k.directory.staff.filter((s) => s.department === d.id).length,
  }));
  const untranslated = k.procedures
    .map((p) => ({ id: p.id, paths: missingTranslations(procedureFile(p.id), p).map((w) => w.path) }))
    .filter((u) => u.paths.length > 0);
  const cutoff = oneYearBefore(today);
  const stale = k.procedures
    .filter((p) => p.reviewed < cutoff)
    .map((p) => ({ id: p.id, reviewed: p.reviewed }))
    .sort((a, b) => (a.reviewed < b.reviewed ? -1 : a.reviewed > b.reviewed ? 1 : 0));
  return { departments, fullyTranslated: k.procedures.length - untranslated.length, untranslated, stale, cutoff };
}
