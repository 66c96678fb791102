// The core owns these ports; adapters and stores implement them. Each has an in-memory
// implementation that doubles as the test fake.
import type { Data, Ticket } from "./data.ts";
import type { OutMessage } from "./events.ts";

/** Persistent state. `update` runs `fn` synchronously on the data and resolves once it is on disk. */
export interface Store {
  read<T>(fn: (data: Readonly<Data>) => T): T;
  update<T>(fn: (data: Data) => T): Promise<T>;
  close(): Promise<void>;
}

export type DeliveryResult = { ok: true } | { ok: false; reason: "blocked" | "not-found"; detail?: string };

/**
 * Sends messages to a citizen outside a request/response turn: staff replies, "your question now
 * belongs to …", rating prompts. One per citizen channel, keyed by `CitizenRef.channel`.
 * Throwing means "try again later"; returning `ok: false` means the citizen can no longer be reached.
 */
export interface CitizenChannel {
  deliver(to: { conversationId: string; userId: string }, messages: OutMessage[]): Promise<DeliveryResult>;
}

export type TicketNoticeKind =
  | "created"
  | "citizen-message"
  | "replied"
  | "note"
  | "reassigned"
  | "reminder"
  | "escalated"
  | "resolved"
  | "reopened"
  | "rated"
  | "delivery-failed";

export type StaffNotice =
  | {
      type: "ticket";
      kind: TicketNoticeKind;
      /** The ticket as it is after the change. */
      ticket: Ticket;
      /** Staff id who acted, where a person did. */
      by?: string;
      /** The text of a citizen message, reply or note, or a reassign reason. */
      text?: string;
      /** Staff ids to alert: the new owner on reassign, backup and head on escalation, the owner otherwise. */
      mention: string[];
    }
  | { type: "knowledge-invalid"; report: string }
  | { type: "knowledge-reloaded"; report: string };

/**
 * Tells staff what happened. Throwing means the staff side is unreachable: the core keeps the notice
 * in its outbox and retries, so no ticket is lost while Slack is down. It may return refs to keep
 * with the ticket (e.g. the Slack message ts of the ping) for later notices about the same ticket.
 */
export interface StaffNotifier {
  notify(notice: StaffNotice): Promise<Record<string, string> | void>;
}

/** Time, injectable so tests never sleep. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
