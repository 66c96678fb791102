// The handoff ping: one Slack message per ticket, re-rendered from the ticket on every change so the
// channel always shows the live status. Everything a citizen wrote is escaped.
import type { types } from "@slack/bolt";
import type { Ticket } from "../../src/core/data.ts";
import type { Knowledge, Lang } from "../../src/knowledge/schema.ts";
import { pick } from "../../src/knowledge/text.ts";
import { escapeMrkdwn, mention, quote, slackDate, truncate } from "./mrkdwn.ts";

export type KnownBlock = types.KnownBlock;

export const ACTIONS = {
  reply: "onerun.reply",
  reassign: "onerun.reassign",
  resolve: "onerun.resolve",
  addToKnowledge: "onerun.addToKnowledge",
} as const;

export type View = { knowledge: Knowledge; lang: Lang; now: number };

/** The name in the directory, or the bare id when the directory no longer lists them. */
export function staffName(staffId: string, view: View): string {
  const staff = view.knowledge.staffById.get(staffId);
  return staff ? pick(staff.name, view.lang) : staffId;
}

/** `<@U…> Name, title` — or the bare id when the directory no longer lists them. */
function personLine(staffId: string, view: View): string {
  const staff = view.knowledge.staffById.get(staffId);
  if (!staff) return `*${escapeMrkdwn(staffId)}* (not in the directory)`;
  const name = pick(staff.name, view.lang);
  const who = staff.slackUserId ? `<@${staff.slackUserId}> ${escapeMrkdwn(name)}` : `*${escapeMrkdwn(name)}*`;
  return `${who}, ${escapeMrkdwn(pick(staff.title, view.lang))}`;
}

export function mentionOf(staffId: string, view: View): string {
  return mention(view.knowledge.staffById.get(staffId)?.slackUserId, staffName(staffId, view));
}

export const RATING: Record<string, string> = {
  "very-satisfied": "very satisfied 😀",
  satisfied: "satisfied 🙂",
  "not-satisfied": "not satisfied 🙁",
};

/** Open → overdue → escalated, replied, resolved; with who it was reassigned to and the rating. */
function statusLine(ticket: Ticket, view: View): { emoji: string; label: string } {
  const rating = ticket.ratings.at(-1);
  const rated = rating ? ` · citizen rated it ${RATING[rating.score] ?? rating.score}` : "";
  if (ticket.status === "resolved") return { emoji: "✅", label: `Resolved${rated}` };
  if (ticket.status === "replied") return { emoji: "🔵", label: `Replied, waiting for the citizen${rated}` };
  const reopened = ticket.history.some((e) => e.kind === "reopened") ? "Reopened" : "Open";
  if (ticket.escalated) return { emoji: "🔴", label: `${reopened} · escalated, still no reply${rated}` };
  const overdue = (ticket.remindAt !== null && ticket.remindAt <= view.now) || remindedSinceAssigned(ticket);
  if (overdue) return { emoji: "🔴", label: `${reopened} · overdue: no reply yet${rated}` };
  return { emoji: "🟠", label: `${reopened} · waiting for a reply${rated}` };
}

/** A reminder fired since the current owner got the question (the core clears remindAt once it fires). */
function remindedSinceAssigned(ticket: Ticket): boolean {
  const kinds = ticket.history.map((e) => e.kind);
  const assigned = Math.max(kinds.lastIndexOf("question"), kinds.lastIndexOf("assigned"), kinds.lastIndexOf("reassigned"), kinds.lastIndexOf("reopened"));
  return kinds.lastIndexOf("reminder") > assigned;
}

const button = (text: string, actionId: string, value: string, style?: "primary" | "danger"): types.Button => ({
  type: "button",
  text: { type: "plain_text", text },
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

/** The ping as first posted and as later updated. `text` is the notification fallback. */
export function renderTicket(ticket: Ticket, view: View): { text: string; blocks: KnownBlock[] } {
  const { knowledge, lang } = view;
  const status = statusLine(ticket, view);
  const from = ticket.citizen.displayName ? ` from *${escapeMrkdwn(truncate(ticket.citizen.displayName, 60))}*` : "";
  const fields: types.MrkdwnElement[] = [
    { type: "mrkdwn", text: `*Owner*\n${personLine(ticket.ownerId, view)}` },
    { type: "mrkdwn", text: `*Status*\n${status.emoji} ${status.label}` },
  ];
  if (ticket.status === "open" && ticket.remindAt !== null) {
    fields.push({ type: "mrkdwn", text: `*Reply due*\n${slackDate(ticket.remindAt)}` });
  }
  if (ticket.status === "open" && !ticket.escalated && ticket.escalateAt !== null) {
    fields.push({ type: "mrkdwn", text: `*Escalates*\n${slackDate(ticket.escalateAt)}` });
  }
  const reassigned = ticket.history.findLast((e) => e.kind === "reassigned");
  if (reassigned?.to) {
    const by = reassigned.by ? ` by ${escapeMrkdwn(staffName(reassigned.by, view))}` : "";
    fields.push({ type: "mrkdwn", text: `*Reassigned*\nto ${mentionOf(reassigned.to, view)}${by}` });
  }
  if (ticket.unreachable) fields.push({ type: "mrkdwn", text: "*Citizen*\n⚠️ can no longer be reached" });

  const considered = ticket.candidates.slice(0, 5).map((c) => {
    const procedure = knowledge.byId.get(c.id);
    const title = procedure ? pick(procedure.title, lang) : c.id;
    return `${escapeMrkdwn(title)} (${Math.round(c.score * 100)}%)`;
  });
  const buttons =
    ticket.status === "resolved"
      ? [button("Add to knowledge", ACTIONS.addToKnowledge, ticket.id)]
      : [
          button("Reply", ACTIONS.reply, ticket.id, "primary"),
          button("Reassign", ACTIONS.reassign, ticket.id),
          {
            ...button("Resolve", ACTIONS.resolve, ticket.id),
            confirm: {
              title: { type: "plain_text", text: `Resolve ${ticket.id}?` },
              text: { type: "plain_text", text: "The citizen will be asked whether the answer solved their problem." },
              confirm: { type: "plain_text", text: "Resolve" },
              deny: { type: "plain_text", text: "Cancel" },
            },
          } satisfies types.Button,
          button("Add to knowledge", ACTIONS.addToKnowledge, ticket.id),
        ];

  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: truncate(`${status.emoji} ${ticket.id}: question for ${staffName(ticket.ownerId, view)}`, 150) } },
    {
      type: "section",
      // verbatim: Slack must not turn the citizen's text into links or mentions.
      text: { type: "mrkdwn", verbatim: true, text: `*Question* (${escapeMrkdwn(ticket.citizen.channel)}, ${ticket.citizen.lang})${from}:\n${quote(ticket.question)}` },
    },
    { type: "section", fields },
    {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: considered.length ? `*The bot considered:* ${considered.join(", ")}` : "*The bot considered:* no procedure came close",
        },
      ],
    },
    { type: "actions", block_id: "onerun.actions", elements: buttons },
    {
      type: "context",
      elements: [{ type: "mrkdwn", text: "Reply in this thread to answer the citizen. Start with `note:` to keep a message internal." }],
    },
  ];
  const text = `${status.emoji} ${ticket.id}: new question for ${mentionOf(ticket.ownerId, view)}: ${escapeMrkdwn(truncate(ticket.question.replace(/\s+/g, " "), 200))}`;
  return { text, blocks };
}
