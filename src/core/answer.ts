// The one-time notification: a procedure's complete checklist as ONE message. Pure: knowledge in,
// message out. Adapters split it if their platform needs to.
import type { Knowledge, Lang, Material, Procedure } from "../knowledge/schema.ts";
import { pick } from "../knowledge/text.ts";
import type { Option, OutMessage, Part } from "./events.ts";
import { t } from "./i18n.ts";
import { MAX_OPTION_BYTES, optionId } from "./options.ts";

/** Drops options whose id would not fit a platform's button (an over-long procedure id). */
export function fitOptions(options: Option[]): Option[] {
  return options.filter((o) => Buffer.byteLength(o.id) <= MAX_OPTION_BYTES);
}

function formText(material: Material, lang: Lang): string {
  const s = t(lang);
  switch (material.form) {
    case "original":
      return s.formOriginal(material.copies);
    case "copy":
      return s.formCopy(material.copies);
    case "original-and-copy":
      return s.formOriginalAndCopy(material.copies);
    case "electronic":
      return s.formElectronic(material.copies);
  }
}

export function materialLine(material: Material, lang: Lang): string {
  const notes = material.notes ? pick(material.notes, lang) : undefined;
  return t(lang).material(pick(material.name, lang), formText(material, lang), notes);
}

/** Unconditional items first, then one section per distinct condition, in the order they first appear. */
export function materialSections(materials: Material[], lang: Lang): Part[] {
  const s = t(lang);
  const always: string[] = [];
  const byCondition = new Map<string, { title: string; items: string[] }>();
  for (const m of materials) {
    if (!m.condition) {
      always.push(materialLine(m, lang));
      continue;
    }
    const condition = pick(m.condition, lang).trim();
    const key = condition.toLowerCase().replace(/[\s.。]+$/u, "");
    let group = byCondition.get(key);
    if (!group) {
      group = { title: s.onlyIf(condition.replace(/[.。]+$/u, "")), items: [] };
      byCondition.set(key, group);
    }
    group.items.push(materialLine(m, lang));
  }
  const parts: Part[] = [];
  if (always.length > 0) parts.push({ kind: "section", title: s.whatToBring, items: always });
  for (const group of byCondition.values()) parts.push({ kind: "section", ...group });
  return parts;
}

export function renderAnswer(procedure: Procedure, knowledge: Knowledge, lang: Lang): OutMessage {
  const s = t(lang);
  const parts: Part[] = [{ kind: "title", text: pick(procedure.title, lang) }];
  if (procedure.summary) parts.push({ kind: "text", text: pick(procedure.summary, lang) });
  if (procedure.eligibility) parts.push({ kind: "field", label: s.eligibility, value: pick(procedure.eligibility, lang) });
  parts.push(...materialSections(procedure.materials, lang));
  parts.push(
    { kind: "field", label: s.place, value: pick(procedure.where.place, lang) },
    { kind: "field", label: s.address, value: pick(procedure.where.address, lang) },
    { kind: "field", label: s.hours, value: pick(procedure.where.hours, lang) },
  );
  const online = procedure.online.available ? s.onlineYes : s.onlineNo;
  const how = procedure.online.how ? pick(procedure.online.how, lang) : undefined;
  parts.push(
    { kind: "field", label: s.online, value: how ? `${online} — ${how}` : online },
    { kind: "field", label: s.fee, value: pick(procedure.fee, lang) },
    { kind: "field", label: s.processingTime, value: pick(procedure.processingTime, lang) },
  );
  if (procedure.notes.length > 0) {
    parts.push({ kind: "section", title: s.notes, items: procedure.notes.map((n) => pick(n, lang)) });
  }
  if (procedure.source) parts.push({ kind: "field", label: s.source, value: procedure.source });

  const options: Option[] = [];
  const related: string[] = [];
  for (const r of procedure.related) {
    const other = knowledge.byId.get(r.id);
    if (!other || other.id === procedure.id) continue;
    const title = pick(other.title, lang);
    related.push(`${title} — ${pick(r.reason, lang)}`);
    options.push({ id: optionId.procedure(other.id), label: title });
  }
  if (related.length > 0) parts.push({ kind: "section", title: s.alsoNeed, items: related });
  parts.push({ kind: "text", text: s.notCovered });
  options.push({ id: optionId.staff(), label: s.askStaff });
  return { parts, options: fitOptions(options) };
}
