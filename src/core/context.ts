// What the citizen and staff handlers share: the ports, the current knowledge and small lookups.
import type { Knowledge, Lang, Staff } from "../knowledge/schema.ts";
import { pick } from "../knowledge/text.ts";
import type { Loaded } from "./api.ts";
import type { Conversation, Data, Ticket } from "./data.ts";
import type { CitizenRef } from "./events.ts";
import type { Clock, Logger, Store } from "./ports.ts";
import type { Timing } from "./tickets.ts";

export type Ctx = {
  loaded: Loaded;
  store: Store;
  clock: Clock;
  log: Logger;
  draftsDir: string;
  /** Language of messages returned to staff. */
  staffLang: Lang;
  /** Sends what is due in the outbox and re-arms the timer; resolves when done. */
  pump: () => Promise<void>;
};

export const conversationKey = (ref: { channel: string; conversationId: string }): string =>
  `${ref.channel}:${ref.conversationId}`;

export function timing(knowledge: Knowledge): Timing {
  return {
    remindAfterMs: knowledge.settings.reminderAfterMinutes * 60_000,
    escalateAfterMs: knowledge.settings.escalateAfterMinutes * 60_000,
  };
}

/** The conversation as stored, or a fresh one (not stored until something changes). */
export function conversationOf(data: Readonly<Data>, ref: CitizenRef, now: number): Conversation {
  const found = data.conversations[conversationKey(ref)];
  return found ? structuredClone(found) : { lang: ref.lang ?? "en", langFixed: false, pending: null, openTicketId: null, lastSeen: now };
}

/** Applies `patch` to the conversation inside a store update, creating it when needed. */
export function patchConversation(data: Data, ref: CitizenRef, now: number, patch: Partial<Conversation>): Conversation {
  const next = { ...conversationOf(data, ref, now), ...patch, lastSeen: now };
  data.conversations[conversationKey(ref)] = next;
  return next;
}

export function findTicket(data: Readonly<Data>, id: string): Ticket | undefined {
  return data.tickets.find((t) => t.id === id);
}

export function replaceTicket(data: Data, ticket: Ticket): void {
  const i = data.tickets.findIndex((t) => t.id === ticket.id);
  if (i >= 0) data.tickets[i] = ticket;
  else data.tickets.push(ticket);
}

/** A staff member as the citizen is told: name and title in their language. Unknown ids are shown as is. */
export function person(knowledge: Knowledge, staffId: string, lang: Lang): { name: string; title: string } {
  const staff: Staff | undefined = knowledge.staffById.get(staffId);
  return staff ? { name: pick(staff.name, lang), title: pick(staff.title, lang) } : { name: staffId, title: "" };
}

/** The language to write to a ticket's citizen in: their conversation's, else the ticket's. */
export function citizenLang(data: Readonly<Data>, ticket: Ticket): Lang {
  return data.conversations[conversationKey(ticket.citizen)]?.lang ?? ticket.citizen.lang;
}
