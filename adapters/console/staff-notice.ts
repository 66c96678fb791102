// Staff notices as terminal text: what happened to which ticket, who holds it, and what to type next.
import type { StaffNotice } from "../../src/core/ports.ts";
import { clean } from "./render.ts";

export type StaffLookup = (staffId: string) => { name: string; title: string } | undefined;

const SCORES: Record<string, string> = {
  "very-satisfied": "very satisfied",
  satisfied: "satisfied",
  "not-satisfied": "NOT satisfied",
};

/** Header line (after the "── staff ──" marker) and detail lines. */
export function renderStaffNotice(notice: StaffNotice, staff: StaffLookup): { head: string; lines: string[] } {
  if (notice.type === "knowledge-invalid")
    return {
      head: "a knowledge edit was refused; the bot keeps answering from the last good version",
      lines: clean(notice.report).split("\n"),
    };
  if (notice.type === "knowledge-reloaded")
    return { head: "knowledge reloaded", lines: clean(notice.report).split("\n").filter(Boolean) };

  const { ticket, kind } = notice;
  const id = ticket.id;
  const name = (staffId: string | undefined) => (staffId ? (staff(staffId)?.name ?? staffId) : "someone");
  const owner = staff(ticket.ownerId);
  const ownerFull = owner ? `${owner.name} (${owner.title})` : ticket.ownerId;
  const said = notice.text === undefined ? [] : [`"${clean(notice.text)}"`];
  const mentions = notice.mention.filter((m) => m !== ticket.ownerId).map((m) => name(m));
  const citizen = clean(ticket.citizen.displayName ?? ticket.citizen.userId);

  switch (kind) {
    case "created": {
      const near = ticket.candidates
        .slice(0, 3)
        .map((c) => `${c.id} ${c.score.toFixed(2)}`)
        .join(", ");
      return {
        head: `${id} new question for ${ownerFull}`,
        lines: [
          `Question: "${clean(ticket.question)}"`,
          `From: ${citizen} (${ticket.citizen.channel}, ${ticket.citizen.lang})`,
          ...(near ? [`Near misses: ${near}`] : []),
          `Answer with /reply ${id} <text>, or pass it on with /reassign ${id} <staff-id> <reason>`,
        ],
      };
    }
    case "citizen-message":
      return { head: `${id} the citizen wrote again (owner: ${name(ticket.ownerId)})`, lines: said };
    case "replied":
      return { head: `${id} ${name(notice.by)} replied to the citizen`, lines: said };
    case "note":
      return { head: `${id} internal note by ${name(notice.by)} (the citizen does not see it)`, lines: said };
    case "reassigned":
      return {
        head: `${id} now belongs to ${ownerFull}, passed on by ${name(notice.by)}`,
        lines: notice.text ? [`Reason: ${clean(notice.text)}`] : [],
      };
    case "reminder":
      return { head: `${id} reminder: ${ownerFull} has not answered yet`, lines: [`Question: "${clean(ticket.question)}"`] };
    case "escalated":
      return {
        head: `${id} escalated: still unanswered by ${name(ticket.ownerId)}`,
        lines: [
          ...(mentions.length ? [`Alerted: ${mentions.join(", ")}`] : []),
          `Question: "${clean(ticket.question)}"`,
        ],
      };
    case "resolved":
      return { head: `${id} resolved by ${name(notice.by)}; the citizen is asked for a rating`, lines: [] };
    case "reopened":
      return { head: `${id} reopened: back with ${ownerFull}`, lines: said };
    case "rated": {
      const rating = ticket.ratings.at(-1);
      const score = rating ? (SCORES[rating.score] ?? rating.score) : "rated";
      const comment = rating?.comment;
      if (comment) return { head: `${id} comment from the citizen (${score})`, lines: [`"${clean(comment)}"`] };
      return { head: `${id} the citizen is ${score}`, lines: [] };
    }
    case "delivery-failed":
      return {
        head: `${id} the answer could not be delivered: the citizen can no longer be reached`,
        lines: said,
      };
  }
}
