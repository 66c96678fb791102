// The outbox: every staff notice and every out-of-turn citizen message is stored BEFORE it is sent,
// removed once it went through, and retried with backoff while the other side is down. Items go out
// in order per lane (all staff notices share one lane; each citizen chat is its own), so a later
// notice never overtakes an earlier one about the same ticket.
import { Ticket, type CitizenDelivery, type Data, type OutboxItem } from "./data.ts";
import type { OutMessage } from "./events.ts";
import type { CitizenChannel, Clock, Logger, StaffNotice, StaffNotifier, Store } from "./ports.ts";
import { findTicket, replaceTicket } from "./context.ts";
import { withReplyDelivered, withUnreachable } from "./tickets.ts";
import { within } from "./within.ts";

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 5 * 60_000;

/** 1 s, 2 s, 4 s … at most 5 min, after the n-th failed attempt. */
export function backoffMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

export function enqueueNotice(data: Data, notice: StaffNotice, now: number): number {
  const seq = data.nextOutboxSeq++;
  data.outbox.push({ seq, notice, attempts: 0, nextAttemptAt: now });
  return seq;
}

export function enqueueDelivery(data: Data, delivery: Omit<CitizenDelivery, "messages"> & { messages: OutMessage[] }, now: number): number {
  const seq = data.nextOutboxSeq++;
  data.outbox.push({ seq, notice: null, attempts: 0, nextAttemptAt: now, delivery });
  return seq;
}

const laneOf = (item: OutboxItem): string =>
  item.delivery ? `citizen:${item.delivery.channel}:${item.delivery.conversationId}` : "staff";

/** The first item of each lane: only these may be sent. */
export function laneHeads(outbox: readonly OutboxItem[]): OutboxItem[] {
  const heads = new Map<string, OutboxItem>();
  for (const item of [...outbox].sort((a, b) => a.seq - b.seq)) {
    const lane = laneOf(item);
    if (!heads.has(lane)) heads.set(lane, item);
  }
  return [...heads.values()];
}

export function nextOutboxDue(outbox: readonly OutboxItem[]): number | null {
  const times = laneHeads(outbox).map((i) => i.nextAttemptAt);
  return times.length > 0 ? Math.min(...times) : null;
}

const NOTICE_TYPES = new Set(["ticket", "knowledge-invalid", "knowledge-reloaded"]);

/** The stored notice, checked: the data file may have been edited by hand. */
function readNotice(raw: unknown): StaffNotice | null {
  if (typeof raw !== "object" || raw === null) return null;
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== "string" || !NOTICE_TYPES.has(type)) return null;
  if (type === "ticket" && !Ticket.safeParse((raw as { ticket?: unknown }).ticket).success) return null;
  return raw as StaffNotice;
}

/** An attempt that has not finished by then counts as failed (and may be sent twice: at-least-once). */
export const SEND_TIMEOUT_MS = 30_000;

export type OutboxDeps = {
  store: Store;
  clock: Clock;
  staff: StaffNotifier;
  channels: Record<string, CitizenChannel>;
  log: Logger;
  /** Staff to tell when a citizen turns out unreachable (the owner). */
  onUnreachable: (data: Data, ticket: Ticket, now: number) => void;
};

/** `promise`'s result, or a throw once SEND_TIMEOUT_MS have passed. */
async function timed<T>(deps: OutboxDeps, promise: Promise<T>): Promise<T> {
  const sent = await within(deps.clock, SEND_TIMEOUT_MS, promise);
  if (sent === "timeout") throw new Error(`no answer within ${SEND_TIMEOUT_MS / 1000} s`);
  return sent;
}

async function retryLater(deps: OutboxDeps, seq: number): Promise<void> {
  await deps.store.update((data) => {
    const item = data.outbox.find((i) => i.seq === seq);
    if (!item) return;
    item.attempts += 1;
    item.nextAttemptAt = deps.clock.now() + backoffMs(item.attempts);
  });
}

async function sendNotice(deps: OutboxDeps, item: OutboxItem): Promise<void> {
  const notice = readNotice(item.notice);
  if (!notice) {
    deps.log.error({ seq: item.seq }, "outbox: dropping an item that is not a staff notice");
    await deps.store.update((data) => void (data.outbox = data.outbox.filter((i) => i.seq !== item.seq)));
    return;
  }
  // Refs returned for earlier notices (e.g. the Slack thread) must reach later ones queued before them.
  const current = notice.type === "ticket" ? deps.store.read((d) => findTicket(d, notice.ticket.id)) : undefined;
  const toSend: StaffNotice =
    notice.type === "ticket" && current ? { ...notice, ticket: { ...notice.ticket, refs: { ...current.refs } } } : notice;
  let refs: Record<string, string> | void;
  try {
    refs = await timed(deps, deps.staff.notify(toSend));
  } catch (err) {
    deps.log.warn({ seq: item.seq, attempts: item.attempts + 1, err: String(err) }, "outbox: staff notice failed, will retry");
    await retryLater(deps, item.seq);
    return;
  }
  await deps.store.update((data) => {
    data.outbox = data.outbox.filter((i) => i.seq !== item.seq);
    if (notice.type !== "ticket" || !refs) return;
    const ticket = findTicket(data, notice.ticket.id);
    if (ticket) Object.assign(ticket.refs, refs);
  });
}

async function sendDelivery(deps: OutboxDeps, item: OutboxItem, delivery: CitizenDelivery): Promise<void> {
  const channel = deps.channels[delivery.channel];
  let result;
  try {
    if (!channel) throw new Error(`no channel "${delivery.channel}" is running`);
    const to = { conversationId: delivery.conversationId, userId: delivery.userId };
    result = await timed(deps, channel.deliver(to, delivery.messages as OutMessage[]));
  } catch (err) {
    deps.log.warn({ seq: item.seq, channel: delivery.channel, err: String(err) }, "outbox: delivery failed, will retry");
    await retryLater(deps, item.seq);
    return;
  }
  await deps.store.update((data) => {
    data.outbox = data.outbox.filter((i) => i.seq !== item.seq);
    const ticket = delivery.ticketId ? findTicket(data, delivery.ticketId) : undefined;
    if (!ticket) return;
    const now = deps.clock.now();
    if (result.ok) {
      if (delivery.isReply) replaceTicket(data, withReplyDelivered(ticket));
      return;
    }
    const changed = withUnreachable(ticket, now, result.reason);
    replaceTicket(data, changed);
    deps.onUnreachable(data, changed, now);
  });
  if (!result.ok) deps.log.info({ ticketId: delivery.ticketId, reason: result.reason }, "citizen unreachable");
}

/** Sends every lane's head while it is due; a failure holds its lane until the retry time. */
export async function flushOutbox(deps: OutboxDeps): Promise<void> {
  for (let round = 0; round < 10_000; round++) {
    const now = deps.clock.now();
    const due = structuredClone(deps.store.read((d) => laneHeads(d.outbox).filter((i) => i.nextAttemptAt <= now)));
    if (due.length === 0) return;
    for (const item of due) {
      if (item.delivery) await sendDelivery(deps, item, item.delivery);
      else await sendNotice(deps, item);
    }
  }
}
