// "Add to knowledge": a staff answer becomes a draft an admin reviews. Drafts live in knowledge/drafts/,
// which the loader ignores until an admin moves (and completes) a file into knowledge/procedures/.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Knowledge, Lang, ProcedureInput } from "../knowledge/schema.ts";
import type { Ticket } from "./data.ts";

export type DraftKind = "example" | "procedure";

export type WriteDraftOptions = {
  ticket: Ticket;
  knowledge: Knowledge;
  /** Propose the question as a new example of this procedure; without it, draft a new procedure. */
  procedureId?: string;
  draftsDir: string;
  /** Epoch ms: dates the draft. */
  now: number;
};

/** One proposed example question in `<procedureId>.examples.json`. */
export type ProposedExample = {
  lang: Lang;
  question: string;
  /** What staff answered, for the admin's context. */
  answer?: string;
  ticketId: string;
  date: string;
};

export type ExamplesDraft = {
  procedureId: string;
  howTo: string;
  examples: ProposedExample[];
};

export const PLACEHOLDER = { en: "To be completed by an admin", zh: "待管理员补充" } as const;

const draftError = (code: string, message: string) => Object.assign(new Error(message), { code });

export async function writeDraft(options: WriteDraftOptions): Promise<{ path: string; kind: DraftKind }> {
  const { ticket, knowledge, procedureId, draftsDir, now } = options;
  await mkdir(draftsDir, { recursive: true });
  if (procedureId !== undefined) {
    if (!knowledge.byId.has(procedureId)) {
      throw draftError(
        "UNKNOWN_PROCEDURE",
        `There is no procedure "${procedureId}". Pick one from the list, or leave it empty to draft a new procedure.`,
      );
    }
    const path = join(draftsDir, `${procedureId}.examples.json`);
    await appendExample(path, procedureId, ticket, now);
    return { path, kind: "example" };
  }
  const procedure = draftProcedure(ticket, knowledge, now);
  const path = join(draftsDir, `${procedure.id}.json`);
  await writeAtomically(path, procedure);
  return { path, kind: "procedure" };
}

/** The staff answer the citizen got last, if any. */
export function lastReply(ticket: Ticket): string | undefined {
  return ticket.history.findLast((entry) => entry.kind === "reply" && entry.text)?.text;
}

async function appendExample(path: string, procedureId: string, ticket: Ticket, now: number): Promise<void> {
  let draft: ExamplesDraft = {
    procedureId,
    howTo: `Proposed example questions from staff. Copy the good ones into knowledge/procedures/${procedureId}.json under "examples", then delete this file.`,
    examples: [],
  };
  const existing = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (existing !== undefined) {
    try {
      draft = JSON.parse(existing) as ExamplesDraft;
      if (!Array.isArray(draft.examples)) throw new Error("no examples list");
    } catch {
      // Never overwrite what an admin may be editing: say which file to fix.
      throw draftError("DRAFT_FILE_INVALID", `${path} is not a valid drafts file. Fix or delete it, then try again.`);
    }
  }
  const question = ticket.question.trim();
  if (draft.examples.some((e) => e.ticketId === ticket.id && e.question === question)) return;
  const answer = lastReply(ticket);
  draft.examples.push({
    lang: ticket.citizen.lang,
    question,
    ...(answer !== undefined ? { answer } : {}),
    ticketId: ticket.id,
    date: isoDate(now),
  });
  await writeAtomically(path, draft);
}

/** A procedure that passes the schema, with placeholders where only an admin can know the answer. */
export function draftProcedure(ticket: Ticket, knowledge: Knowledge, now: number): ProcedureInput & { id: string } {
  const lang = ticket.citizen.lang;
  const question = ticket.question.trim().replace(/\s+/g, " ");
  const owner = knowledge.staffById.get(ticket.ownerId);
  if (!owner) {
    throw draftError(
      "UNKNOWN_OWNER",
      `The ticket's owner "${ticket.ownerId}" is not in knowledge/directory.json, so the draft has no department. Reassign the ticket first.`,
    );
  }
  const answer = lastReply(ticket);
  return {
    $schema: "../schema/procedure.schema.json",
    id: `${slug(question)}-${slug(ticket.id)}`,
    title: { [lang]: titleFrom(question) },
    aliases: {},
    examples: { [lang]: [question] },
    department: owner.department,
    owner: ticket.ownerId,
    materials: [{ name: { ...PLACEHOLDER }, form: "original", copies: 1 }],
    where: { place: { ...PLACEHOLDER }, address: { ...PLACEHOLDER }, hours: { ...PLACEHOLDER } },
    online: { available: false },
    fee: { ...PLACEHOLDER },
    processingTime: { ...PLACEHOLDER },
    notes: answer ? [{ [lang]: answer }] : [],
    related: [],
    reviewed: isoDate(now),
  };
}

function titleFrom(question: string): string {
  const bare = question.replace(/[?？!！。.]+$/u, "").trim() || question;
  return bare.length <= 80 ? bare : `${bare.slice(0, 79)}…`;
}

/** Latin words of the text joined by hyphens; text without any (e.g. Chinese) becomes "question". */
export function slug(text: string): string {
  const words = text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean)
    .slice(0, 6);
  return words.length > 0 ? words.join("-").slice(0, 48).replace(/-+$/, "") : "question";
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

async function writeAtomically(path: string, value: unknown): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(value, null, 2) + "\n", "utf8");
  await rename(tmp, path);
}
