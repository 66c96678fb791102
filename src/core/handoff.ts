// The citizen's side of tickets: handing a question to a named owner, follow-ups while it is open,
// and the satisfaction question after it is resolved.
import type { Knowledge, Lang } from "../knowledge/schema.ts";
import type { Candidate } from "../match/types.ts";
import { conversationOf, findTicket, patchConversation, person, replaceTicket, timing, type Ctx } from "./context.ts";
import type { Data, Pending, Rating, Ticket } from "./data.ts";
import type { CitizenRef, HandleResult } from "./events.ts";
import { t } from "./i18n.ts";
import { optionId } from "./options.ts";
import { enqueueNotice } from "./outbox.ts";
import type { StaffNotice, TicketNoticeKind } from "./ports.ts";
import { text } from "./replies.ts";
import { canRate, isOpen, newTicket, withCitizenMessage, withComment, withRating, withReopen } from "./tickets.ts";

export function ticketNotice(
  kind: TicketNoticeKind,
  ticket: Ticket,
  mention: string[],
  extra: { by?: string; text?: string } = {},
): StaffNotice {
  return { type: "ticket", kind, ticket: structuredClone(ticket), mention, ...extra };
}

/**
 * First-in-charge: the owner of the procedure the best guess points to when that guess is plausible,
 * otherwise the duty officer. Always a person in the directory.
 */
export function chooseOwner(knowledge: Knowledge, candidates: Candidate[]): string {
  const best = candidates[0];
  if (best && best.score >= knowledge.settings.matching.handoffGuessScore) {
    const owner = knowledge.byId.get(best.id)?.owner;
    if (owner && knowledge.staffById.has(owner)) return owner;
  }
  const duty = knowledge.settings.dutyOfficer;
  // The loader cross-checks the duty officer; the fallback only guards a hand-built Knowledge.
  return knowledge.staffById.has(duty) ? duty : (knowledge.directory.staff[0]?.id ?? duty);
}

export const STORE_FAILED = (lang: Lang): HandleResult => ({ messages: [text(t(lang).storeFailed)] });

/** Creates the ticket, stores it (with its "created" notice) and only then tells the citizen. */
export async function openTicket(
  ctx: Ctx,
  from: CitizenRef,
  lang: Lang,
  question: string,
  candidates: Candidate[],
): Promise<HandleResult> {
  const { knowledge } = ctx.loaded;
  const now = ctx.clock.now();
  const ownerId = chooseOwner(knowledge, candidates);
  let ticket: Ticket;
  try {
    ticket = await ctx.store.update((data) => {
      const created = newTicket({
        id: `T-${data.nextTicket++}`,
        citizen: { ...from, lang },
        question,
        candidates: candidates.slice(0, 5),
        ownerId,
        now,
        timing: timing(knowledge),
      });
      data.tickets.push(created);
      data.counters.handedOff += 1;
      // `lang` is the reply language: the fixed one when the citizen chose it.
      patchConversation(data, from, now, { lang, pending: null, openTicketId: created.id });
      enqueueNotice(data, ticketNotice("created", created, [ownerId]), now);
      return created;
    });
  } catch (err) {
    ctx.log.error({ err: String(err) }, "could not store a new ticket");
    return STORE_FAILED(lang);
  }
  ctx.log.info({ ticketId: ticket.id, ownerId, best: candidates[0]?.id ?? null }, "ticket created");
  return { messages: [text(t(lang).ticketCreated(person(knowledge, ownerId, lang), ticket.id))] };
}

/** A further message while a ticket is open: it joins the ticket and reaches the owner. */
export async function followUp(ctx: Ctx, from: CitizenRef, ticketId: string, message: string, lang: Lang): Promise<HandleResult> {
  const { knowledge } = ctx.loaded;
  const now = ctx.clock.now();
  const ticket = await ctx.store.update((data) => {
    const current = findTicket(data, ticketId);
    if (!current) return undefined;
    const changed = withCitizenMessage(current, message, now, timing(knowledge));
    replaceTicket(data, changed);
    patchConversation(data, from, now, { lang, pending: null });
    enqueueNotice(data, ticketNotice("citizen-message", changed, [changed.ownerId], { text: message }), now);
    return changed;
  });
  if (!ticket) return STORE_FAILED(lang);
  ctx.log.info({ ticketId }, "citizen follow-up added to ticket");
  return { messages: [text(t(lang).ticketAck(person(knowledge, ticket.ownerId, lang), ticket.id))] };
}

/** The open ticket of this conversation, if it is still open. */
export function openTicketOf(data: Readonly<Data>, from: CitizenRef, now: number): Ticket | undefined {
  const id = conversationOf(data, from, now).openTicketId;
  const ticket = id ? findTicket(data, id) : undefined;
  return ticket && isOpen(ticket) ? ticket : undefined;
}

const belongsTo = (ticket: Ticket, from: CitizenRef) =>
  ticket.citizen.channel === from.channel && ticket.citizen.conversationId === from.conversationId;

/** A rating button. Only the ticket's own citizen, once per resolve; "not satisfied" reopens it to its owner. */
export async function rate(
  ctx: Ctx,
  from: CitizenRef,
  ticketId: string,
  score: Rating["score"],
  lang: Lang,
): Promise<HandleResult> {
  const { knowledge } = ctx.loaded;
  const now = ctx.clock.now();
  const ticket = await ctx.store.update((data) => {
    const current = findTicket(data, ticketId);
    if (!current || !belongsTo(current, from) || !canRate(current)) return undefined;
    let changed = withRating(current, score, now);
    enqueueNotice(data, ticketNotice("rated", changed, [changed.ownerId], { text: score }), now);
    const patch: { pending: Pending; openTicketId?: string } = { pending: { kind: "comment", ticketId, score } };
    if (score === "not-satisfied") {
      changed = withReopen(changed, now, timing(knowledge));
      enqueueNotice(data, ticketNotice("reopened", changed, [changed.ownerId]), now);
      // One open ticket per conversation: if a newer one is open, follow-ups keep going there.
      if (!openTicketOf(data, from, now)) patch.openTicketId = ticketId;
    }
    replaceTicket(data, changed);
    patchConversation(data, from, now, patch);
    return changed;
  });
  if (!ticket) return { messages: [text(t(lang).staleOption)] };
  ctx.log.info({ ticketId, score }, "ticket rated");
  const s = t(lang);
  const body = score === "not-satisfied" ? s.askCommentReopened(person(knowledge, ticket.ownerId, lang), ticketId) : s.askComment;
  return { messages: [text(body, [{ id: optionId.skip(), label: s.skip }])] };
}

const SKIP = /^(skip|no|none|跳过|不用|没有)[.!。！]?$/i;

/** The message after a rating: the optional comment, unless the citizen says skip. */
export async function comment(
  ctx: Ctx,
  from: CitizenRef,
  pending: Extract<Pending, { kind: "comment" }>,
  message: string,
  lang: Lang,
): Promise<HandleResult> {
  const now = ctx.clock.now();
  const skipped = SKIP.test(message.trim());
  await ctx.store.update((data) => {
    patchConversation(data, from, now, { pending: null });
    const current = findTicket(data, pending.ticketId);
    if (skipped || !current) return;
    let changed = withComment(current, message);
    // On a reopened ticket the comment says what is still missing: the owner needs it in the thread.
    if (isOpen(changed)) changed = { ...changed, history: [...changed.history, { at: now, kind: "citizen", text: message }] };
    replaceTicket(data, changed);
    enqueueNotice(data, ticketNotice("rated", changed, [changed.ownerId], { text: message }), now);
  });
  ctx.log.info({ ticketId: pending.ticketId, skipped }, "rating comment");
  return { messages: [text(skipped ? t(lang).commentSkipped : t(lang).commentThanks)] };
}
