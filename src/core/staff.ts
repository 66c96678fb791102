// Staff actions on tickets. Any staff member in the directory may act (colleagues help; `by` is
// recorded); ownership changes only by an explicit reassign to a named person.
import type { Knowledge } from "../knowledge/schema.ts";
import { pick } from "../knowledge/text.ts";
import { citizenLang, conversationKey, findTicket, patchConversation, person, replaceTicket, timing, type Ctx } from "./context.ts";
import type { Data, Ticket } from "./data.ts";
import { writeDraft } from "./drafts.ts";
import type { HandleResult, IncomingEvent, OutMessage } from "./events.ts";
import { ticketNotice } from "./handoff.ts";
import { t } from "./i18n.ts";
import { optionId } from "./options.ts";
import { enqueueDelivery, enqueueNotice } from "./outbox.ts";
import { text } from "./replies.ts";
import { isOpen, withNote, withReassign, withReply, withResolve } from "./tickets.ts";

type StaffEvent = Extract<IncomingEvent, { type: `staff.${string}` }>;

/** The ticket as stored now: handlers checked a copy, the write applies to the latest. */
const current = (data: Data, ticket: Ticket): Ticket => findTicket(data, ticket.id) ?? ticket;

const refuse = (code: string, message: string): HandleResult => ({ messages: [], error: { code, message } });

/** Tell the owner, unless the owner is the one who acted. */
const ownerUnless = (ticket: Ticket, by: string): string[] => (ticket.ownerId === by ? [] : [ticket.ownerId]);

function unknownStaff(knowledge: Knowledge, id: string): HandleResult {
  const needle = id.trim().toLowerCase();
  const similar = knowledge.directory.staff
    .filter((s) => s.id.includes(needle) || Object.values(s.name).some((n) => n?.toLowerCase().includes(needle)) || s.slackUserId === id)
    .slice(0, 3)
    .map((s) => `${s.id} (${pick(s.name, "en")})`);
  const hint = similar.length > 0 ? ` Did you mean: ${similar.join(", ")}?` : "";
  return refuse(
    "UNKNOWN_STAFF",
    `There is no staff member "${id}". Use a staff id from knowledge/directory.json, like "xu-gan"; ` +
      `the staff list there shows each person's id, name and department.${hint}`,
  );
}

const citizenTarget = (ticket: Ticket) => ({
  channel: ticket.citizen.channel,
  conversationId: ticket.citizen.conversationId,
  userId: ticket.citizen.userId,
  ticketId: ticket.id,
});

async function reply(ctx: Ctx, ticket: Ticket, by: string, body: string): Promise<HandleResult> {
  const { knowledge } = ctx.loaded;
  const now = ctx.clock.now();
  const seq = await ctx.store.update((data) => {
    const changed = withReply(current(data, ticket), by, body, now);
    replaceTicket(data, changed);
    const lang = citizenLang(data, changed);
    const message: OutMessage = {
      parts: [
        { kind: "title", text: t(lang).staffReplyTitle(person(knowledge, by, lang), ticket.id) },
        { kind: "text", text: body },
      ],
    };
    const queued = enqueueDelivery(data, { ...citizenTarget(changed), messages: [message], isReply: true }, now);
    enqueueNotice(data, ticketNotice("replied", changed, ownerUnless(changed, by), { by, text: body }), now);
    return queued;
  });
  await ctx.pump();
  const s = t(ctx.staffLang);
  const after = ctx.store.read((d) => ({ queued: d.outbox.some((i) => i.seq === seq), ticket: findTicket(d, ticket.id) }));
  if (after.queued) return { messages: [text(s.replyQueued(ticket.id))] };
  if (!after.ticket?.repliedSinceOpen) return { messages: [text(s.replyUndeliverable(ticket.id))] };
  return { messages: [text(s.replySent(ticket.id))] };
}

async function reassign(ctx: Ctx, ticket: Ticket, by: string, to: string, reason: string): Promise<HandleResult> {
  const { knowledge } = ctx.loaded;
  if (!knowledge.staffById.has(to)) return unknownStaff(knowledge, to);
  if (!reason.trim()) {
    return refuse("REASON_REQUIRED", `Say why ${ticket.id} goes to ${to}, so the new owner knows what is expected.`);
  }
  if (to === ticket.ownerId) return refuse("ALREADY_OWNER", `${ticket.id} already belongs to ${to}.`);
  const now = ctx.clock.now();
  await ctx.store.update((data) => {
    const changed = withReassign(current(data, ticket), by, to, reason.trim(), now, timing(knowledge));
    replaceTicket(data, changed);
    const lang = citizenLang(data, changed);
    // The reason is internal; the citizen learns who has the question now.
    const message = text(t(lang).ticketNow(person(knowledge, to, lang), ticket.id));
    enqueueDelivery(data, { ...citizenTarget(changed), messages: [message] }, now);
    enqueueNotice(data, ticketNotice("reassigned", changed, [to], { by, text: reason.trim() }), now);
  });
  return { messages: [text(t(ctx.staffLang).reassigned(ticket.id, person(knowledge, to, ctx.staffLang)))] };
}

function ratingPrompt(data: Data, ticket: Ticket, knowledge: Knowledge, by: string): OutMessage {
  const lang = citizenLang(data, ticket);
  const s = t(lang);
  return text(s.rateQuestion(person(knowledge, by, lang), ticket.id), [
    { id: optionId.rate("very-satisfied", ticket.id), label: s.rateVerySatisfied },
    { id: optionId.rate("satisfied", ticket.id), label: s.rateSatisfied },
    { id: optionId.rate("not-satisfied", ticket.id), label: s.rateNotSatisfied },
  ]);
}

async function resolve(ctx: Ctx, ticket: Ticket, by: string): Promise<HandleResult> {
  // An unreachable citizen can never get a reply: resolving is then the only way to close it.
  if (!ticket.repliedSinceOpen && !ticket.unreachable) {
    const waiting = ctx.store.read((d) => d.outbox.some((i) => i.delivery?.isReply && i.delivery.ticketId === ticket.id));
    return refuse(
      "RESOLVE_NEEDS_REPLY",
      waiting
        ? `Reply to the citizen first: your reply on ${ticket.id} has not reached them yet (delivery is being retried). Resolve once it is delivered.`
        : `Reply to the citizen first: no reply on ${ticket.id} has reached them since it was opened. Send your answer as a reply, then resolve.`,
    );
  }
  const { knowledge } = ctx.loaded;
  const now = ctx.clock.now();
  await ctx.store.update((data) => {
    const changed = withResolve(current(data, ticket), by, now);
    replaceTicket(data, changed);
    if (data.conversations[conversationKey(changed.citizen)]?.openTicketId === changed.id) {
      patchConversation(data, changed.citizen, now, { openTicketId: null, pending: { kind: "rate", ticketId: changed.id } });
    }
    enqueueDelivery(data, { ...citizenTarget(changed), messages: [ratingPrompt(data, changed, knowledge, by)] }, now);
    enqueueNotice(data, ticketNotice("resolved", changed, ownerUnless(changed, by), { by }), now);
  });
  return { messages: [text(t(ctx.staffLang).resolved(ticket.id))] };
}

async function addToKnowledge(ctx: Ctx, ticket: Ticket, procedureId: string | undefined): Promise<HandleResult> {
  try {
    const { path } = await writeDraft({
      ticket,
      knowledge: ctx.loaded.knowledge,
      ...(procedureId ? { procedureId } : {}),
      draftsDir: ctx.draftsDir,
      now: ctx.clock.now(),
    });
    return { messages: [text(t(ctx.staffLang).draftWritten(ticket.id, path))] };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    return refuse(typeof code === "string" ? code : "DRAFT_FAILED", (err as Error).message);
  }
}

function list(ctx: Ctx, staffId: string): HandleResult {
  const s = t(ctx.staffLang);
  const { knowledge } = ctx.loaded;
  const now = ctx.clock.now();
  const open = ctx.store.read((d) => d.tickets.filter(isOpen).map((x) => structuredClone(x)));
  if (open.length === 0) return { messages: [text(s.noOpenTickets)] };
  const line = (x: Ticket) => {
    const hours = Math.floor((now - x.createdAt) / 3_600_000);
    const question = x.question.length > 80 ? `${x.question.slice(0, 79)}…` : x.question;
    return `${x.id} · ${person(knowledge, x.ownerId, ctx.staffLang).name} · ${x.status} · ${hours}h · ${question}`;
  };
  const mine = open.filter((x) => x.ownerId === staffId).map(line);
  const others = open.filter((x) => x.ownerId !== staffId).map(line);
  return {
    messages: [
      {
        parts: [
          { kind: "title", text: s.openTickets(open.length) },
          ...(mine.length > 0 ? [{ kind: "section" as const, title: s.yours, items: mine }] : []),
          ...(others.length > 0 ? [{ kind: "section" as const, title: s.others, items: others }] : []),
        ],
      },
    ],
  };
}

export async function handleStaff(ctx: Ctx, event: StaffEvent): Promise<HandleResult> {
  const { knowledge } = ctx.loaded;
  if (!knowledge.staffById.has(event.staffId)) {
    return refuse(
      "NOT_STAFF",
      `"${event.staffId}" is not a staff member in knowledge/directory.json; ask an admin to add you there (with your Slack member id) first.`,
    );
  }
  ctx.log.info({ type: event.type, staffId: event.staffId, ticketId: "ticketId" in event ? event.ticketId : null }, "staff event");
  if (event.type === "staff.list") return list(ctx, event.staffId);
  const ticket = ctx.store.read((d) => structuredClone(findTicket(d, event.ticketId)));
  if (!ticket) {
    return refuse("UNKNOWN_TICKET", `There is no ticket "${event.ticketId}". Ticket ids look like T-12; list the open questions to see them.`);
  }
  if (event.type === "staff.addToKnowledge") return addToKnowledge(ctx, ticket, event.procedureId);
  if (event.type === "staff.note") {
    if (!event.text.trim()) return refuse("EMPTY_TEXT", "Write the note's text.");
    const now = ctx.clock.now();
    await ctx.store.update((data) => {
      const changed = withNote(current(data, ticket), event.staffId, event.text, now);
      replaceTicket(data, changed);
      enqueueNotice(data, ticketNotice("note", changed, ownerUnless(changed, event.staffId), { by: event.staffId, text: event.text }), now);
    });
    return { messages: [text(t(ctx.staffLang).noteSaved(ticket.id))] };
  }
  if (!isOpen(ticket)) {
    return refuse("TICKET_RESOLVED", `${ticket.id} is already resolved. If the citizen needs more, they can ask again or rate it "not satisfied" to reopen it.`);
  }
  ctx.log.debug({ ticketId: ticket.id, text: "text" in event ? event.text : undefined }, "staff event text");
  switch (event.type) {
    case "staff.reply":
      if (!event.text.trim()) return refuse("EMPTY_TEXT", "Write the reply's text; it is sent to the citizen as it is.");
      return reply(ctx, ticket, event.staffId, event.text);
    case "staff.reassign":
      return reassign(ctx, ticket, event.staffId, event.to, event.reason);
    case "staff.resolve":
      return resolve(ctx, ticket, event.staffId);
  }
}
