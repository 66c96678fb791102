// Pure ticket transitions: each takes a ticket and returns the changed copy. No I/O, no clock reads.
import type { Staff } from "../knowledge/schema.ts";
import type { Rating, Ticket, TicketEntry } from "./data.ts";
import type { CitizenRef } from "./events.ts";

/** How long the owner has before a reminder and before escalation, in ms. */
export type Timing = { remindAfterMs: number; escalateAfterMs: number };

type Candidate = { id: string; score: number };

export const isOpen = (ticket: Ticket): boolean => ticket.status !== "resolved";

const entry = (e: TicketEntry): TicketEntry => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined)) as TicketEntry;

const push = (ticket: Ticket, e: TicketEntry): TicketEntry[] => [...ticket.history, entry(e)];

const timersFrom = (now: number, timing: Timing) => ({
  remindAt: now + timing.remindAfterMs,
  escalateAt: now + timing.escalateAfterMs,
  escalated: false,
});

export function newTicket(args: {
  id: string;
  citizen: CitizenRef & { lang: Ticket["citizen"]["lang"] };
  question: string;
  candidates: Candidate[];
  ownerId: string;
  now: number;
  timing: Timing;
}): Ticket {
  const { id, citizen, question, candidates, ownerId, now, timing } = args;
  return {
    id,
    status: "open",
    citizen: {
      channel: citizen.channel,
      conversationId: citizen.conversationId,
      userId: citizen.userId,
      ...(citizen.displayName ? { displayName: citizen.displayName } : {}),
      lang: citizen.lang,
    },
    question,
    candidates: candidates.map((c) => ({ id: c.id, score: c.score })),
    ownerId,
    repliedSinceOpen: false,
    createdAt: now,
    ...timersFrom(now, timing),
    unreachable: false,
    history: [entry({ at: now, kind: "question", text: question }), entry({ at: now, kind: "assigned", to: ownerId })],
    ratings: [],
    refs: {},
  };
}

/** A follow-up from the citizen. After a staff reply it means the owner owes another answer: timers restart. */
export function withCitizenMessage(ticket: Ticket, text: string, now: number, timing: Timing): Ticket {
  const history = push(ticket, { at: now, kind: "citizen", text });
  if (ticket.status !== "replied") return { ...ticket, history, unreachable: false };
  return { ...ticket, history, status: "open", unreachable: false, ...timersFrom(now, timing) };
}

/** A staff reply clears the timers; `repliedSinceOpen` waits until it is delivered. */
export function withReply(ticket: Ticket, by: string, text: string, now: number): Ticket {
  return {
    ...ticket,
    status: "replied",
    remindAt: null,
    escalateAt: null,
    history: push(ticket, { at: now, kind: "reply", by, text }),
  };
}

export function withReplyDelivered(ticket: Ticket): Ticket {
  return { ...ticket, repliedSinceOpen: true, unreachable: false };
}

export function withNote(ticket: Ticket, by: string, text: string, now: number): Ticket {
  return { ...ticket, history: push(ticket, { at: now, kind: "note", by, text }) };
}

/** The new owner gets the full time again, whatever the old owner had left. */
export function withReassign(ticket: Ticket, by: string, to: string, reason: string, now: number, timing: Timing): Ticket {
  return {
    ...ticket,
    ownerId: to,
    status: "open",
    ...timersFrom(now, timing),
    history: push(ticket, { at: now, kind: "reassigned", by, to, text: reason }),
  };
}

export function withResolve(ticket: Ticket, by: string, now: number): Ticket {
  return {
    ...ticket,
    status: "resolved",
    remindAt: null,
    escalateAt: null,
    history: push(ticket, { at: now, kind: "resolved", by }),
  };
}

export function withRating(ticket: Ticket, score: Rating["score"], now: number): Ticket {
  return {
    ...ticket,
    ratings: [...ticket.ratings, { score, at: now }],
    history: push(ticket, { at: now, kind: "rated", text: score }),
  };
}

export function withComment(ticket: Ticket, comment: string): Ticket {
  const last = ticket.ratings[ticket.ratings.length - 1];
  if (!last) return ticket;
  return { ...ticket, ratings: [...ticket.ratings.slice(0, -1), { ...last, comment }] };
}

/** "Not satisfied": back to the same owner, who must reply again before resolving. */
export function withReopen(ticket: Ticket, now: number, timing: Timing): Ticket {
  return {
    ...ticket,
    status: "open",
    repliedSinceOpen: false,
    ...timersFrom(now, timing),
    history: push(ticket, { at: now, kind: "reopened", to: ticket.ownerId }),
  };
}

export function withUnreachable(ticket: Ticket, now: number, detail: string): Ticket {
  return { ...ticket, unreachable: true, history: push(ticket, { at: now, kind: "delivery-failed", text: detail }) };
}

export type Fired = "reminder" | "escalated";

/** Fires the timers that are due, reminder before escalation. */
export function fireDue(ticket: Ticket, now: number): { ticket: Ticket; fired: Fired[] } {
  if (!isOpen(ticket)) return { ticket, fired: [] };
  let next = ticket;
  const fired: Fired[] = [];
  if (next.remindAt !== null && next.remindAt <= now) {
    fired.push("reminder");
    next = { ...next, remindAt: null, history: push(next, { at: now, kind: "reminder", to: next.ownerId }) };
  }
  if (next.escalateAt !== null && next.escalateAt <= now) {
    fired.push("escalated");
    next = { ...next, escalateAt: null, escalated: true, history: push(next, { at: now, kind: "escalated" }) };
  }
  return { ticket: next, fired };
}

/** When this ticket next needs attention, or null. */
export function nextDue(ticket: Ticket): number | null {
  if (!isOpen(ticket)) return null;
  const times = [ticket.remindAt, ticket.escalateAt].filter((x): x is number => x !== null);
  return times.length > 0 ? Math.min(...times) : null;
}

/** Whether the citizen may still rate: resolved, and not rated since the last resolve. */
export function canRate(ticket: Ticket): boolean {
  if (ticket.status !== "resolved") return false;
  const lastResolved = ticket.history.map((e) => e.kind).lastIndexOf("resolved");
  return !ticket.history.slice(lastResolved + 1).some((e) => e.kind === "rated");
}

/** Who hears about an escalation: the owner's backup and department head, never the owner twice. */
export function escalationTargets(owner: Staff): string[] {
  return [...new Set([owner.backup, owner.escalateTo])].filter((id) => id !== owner.id);
}
