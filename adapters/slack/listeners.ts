// Slack → core: buttons, modal submissions and thread replies become staff.* events. Every listener
// acknowledges first (Slack wants an answer within 3 seconds) and then does the work.
import type { App, BlockAction, ButtonAction, SlackViewAction } from "@slack/bolt";
import type { Core } from "../../src/core/api.ts";
import type { HandleResult, IncomingEvent } from "../../src/core/events.ts";
import { toPlainText } from "../../src/core/events.ts";
import type { Staff } from "../../src/knowledge/schema.ts";
import { pick } from "../../src/knowledge/text.ts";
import { ACTIONS } from "./blocks.ts";
import { REF_CHANNEL, REF_TS, type SlackContext, staffBySlackUser, viewOf } from "./context.ts";
import { escapeMrkdwn, slackToPlain } from "./mrkdwn.ts";
import { INPUTS, type ModalMeta, VIEWS, knowledgeModal, parseMeta, reassignModal, replyModal } from "./modals.ts";
import { threadKey } from "./notify.ts";

type Where = { channel?: string | undefined; threadTs?: string | undefined };

const NOTE = /^\s*note:\s*/i;

export function registerListeners(app: App, ctx: SlackContext): void {
  const requireCore = (): Core => {
    const core = ctx.core();
    if (!core) throw Object.assign(new Error("The Slack adapter is not started."), { code: "SLACK_NOT_STARTED" });
    return core;
  };

  /** Only the acting user sees it. */
  const tell = async (user: string, where: Where, text: string) => {
    try {
      await ctx.client.chat.postEphemeral({
        channel: where.channel ?? ctx.channel,
        user,
        text,
        ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
      });
    } catch (error) {
      ctx.log.warn({ user, err: String(error) }, "slack: could not show an ephemeral message");
    }
  };

  const refuseStranger = (user: string, where: Where) =>
    tell(
      user,
      where,
      `Only staff listed in the service directory can act on citizens' questions. Ask an admin to add your Slack member ID (${escapeMrkdwn(user)}) as "slackUserId" in knowledge/directory.json.`,
    );

  /** Runs a staff event and shows the outcome (or the refusal and how to fix it) to the one who acted. */
  const act = async (core: Core, user: string, where: Where, event: IncomingEvent): Promise<HandleResult | undefined> => {
    let result: HandleResult;
    try {
      result = await core.handle(event);
    } catch (error) {
      ctx.log.error({ type: event.type, err: String(error) }, "slack: the core failed on a staff action");
      await tell(user, where, "⚠️ Something went wrong and nothing was changed. Please try again in a moment.");
      return undefined;
    }
    if (result.error) {
      await tell(user, where, `⚠️ ${escapeMrkdwn(result.error.message)}`);
    } else if (result.messages.length > 0) {
      await tell(user, where, result.messages.map((m) => escapeMrkdwn(toPlainText(m))).join("\n\n"));
    }
    return result;
  };

  // --- Buttons on the ping -------------------------------------------------------------------------
  const onButton = (
    handler: (args: { core: Core; staff: Staff; ticketId: string; body: BlockAction<ButtonAction>; where: Where }) => Promise<void>,
  ) =>
    (async ({ ack, body, action }) => {
      await ack();
      const core = requireCore();
      const where = { channel: body.channel?.id, threadTs: body.message?.thread_ts ?? body.message?.ts };
      const staff = staffBySlackUser(core, body.user.id);
      if (!staff) return refuseStranger(body.user.id, where);
      const ticketId = action.value ?? "";
      if (!core.tickets.get(ticketId)) return tell(body.user.id, where, `⚠️ Ticket ${escapeMrkdwn(ticketId)} no longer exists.`);
      await handler({ core, staff, ticketId, body, where });
    }) satisfies Parameters<typeof app.action<BlockAction<ButtonAction>>>[1];

  const meta = (ticketId: string, where: Where): ModalMeta => ({
    ticketId,
    ...(where.channel ? { channel: where.channel } : {}),
    ...(where.threadTs ? { threadTs: where.threadTs } : {}),
  });

  const open = async (body: BlockAction<ButtonAction>, where: Where, view: Parameters<typeof ctx.client.views.open>[0]["view"]) => {
    try {
      await ctx.client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      // The trigger expires after 3 seconds; a slow Slack round trip can miss it.
      ctx.log.warn({ user: body.user.id, err: String(error) }, "slack: could not open a form");
      await tell(body.user.id, where, "⚠️ The form could not be opened. Please press the button again.");
    }
  };

  app.action<BlockAction<ButtonAction>>(
    ACTIONS.reply,
    onButton(async ({ core, ticketId, body, where }) => {
      const ticket = core.tickets.get(ticketId);
      if (ticket) await open(body, where, replyModal(ticket, meta(ticketId, where)));
    }),
  );
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.reassign,
    onButton(async ({ core, ticketId, body, where }) => {
      const ticket = core.tickets.get(ticketId);
      if (ticket) await open(body, where, reassignModal(ticket, viewOf(ctx, core), meta(ticketId, where)));
    }),
  );
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.addToKnowledge,
    onButton(async ({ core, ticketId, body, where }) => {
      const ticket = core.tickets.get(ticketId);
      if (ticket) await open(body, where, knowledgeModal(ticket, viewOf(ctx, core), meta(ticketId, where)));
    }),
  );
  app.action<BlockAction<ButtonAction>>(
    ACTIONS.resolve,
    onButton(async ({ core, staff, ticketId, body, where }) => {
      await act(core, body.user.id, where, { type: "staff.resolve", staffId: staff.id, ticketId });
    }),
  );

  // --- Modal submissions ---------------------------------------------------------------------------
  type ViewArgs = { core: Core; staff: Staff; meta: ModalMeta; user: string; where: Where; values: Values };
  type Values = Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null }>>;

  const onSubmit = (
    handler: (args: ViewArgs) => Promise<void>,
    validate?: (args: { core: Core; meta: ModalMeta; values: Values }) => Record<string, string> | undefined,
  ) =>
    (async ({ ack, body, view }) => {
      const core = requireCore();
      const modalMeta = parseMeta(view.private_metadata);
      const values = view.state.values as Values;
      const errors = modalMeta ? validate?.({ core, meta: modalMeta, values }) : undefined;
      if (errors) return void (await ack({ response_action: "errors", errors }));
      await ack();
      if (!modalMeta) return ctx.log.warn({}, "slack: a modal came back without its ticket");
      const where = { channel: modalMeta.channel, threadTs: modalMeta.threadTs };
      const staff = staffBySlackUser(core, body.user.id);
      if (!staff) return refuseStranger(body.user.id, where);
      await handler({ core, staff, meta: modalMeta, user: body.user.id, where, values });
    }) satisfies Parameters<typeof app.view<SlackViewAction>>[1];

  const input = (values: Values, at: { block: string; action: string }) => values[at.block]?.[at.action];

  app.view(
    VIEWS.reply,
    onSubmit(async ({ core, staff, meta: m, user, where, values }) => {
      const text = input(values, INPUTS.replyText)?.value?.trim() ?? "";
      if (!text) return tell(user, where, "⚠️ The reply was empty, so nothing was sent.");
      await act(core, user, where, { type: "staff.reply", staffId: staff.id, ticketId: m.ticketId, text });
    }),
  );

  app.view(
    VIEWS.reassign,
    onSubmit(
      async ({ core, staff, meta: m, user, where, values }) => {
        const to = input(values, INPUTS.reassignTo)?.selected_option?.value ?? "";
        const reason = input(values, INPUTS.reassignReason)?.value?.trim() ?? "";
        await act(core, user, where, { type: "staff.reassign", staffId: staff.id, ticketId: m.ticketId, to, reason });
      },
      ({ core, meta: m, values }) => {
        // Cheap checks answered inside the modal, before it closes.
        const to = input(values, INPUTS.reassignTo)?.selected_option?.value;
        const ticket = core.tickets.get(m.ticketId);
        if (!to) return { [INPUTS.reassignTo.block]: "Choose the colleague who should answer." };
        if (ticket && to === ticket.ownerId) return { [INPUTS.reassignTo.block]: "They already own this question. Choose someone else." };
        if (!core.knowledge().staffById.has(to)) return { [INPUTS.reassignTo.block]: "That person is no longer in the directory." };
        return undefined;
      },
    ),
  );

  app.view(
    VIEWS.addToKnowledge,
    onSubmit(async ({ core, staff, meta: m, user, where, values }) => {
      const procedureId = input(values, INPUTS.procedure)?.selected_option?.value ?? undefined;
      await act(core, user, where, { type: "staff.addToKnowledge", staffId: staff.id, ticketId: m.ticketId, ...(procedureId ? { procedureId } : {}) });
    }),
  );

  // --- Replies typed in a ticket's thread ----------------------------------------------------------
  app.event("message", async ({ event }) => {
    const message = event as {
      subtype?: string;
      bot_id?: string;
      user?: string;
      text?: string;
      ts: string;
      thread_ts?: string;
      channel: string;
    };
    // Edits, deletions, joins and bot posts (our own included) are not replies; "also send to channel" is.
    const withFile = message.subtype === "file_share";
    if ((message.subtype && message.subtype !== "thread_broadcast" && !withFile) || message.bot_id || !message.user) return;
    if (!message.thread_ts || message.thread_ts === message.ts) return;
    const core = requireCore();
    const ticket = core.tickets.findByRef(REF_TS, message.thread_ts);
    if (!ticket || (ticket.refs[REF_CHANNEL] ?? ctx.channel) !== message.channel) return;
    const where = { channel: message.channel, threadTs: message.thread_ts };
    const staff = staffBySlackUser(core, message.user);
    if (!staff) return refuseStranger(message.user, where);
    if (withFile) return tell(message.user, where, "Files are not passed on to the citizen. Write the answer as text (a link to a public page is fine).");
    const names = (id: string) => {
      const s = staffBySlackUser(core, id);
      return s ? pick(s.name, ctx.lang) : undefined;
    };
    const raw = slackToPlain(message.text ?? "", names).trim();
    const isNote = NOTE.test(raw);
    const text = raw.replace(NOTE, "").trim();
    if (!text) return;
    ctx.fromThread.add(threadKey(ticket.id, text));
    const result = await act(core, message.user, where, {
      type: isNote ? "staff.note" : "staff.reply",
      staffId: staff.id,
      ticketId: ticket.id,
      text,
    });
    if (!result || result.error) ctx.fromThread.delete(threadKey(ticket.id, text));
  });
}
