// StaffNotice → Slack: the ping for a new ticket, thread posts for everything after, and a chat.update
// of the ping so the channel shows the live status. Throwing tells the core to keep the notice in its
// outbox and try again: a ticket is never lost while Slack is down.
import type { Core } from "../../src/core/api.ts";
import type { Ticket } from "../../src/core/data.ts";
import type { StaffNotice } from "../../src/core/ports.ts";
import { RATING, type View, mentionOf, renderTicket, staffName } from "./blocks.ts";
import { REF_CHANNEL, REF_TS, type SlackContext, slackErrorCode, viewOf } from "./context.ts";
import { codeBlock, escapeMrkdwn, quote } from "./mrkdwn.ts";

type TicketNotice = Extract<StaffNotice, { type: "ticket" }>;
type Ref = { channel: string; ts: string };

export const threadKey = (ticketId: string, text: string) => `${ticketId}\u0000${text}`;

export function createNotifier(ctx: SlackContext) {
  // Pings posted by this process, in case the core has not stored the refs yet (or a later step failed).
  const posted = new Map<string, Ref>();
  // One notice at a time per ticket, so two notices never both post a ping.
  const queues = new Map<string, Promise<unknown>>();

  const refOf = (...tickets: (Ticket | undefined)[]): Ref | undefined => {
    for (const ticket of tickets) {
      const ts = ticket?.refs[REF_TS];
      if (ticket && ts) return { channel: ticket.refs[REF_CHANNEL] ?? ctx.channel, ts };
    }
    return posted.get(tickets.find(Boolean)?.id ?? "");
  };

  const refsFor = (ref: Ref) => ({ [REF_CHANNEL]: ref.channel, [REF_TS]: ref.ts });

  async function postPing(ticket: Ticket, view: View): Promise<Ref> {
    const { text, blocks } = renderTicket(ticket, view);
    const res = await ctx.client.chat.postMessage({ channel: ctx.channel, text, blocks, unfurl_links: false, unfurl_media: false });
    if (!res.ts) throw Object.assign(new Error("Slack accepted the ping but returned no ts."), { code: "SLACK_NO_TS" });
    const ref = { channel: res.channel ?? ctx.channel, ts: res.ts };
    posted.set(ticket.id, ref);
    ctx.log.info({ ticketId: ticket.id, ts: ref.ts }, "slack: handoff ping posted");
    return ref;
  }

  /** A failed status refresh is not worth a retry (and a duplicate thread post): the next change redraws it. */
  async function refresh(ticket: Ticket, ref: Ref, view: View): Promise<void> {
    const { text, blocks } = renderTicket(ticket, view);
    try {
      await ctx.client.chat.update({ channel: ref.channel, ts: ref.ts, text, blocks });
    } catch (error) {
      ctx.log.warn({ ticketId: ticket.id, err: errorText(error) }, "slack: could not update the ping's status");
    }
  }

  async function notifyTicket(notice: TicketNotice, core: Core): Promise<Record<string, string>> {
    // A notice retried from the outbox carries the ticket as it was; render the ticket as it is now.
    const ticket = core.tickets.get(notice.ticket.id) ?? notice.ticket;
    const view = viewOf(ctx, core);
    let ref = refOf(ticket, notice.ticket);
    if (!ref) {
      if (notice.kind !== "created") ctx.log.warn({ ticketId: ticket.id, kind: notice.kind }, "slack: ticket had no ping yet; posting it first");
      ref = await postPing(ticket, view);
      if (notice.kind === "created") return refsFor(ref);
    } else if (notice.kind === "created") {
      await refresh(ticket, ref, view); // the ping went out before; this is a retry
      return refsFor(ref);
    }
    const text = threadText(notice, view, ctx);
    if (text) await ctx.client.chat.postMessage({ channel: ref.channel, thread_ts: ref.ts, text, unfurl_links: false, unfurl_media: false });
    await refresh(ticket, ref, view);
    return refsFor(ref);
  }

  async function notify(notice: StaffNotice): Promise<Record<string, string> | void> {
    const core = ctx.core();
    if (!core) throw Object.assign(new Error("The Slack adapter has not been started yet."), { code: "SLACK_NOT_STARTED" });
    if (notice.type !== "ticket") {
      const title = notice.type === "knowledge-invalid" ? "⚠️ The knowledge files have errors; the bot keeps serving the last good version." : "🔄 Knowledge reloaded.";
      await ctx.client.chat.postMessage({ channel: ctx.channel, text: `${title}\n${codeBlock(notice.report)}`, unfurl_links: false });
      return;
    }
    const id = notice.ticket.id;
    const run = (queues.get(id) ?? Promise.resolve()).catch(() => undefined).then(() => notifyTicket(notice, core));
    queues.set(id, run);
    try {
      return await run;
    } finally {
      if (queues.get(id) === run) queues.delete(id);
    }
  }

  return { notify, posted };
}

function threadText(notice: TicketNotice, view: View, ctx: SlackContext): string | undefined {
  const by = notice.by ? escapeMrkdwn(staffName(notice.by, view)) : "Someone";
  const mentions = notice.mention.map((id) => mentionOf(id, view)).join(" ");
  const said = notice.text ? `\n${quote(notice.text)}` : "";
  const ticket = notice.ticket;
  switch (notice.kind) {
    case "created":
      return undefined;
    case "citizen-message":
      return `💬 ${mentions} the citizen wrote:${said}`;
    case "replied":
      if (notice.text && ctx.fromThread.delete(threadKey(ticket.id, notice.text))) return undefined;
      return `✉️ ${by} replied to the citizen:${said}`;
    case "note":
      if (notice.text && ctx.fromThread.delete(threadKey(ticket.id, notice.text))) return undefined;
      return `📝 Internal note by ${by} (not sent to the citizen):${said}`;
    case "reassigned": {
      const to = notice.mention[0] ?? ticket.ownerId;
      return `↪️ ${by} passed this to ${mentionOf(to, view)}. The citizen has been told.${notice.text ? `\n*Why:*${said}` : ""}`;
    }
    case "reminder":
      return `⏰ ${mentions} this question is still waiting for a reply. Reply in this thread, or reassign it to the right colleague.`;
    case "escalated": {
      const owner = mentionOf(ticket.ownerId, view);
      return `🚨 ${mentions} still no reply from ${owner}. Please answer the citizen or reassign the question.`;
    }
    case "resolved":
      return `✅ Resolved by ${by}. The citizen is asked whether it solved their problem.`;
    case "reopened":
      return `🔁 ${mentions} reopened: the citizen says it did not solve their problem. Please reply in this thread.`;
    case "rated": {
      const score = ticket.ratings.at(-1)?.score;
      const label = score ? (RATING[score] ?? score) : "rated";
      // The first notice carries the score; a later one the citizen's comment.
      if (notice.text && notice.text !== score) return `💬 ${mentions} the citizen commented on the answer (${label}):${said}`;
      return `⭐ The citizen rated the answer: ${label}.`;
    }
    case "delivery-failed":
      return `⚠️ ${mentions} the citizen can no longer be reached (they blocked the bot or the chat is gone). The last reply was not delivered.`;
  }
}

function errorText(error: unknown): string {
  return slackErrorCode(error) ?? (error instanceof Error ? error.message : String(error));
}
