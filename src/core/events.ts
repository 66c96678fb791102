// Platform-free events into the core and messages out of it. Adapters translate to and from these;
// the core never sees a Telegram update or a Slack payload.
import type { Lang } from "../knowledge/schema.ts";

/** Who a citizen is, as far as the bot needs to know: the minimum to reply and to name them to staff. */
export type CitizenRef = {
  /** Adapter name: "console", "telegram", … Replies relayed later go back through this channel. */
  channel: string;
  /** The chat to send to, as the platform names it (a Telegram chat id, a console session). */
  conversationId: string;
  userId: string;
  displayName?: string;
  /** The platform's guess at the user's language (Telegram's language_code), if any. */
  lang?: Lang;
};

export type CitizenCommand = "start" | "help" | "language" | "ticket";

export type IncomingEvent =
  | { type: "citizen.message"; from: CitizenRef; text: string }
  /** A button the citizen pressed: `option` is the `Option.id` the core sent. */
  | { type: "citizen.option"; from: CitizenRef; option: string }
  | { type: "citizen.command"; from: CitizenRef; command: CitizenCommand; arg?: string }
  /** Text relayed to the citizen verbatim, signed with the staff member's name. */
  | { type: "staff.reply"; staffId: string; ticketId: string; text: string }
  /** Internal note: stays with the ticket, never reaches the citizen. */
  | { type: "staff.note"; staffId: string; ticketId: string; text: string }
  | { type: "staff.reassign"; staffId: string; ticketId: string; to: string; reason: string }
  | { type: "staff.resolve"; staffId: string; ticketId: string }
  /** Save the citizen's question (and the staff answer) as a draft for an admin. */
  | { type: "staff.addToKnowledge"; staffId: string; ticketId: string; procedureId?: string }
  | { type: "staff.list"; staffId: string };

export type Part =
  | { kind: "title"; text: string }
  | { kind: "text"; text: string }
  /** A labelled group of checklist items, e.g. "Only if the applicant is under 16" → items. */
  | { kind: "section"; title: string; items: string[] }
  | { kind: "field"; label: string; value: string };

/** A button. `id` is what comes back as `citizen.option`; at most 64 bytes (Telegram's limit). */
export type Option = { id: string; label: string };

export type OutMessage = { parts: Part[]; options?: Option[] };

export type HandleResult = {
  /** Messages for whoever sent the event, in order. */
  messages: OutMessage[];
  /** Set when a staff action was refused; `message` says how to put it right. */
  error?: { code: string; message: string };
};

/** Flatten parts into plain text (console, logs, tests). Adapters with markup render parts themselves. */
export function toPlainText(message: OutMessage): string {
  const lines: string[] = [];
  for (const part of message.parts) {
    if (part.kind === "title") lines.push(part.text);
    else if (part.kind === "text") lines.push(part.text);
    else if (part.kind === "field") lines.push(`${part.label}: ${part.value}`);
    else {
      lines.push(`${part.title}:`);
      for (const item of part.items) lines.push(`  • ${item}`);
    }
  }
  if (message.options?.length) lines.push(message.options.map((o, i) => `[${i + 1}] ${o.label}`).join("  "));
  return lines.join("\n");
}
