// Modals behind the Reply, Reassign and Add-to-knowledge buttons. The ticket and where to report back
// travel in private_metadata; the submission handlers read the inputs by these block/action ids.
import type { types } from "@slack/bolt";
import type { Ticket } from "../../src/core/data.ts";
import { pick } from "../../src/knowledge/text.ts";
import { type View, staffName } from "./blocks.ts";
import { quote, truncate } from "./mrkdwn.ts";

export const VIEWS = {
  reply: "onerun.reply.submit",
  reassign: "onerun.reassign.submit",
  addToKnowledge: "onerun.addToKnowledge.submit",
} as const;

export const INPUTS = {
  replyText: { block: "reply", action: "text" },
  reassignTo: { block: "to", action: "staff" },
  reassignReason: { block: "reason", action: "text" },
  procedure: { block: "procedure", action: "id" },
} as const;

/** Where the modal was opened from: the ticket, and the thread to report problems in. */
export type ModalMeta = { ticketId: string; channel?: string; threadTs?: string };

type Option = types.PlainTextOption;
type OptionGroup = { label: types.PlainTextElement; options: Option[] };

const plain = (text: string, max = 75): types.PlainTextElement => ({ type: "plain_text", text: truncate(text, max) });
const option = (text: string, value: string): Option => ({ text: plain(text), value });

function modal(callbackId: string, title: string, submit: string, meta: ModalMeta, blocks: types.KnownBlock[]): types.ModalView {
  return {
    type: "modal",
    callback_id: callbackId,
    private_metadata: JSON.stringify(meta),
    title: plain(title, 24),
    submit: plain(submit, 24),
    close: plain("Cancel", 24),
    blocks,
  };
}

const questionBlock = (ticket: Ticket): types.KnownBlock => ({
  type: "section",
  text: { type: "mrkdwn", verbatim: true, text: `*${ticket.id}* (${ticket.citizen.lang}):\n${quote(ticket.question, 2000)}` },
});

export function replyModal(ticket: Ticket, meta: ModalMeta): types.ModalView {
  return modal(VIEWS.reply, `Reply to ${ticket.id}`, "Send", meta, [
    questionBlock(ticket),
    {
      type: "input",
      block_id: INPUTS.replyText.block,
      label: plain("Your answer, sent to the citizen with your name"),
      element: { type: "plain_text_input", action_id: INPUTS.replyText.action, multiline: true, max_length: 3000 },
    },
  ]);
}

/** Option groups of at most 100 options each (Slack's limit), labelled `label`, `label (2)`, … */
function groups(label: string, options: Option[]): OptionGroup[] {
  const out: OptionGroup[] = [];
  for (let i = 0; i < options.length; i += 100) {
    out.push({ label: plain(i === 0 ? label : `${label} (${i / 100 + 1})`), options: options.slice(i, i + 100) });
  }
  return out;
}

/** Everyone in the directory except the current owner, grouped by department. */
export function reassignModal(ticket: Ticket, view: View, meta: ModalMeta): types.ModalView {
  const { knowledge, lang } = view;
  const optionGroups = knowledge.directory.departments
    .flatMap((department) =>
      groups(
        pick(department.name, lang),
        knowledge.directory.staff
          .filter((s) => s.department === department.id && s.id !== ticket.ownerId)
          .map((s) => option(`${pick(s.name, lang)} — ${pick(s.title, lang)}`, s.id)),
      ),
    )
    .filter((g) => g.options.length > 0)
    .slice(0, 100);
  const owner = staffName(ticket.ownerId, view);
  return modal(VIEWS.reassign, `Reassign ${ticket.id}`, "Reassign", meta, [
    questionBlock(ticket),
    { type: "context", elements: [{ type: "plain_text", text: `Now owned by ${owner}. The new owner is pinged and the citizen is told who has their question.` }] },
    {
      type: "input",
      block_id: INPUTS.reassignTo.block,
      label: plain("Pass it to"),
      element: { type: "static_select", action_id: INPUTS.reassignTo.action, placeholder: plain("Choose a colleague"), option_groups: optionGroups },
    },
    {
      type: "input",
      block_id: INPUTS.reassignReason.block,
      label: plain("Why (for the new owner)"),
      element: { type: "plain_text_input", action_id: INPUTS.reassignReason.action, multiline: true, max_length: 500 },
    },
  ]);
}

/** Pick a procedure to add the question to as an example, or none to draft a new procedure. */
export function knowledgeModal(ticket: Ticket, view: View, meta: ModalMeta): types.ModalView {
  const { knowledge, lang } = view;
  const title = (id: string) => {
    const procedure = knowledge.byId.get(id);
    return procedure ? pick(procedure.title, lang) : id;
  };
  const considered = ticket.candidates.filter((c) => knowledge.byId.has(c.id)).map((c) => c.id);
  const rest = knowledge.procedures
    .map((p) => p.id)
    .filter((id) => !considered.includes(id))
    .sort((a, b) => title(a).localeCompare(title(b)));
  const optionGroups = [
    ...groups("Considered for this question", considered.map((id) => option(title(id), id))),
    ...groups("All procedures", rest.map((id) => option(title(id), id))),
  ].slice(0, 100);
  const select: types.KnownBlock = {
    type: "input",
    block_id: INPUTS.procedure.block,
    optional: true,
    label: plain("Add as an example question to"),
    hint: plain("Leave empty to draft a new procedure from this question and your answer.", 150),
    element: { type: "static_select", action_id: INPUTS.procedure.action, placeholder: plain("A procedure (optional)"), option_groups: optionGroups },
  };
  return modal(VIEWS.addToKnowledge, "Add to knowledge", "Save draft", meta, [
    questionBlock(ticket),
    ...(optionGroups.length > 0 ? [select] : []),
    { type: "context", elements: [{ type: "plain_text", text: "Saved as a draft in knowledge/drafts/ for an admin to review; the bot does not use it until then." }] },
  ]);
}

export function parseMeta(raw: string | undefined): ModalMeta | undefined {
  try {
    const meta = JSON.parse(raw ?? "") as Partial<ModalMeta>;
    return typeof meta.ticketId === "string" ? (meta as ModalMeta) : undefined;
  } catch {
    return undefined;
  }
}
