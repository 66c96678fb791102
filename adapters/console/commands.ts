// What a line typed at the terminal means: a citizen message, a button pick, a citizen command, a staff
// command, or a terminal command (/help, /as, /quit). Pure: the adapter decides what to do with it.
import type { CitizenCommand, IncomingEvent } from "../../src/core/events.ts";

type StaffEvent = Extract<IncomingEvent, { staffId: string }>;

export type Line =
  | { kind: "empty" }
  | { kind: "citizen-message"; text: string }
  | { kind: "citizen-option"; index: number }
  | { kind: "citizen-command"; command: CitizenCommand; arg?: string }
  /** Built once the acting staff id is known. */
  | { kind: "staff"; event: (staffId: string) => StaffEvent }
  | { kind: "help" }
  | { kind: "quit" }
  | { kind: "as"; staffId?: string }
  | { kind: "usage"; text: string };

export const STAFF_HELP: Array<[string, string]> = [
  ["/tickets", "list open questions (yours first)"],
  ["/reply T-12 text", "answer the citizen; the text is sent as you wrote it, signed with your name"],
  ["/note T-12 text", "internal note on the ticket; the citizen does not see it"],
  ["/reassign T-12 staff-id reason", "pass the question to a named colleague"],
  ["/resolve T-12", "close it after replying; the citizen is asked for a rating"],
  ["/draft T-12 [procedure-id]", "save the question and your answer as a knowledge draft for an admin"],
  ["/as staff-id", "act as another member of staff (without an id: who you are now)"],
];

export const CITIZEN_HELP: Array<[string, string]> = [
  ["any text", "ask the bot, e.g. what do I need to renew my passport?"],
  ["a number", "pick one of the numbered choices the bot offered"],
  ["/start", "the welcome message and common matters"],
  ["/language en|zh", "reply in English or Chinese (中文)"],
  ["/ticket", "your open question with staff, if any"],
];

const TICKET = /^(?:t-?)?(\d+)$/i;

/** "T-12", "t12" and "12" all mean ticket T-12. */
export function ticketId(raw: string | undefined): string | undefined {
  const m = raw ? TICKET.exec(raw) : null;
  return m?.[1] ? `T-${Number(m[1])}` : undefined;
}

export function parseLine(raw: string, optionCount: number): Line {
  const line = raw.trim();
  if (!line) return { kind: "empty" };
  if (/^\d+$/.test(line) && optionCount > 0) {
    const n = Number(line);
    if (n >= 1 && n <= optionCount) return { kind: "citizen-option", index: n - 1 };
    return { kind: "usage", text: `Pick a number from 1 to ${optionCount}, or type your question.` };
  }
  if (!line.startsWith("/")) return { kind: "citizen-message", text: line };

  const [head = "", ...rest] = line.split(/\s+/);
  const command = head.slice(1).toLowerCase();
  const [first, second] = rest;
  const after = (n: number) => line.split(/\s+/).slice(n + 1).join(" ");
  const id = ticketId(first);
  const needTicket = (usage: string): Line => ({ kind: "usage", text: `Usage: ${usage}` });

  switch (command) {
    case "start":
    case "ticket":
      return { kind: "citizen-command", command };
    case "language":
    case "lang":
      return first ? { kind: "citizen-command", command: "language", arg: first.toLowerCase() } : { kind: "citizen-command", command: "language" };
    case "help":
    case "?":
      return { kind: "help" };
    case "quit":
    case "exit":
      return { kind: "quit" };
    case "as":
      return first ? { kind: "as", staffId: first } : { kind: "as" };
    case "tickets":
      return { kind: "staff", event: (staffId) => ({ type: "staff.list", staffId }) };
    case "resolve":
      if (!id) return needTicket("/resolve T-12");
      return { kind: "staff", event: (staffId) => ({ type: "staff.resolve", staffId, ticketId: id }) };
    case "reply":
    case "note": {
      const text = after(1);
      if (!id || !text) return needTicket(`/${command} T-12 ${command === "reply" ? "your answer to the citizen" : "your note"}`);
      const type = command === "reply" ? "staff.reply" : "staff.note";
      return { kind: "staff", event: (staffId) => ({ type, staffId, ticketId: id, text }) };
    }
    case "reassign": {
      const reason = after(2);
      if (!id || !second || !reason) return needTicket("/reassign T-12 staff-id why you pass it on");
      return { kind: "staff", event: (staffId) => ({ type: "staff.reassign", staffId, ticketId: id, to: second, reason }) };
    }
    case "draft": {
      if (!id) return needTicket("/draft T-12 [procedure-id]");
      return {
        kind: "staff",
        event: (staffId) => ({ type: "staff.addToKnowledge", staffId, ticketId: id, ...(second ? { procedureId: second } : {}) }),
      };
    }
    default:
      return { kind: "usage", text: `There is no command ${head}. Type /help to see what you can do.` };
  }
}
