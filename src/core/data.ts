// What the bot stores: tickets, conversation state, the staff-notification outbox and counters.
// Citizen data is personal data: only the channel, conversation id, display name, language and the
// messages of their tickets are kept. Answered questions are counted, not stored.
import { z } from "zod";
import { Lang } from "../knowledge/schema.ts";

export const StoredCitizen = z.object({
  channel: z.string(),
  conversationId: z.string(),
  userId: z.string(),
  displayName: z.string().optional(),
  lang: Lang,
});

export const TicketStatus = z.enum(["open", "replied", "resolved"]);

export const TicketEntry = z.object({
  at: z.number(),
  kind: z.enum([
    "question",
    "citizen",
    "reply",
    "note",
    "assigned",
    "reassigned",
    "reminder",
    "escalated",
    "resolved",
    "reopened",
    "rated",
    "delivery-failed",
  ]),
  by: z.string().optional(),
  text: z.string().optional(),
  to: z.string().optional(),
});
export type TicketEntry = z.infer<typeof TicketEntry>;

export const Rating = z.object({
  score: z.enum(["very-satisfied", "satisfied", "not-satisfied"]),
  comment: z.string().optional(),
  at: z.number(),
});
export type Rating = z.infer<typeof Rating>;

export const Ticket = z.object({
  id: z.string(), // "T-12"
  status: TicketStatus,
  citizen: StoredCitizen,
  question: z.string(),
  /** Procedures the matcher considered, best first: shown to staff as near misses. */
  candidates: z.array(z.object({ id: z.string(), score: z.number() })),
  ownerId: z.string(),
  /** Set when a reply reached the citizen since the ticket was (re)opened: resolve needs it. */
  repliedSinceOpen: z.boolean(),
  createdAt: z.number(),
  /** Timers live with the ticket so they resume after a restart. */
  remindAt: z.number().nullable(),
  escalateAt: z.number().nullable(),
  escalated: z.boolean(),
  /** The citizen blocked the bot or the chat is gone: replies can no longer be delivered. */
  unreachable: z.boolean(),
  history: z.array(TicketEntry),
  ratings: z.array(Rating),
  /** Adapter bookkeeping for the staff side, e.g. { "slack.ts": "1712.0001" }. */
  refs: z.record(z.string(), z.string()),
});
export type Ticket = z.infer<typeof Ticket>;

/** What the citizen's next message or button press is an answer to. */
export const Pending = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("clarify"), question: z.string(), candidates: z.array(z.string()) }),
  z.object({ kind: z.literal("rate"), ticketId: z.string() }),
  z.object({ kind: z.literal("comment"), ticketId: z.string(), score: Rating.shape.score }),
  /** The citizen pressed "ask a member of staff": their next message becomes a ticket. */
  z.object({ kind: z.literal("handoff") }),
]);
export type Pending = z.infer<typeof Pending>;

export const Conversation = z.object({
  lang: Lang,
  /** Chosen with /language: wins over the language a message seems to be in. */
  langFixed: z.boolean(),
  pending: Pending.nullable(),
  openTicketId: z.string().nullable(),
  lastSeen: z.number(),
});
export type Conversation = z.infer<typeof Conversation>;

/** A message for a citizen sent outside a reply (staff reply, rating prompt), kept until it went through. */
export const CitizenDelivery = z.object({
  channel: z.string(),
  conversationId: z.string(),
  userId: z.string(),
  messages: z.array(z.unknown()), // OutMessage[]
  ticketId: z.string().optional(),
  /** A staff reply: once delivered, the ticket may be resolved. */
  isReply: z.boolean().optional(),
});
export type CitizenDelivery = z.infer<typeof CitizenDelivery>;

export const OutboxItem = z.object({
  seq: z.number(),
  notice: z.unknown(), // a StaffNotice; validated by the core when it reads it back
  attempts: z.number(),
  nextAttemptAt: z.number(),
  /** Set when the item is a delivery to a citizen rather than a staff notice (`notice` is then null). */
  delivery: CitizenDelivery.optional(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;

export const Data = z.object({
  version: z.literal(1),
  nextTicket: z.number(),
  tickets: z.array(Ticket),
  /** Keyed by `${channel}:${conversationId}`. */
  conversations: z.record(z.string(), Conversation),
  outbox: z.array(OutboxItem),
  nextOutboxSeq: z.number(),
  /** How often each procedure was answered, and how many questions went to staff: for "most asked" and reports. */
  counters: z.object({ answered: z.record(z.string(), z.number()), handedOff: z.number() }),
});
export type Data = z.infer<typeof Data>;

export function emptyData(): Data {
  return {
    version: 1,
    nextTicket: 1,
    tickets: [],
    conversations: {},
    outbox: [],
    nextOutboxSeq: 1,
    counters: { answered: {}, handedOff: 0 },
  };
}
