// The citizen's side of the dialog: a message is answered, clarified, handed to staff or added to
// the open ticket; buttons and commands steer it. Every reply goes back as the HandleResult.
import type { Lang } from "../knowledge/schema.ts";
import type { MatchResult } from "../match/types.ts";
import { renderAnswer } from "./answer.ts";
import { conversationOf, patchConversation, person, type Ctx } from "./context.ts";
import type { Conversation, Pending, Ticket } from "./data.ts";
import type { CitizenRef, HandleResult, IncomingEvent } from "./events.ts";
import { comment, followUp, openTicket, openTicketOf, rate, STORE_FAILED } from "./handoff.ts";
import { t } from "./i18n.ts";
import { parseOption } from "./options.ts";
import { clarifyMessage, languageChoice, popularOptions, smalltalkReply, text, welcome } from "./replies.ts";

type CitizenEvent = Extract<IncomingEvent, { type: `citizen.${string}` }>;

const readConversation = (ctx: Ctx, from: CitizenRef): Conversation =>
  ctx.store.read((d) => conversationOf(d, from, ctx.clock.now()));

const readOpenTicket = (ctx: Ctx, from: CitizenRef): Ticket | undefined =>
  ctx.store.read((d) => openTicketOf(d, from, ctx.clock.now()));

/** Saves conversation state (and counts an answer) in one write. */
async function remember(ctx: Ctx, from: CitizenRef, patch: Partial<Conversation>, answered?: string): Promise<void> {
  await ctx.store.update((data) => {
    patchConversation(data, from, ctx.clock.now(), patch);
    if (answered) data.counters.answered[answered] = (data.counters.answered[answered] ?? 0) + 1;
  });
}

/** The complete checklist for one procedure; counted, nothing else about the question is kept. */
async function answer(ctx: Ctx, from: CitizenRef, procedureId: string, lang: Lang): Promise<HandleResult | null> {
  const { knowledge } = ctx.loaded;
  const procedure = knowledge.byId.get(procedureId);
  if (!procedure) return null;
  await remember(ctx, from, { lang, pending: null }, procedure.id);
  ctx.log.info({ procedureId }, "answered");
  return { messages: [renderAnswer(procedure, knowledge, lang)] };
}

const counters = (ctx: Ctx) => ctx.store.read((d) => structuredClone(d.counters));

/** Decide what a free-text question gets, for a conversation without an open ticket. */
async function route(ctx: Ctx, from: CitizenRef, question: string, match: MatchResult, lang: Lang): Promise<HandleResult> {
  const { knowledge } = ctx.loaded;
  if (match.outcome === "answer" && match.procedureId) {
    const answered = await answer(ctx, from, match.procedureId, lang);
    if (answered) return answered;
  }
  if (match.outcome === "smalltalk") {
    await remember(ctx, from, { lang, pending: null });
    return { messages: [smalltalkReply(knowledge, counters(ctx), match.smalltalk, lang)] };
  }
  if (match.outcome === "clarify") {
    const ids = match.candidates.map((c) => c.id).filter((id) => knowledge.byId.has(id));
    if (ids.length > 0) {
      await remember(ctx, from, { lang, pending: { kind: "clarify", question, candidates: ids } });
      return { messages: [clarifyMessage(knowledge, ids, lang)] };
    }
  }
  return openTicket(ctx, from, lang, question, match.candidates);
}

async function onMessage(ctx: Ctx, from: CitizenRef, raw: string): Promise<HandleResult> {
  const question = raw.trim();
  const conversation = readConversation(ctx, from);
  if (!question) return { messages: [text(t(conversation.lang).emptyMessage)] };
  if (conversation.pending?.kind === "comment") return comment(ctx, from, conversation.pending, question, conversation.lang);

  const match = ctx.loaded.matcher.match(question);
  const lang = conversation.langFixed ? conversation.lang : match.lang;
  const open = readOpenTicket(ctx, from);
  ctx.log.info({ channel: from.channel, outcome: match.outcome, procedureId: match.procedureId, openTicket: open?.id ?? null }, "citizen message");
  ctx.log.debug({ text: question }, "citizen message text");

  if (open) {
    // A clear match is answered even while a ticket is open (the ticket stays open); greetings and
    // thanks get their reply; anything else is for the owner.
    if (match.outcome === "answer" && match.procedureId) {
      const answered = await answer(ctx, from, match.procedureId, lang);
      if (answered) return answered;
    }
    if (match.outcome === "smalltalk") {
      await remember(ctx, from, { lang });
      const reply = smalltalkReply(ctx.loaded.knowledge, counters(ctx), match.smalltalk, lang);
      const still = t(lang).ticketStillOpen(person(ctx.loaded.knowledge, open.ownerId, lang), open.id);
      return { messages: [{ ...reply, parts: [...reply.parts, { kind: "text", text: still }] }] };
    }
    return followUp(ctx, from, open.id, question, lang);
  }
  if (conversation.pending?.kind === "handoff") return openTicket(ctx, from, lang, question, match.candidates);
  return route(ctx, from, question, match, lang);
}

/** Hands the question being clarified to staff, with the matcher's candidates for routing. */
async function handOverClarify(ctx: Ctx, from: CitizenRef, pending: Extract<Pending, { kind: "clarify" }>, lang: Lang) {
  const match = ctx.loaded.matcher.match(pending.question);
  return openTicket(ctx, from, lang, pending.question, match.candidates);
}

async function onOption(ctx: Ctx, from: CitizenRef, raw: string): Promise<HandleResult> {
  const conversation = readConversation(ctx, from);
  const lang = conversation.lang;
  const s = t(lang);
  const option = parseOption(raw);
  ctx.log.info({ channel: from.channel, option: option?.kind ?? "invalid" }, "citizen option");
  const stale: HandleResult = { messages: [text(s.staleOption)] };
  if (!option) return stale;
  const pending = conversation.pending;
  // Any button other than a rating ends a waiting comment.
  if (pending?.kind === "comment" && option.kind !== "rate") {
    await remember(ctx, from, { pending: null });
    if (option.kind === "skip") return { messages: [text(s.commentSkipped)] };
  }
  const open = readOpenTicket(ctx, from);
  switch (option.kind) {
    case "procedure":
      return (await answer(ctx, from, option.procedureId, lang)) ?? stale;
    case "none":
      if (pending?.kind !== "clarify") return stale;
      if (open) return followUp(ctx, from, open.id, pending.question, lang);
      return handOverClarify(ctx, from, pending, lang);
    case "staff": {
      const knowledge = ctx.loaded.knowledge;
      if (open) return { messages: [text(s.ticketStillOpen(person(knowledge, open.ownerId, lang), open.id))] };
      if (pending?.kind === "clarify") return handOverClarify(ctx, from, pending, lang);
      await remember(ctx, from, { pending: { kind: "handoff" } });
      return { messages: [text(s.writeQuestionForStaff)] };
    }
    case "skip":
      return { messages: [text(s.nothingToSkip)] };
    case "rate":
      return rate(ctx, from, option.ticketId, option.score, lang);
    case "lang":
      return setLanguage(ctx, from, option.lang);
  }
}

async function setLanguage(ctx: Ctx, from: CitizenRef, lang: Lang): Promise<HandleResult> {
  await remember(ctx, from, { lang, langFixed: true });
  return { messages: [text(t(lang).languageSet, popularOptions(ctx.loaded.knowledge, counters(ctx), lang))] };
}

const LANG_WORDS: Record<string, Lang> = { en: "en", english: "en", 英文: "en", 英语: "en", zh: "zh", cn: "zh", chinese: "zh", 中文: "zh", 汉语: "zh" };

async function onCommand(ctx: Ctx, from: CitizenRef, command: string, arg: string | undefined): Promise<HandleResult> {
  const conversation = readConversation(ctx, from);
  const lang = conversation.lang;
  const s = t(lang);
  const { knowledge } = ctx.loaded;
  ctx.log.info({ channel: from.channel, command }, "citizen command");
  switch (command) {
    case "start":
      await remember(ctx, from, { pending: null });
      return { messages: [welcome(knowledge, counters(ctx), lang)] };
    case "help":
      return { messages: [text(s.help, popularOptions(knowledge, counters(ctx), lang))] };
    case "language": {
      const chosen = arg ? LANG_WORDS[arg.trim().toLowerCase()] : undefined;
      return chosen ? setLanguage(ctx, from, chosen) : { messages: [languageChoice(lang)] };
    }
    case "ticket": {
      const open = readOpenTicket(ctx, from);
      if (!open) return { messages: [text(s.noOpenTicket)] };
      return { messages: [text(s.openTicket(person(knowledge, open.ownerId, lang), open.id, open.question))] };
    }
    default:
      return { messages: [text(s.help)] };
  }
}

export async function handleCitizen(ctx: Ctx, event: CitizenEvent): Promise<HandleResult> {
  try {
    if (event.type === "citizen.message") return await onMessage(ctx, event.from, String(event.text ?? ""));
    if (event.type === "citizen.option") return await onOption(ctx, event.from, String(event.option ?? ""));
    return await onCommand(ctx, event.from, event.command, event.arg);
  } catch (err) {
    ctx.log.error({ type: event.type, err: String(err) }, "citizen event failed");
    return STORE_FAILED(readLangSafely(ctx, event.from));
  }
}

function readLangSafely(ctx: Ctx, from: CitizenRef): Lang {
  try {
    return readConversation(ctx, from).lang;
  } catch {
    return from.lang ?? "en";
  }
}
