// The buttons on the ping (Reassign, Resolve, Add to knowledge) and what happens when nobody replies.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Procedure } from "../src/knowledge/schema.ts";
import { alice, BACKUP, blockText, CHANNEL, HEAD, MINUTE, OWNER, PASSPORT, QUESTION, type SlackWorld, startSlackWorld } from "./fakes/slack-app.ts";

let w: SlackWorld;
beforeEach(async () => void (w = await startSlackWorld()));
afterEach(async () => w.close());

const pick = (value: string) => ({ type: "static_select", selected_option: { text: { type: "plain_text" as const, text: value }, value } });

describe("reassign", () => {
  it("reassigns through the modal: the citizen is told, the new owner is mentioned in the thread and shown on the ping", async () => {
    const ticket = await w.handOff();
    const { ts } = w.pingOf(ticket);
    await w.click(OWNER.slack, ticket, "onerun.reassign");
    const modal = JSON.stringify(w.api.callsTo("views.open").at(-1)?.params.view);
    // Everyone in the directory but the current owner can be picked.
    expect(modal).toContain(`"value":"${BACKUP.id}"`);
    expect(modal).not.toContain(`"value":"${OWNER.id}"`);

    await w.submitModal(OWNER.slack, { to: { staff: pick(BACKUP.id) }, reason: { text: { type: "plain_text_input", value: "she handles home visits <!here>" } } });

    expect(w.core.tickets.get(ticket.id)?.ownerId).toBe(BACKUP.id);
    expect(w.said()).toContain(`now with ${BACKUP.name}`);
    expect(w.said()).not.toContain("home visits"); // the reason stays internal
    const post = String(w.threadPosts(ts).at(-1)?.params.text);
    expect(post).toContain(`<@${BACKUP.slack}>`);
    expect(post).toContain("she handles home visits &lt;!here&gt;");
    expect(blockText(w.lastUpdate())).toContain(`<@${BACKUP.slack}> ${BACKUP.name}`);
  });

  it("keeps the modal open with an error when the current owner is picked", async () => {
    const ticket = await w.handOff();
    await w.click(OWNER.slack, ticket, "onerun.reassign");
    const body = await w.submitModal(OWNER.slack, { to: { staff: pick(OWNER.id) }, reason: { text: { type: "plain_text_input", value: "x" } } });

    expect(JSON.parse(body)).toMatchObject({ response_action: "errors", errors: { to: expect.stringContaining("already own") } });
    expect(w.core.tickets.get(ticket.id)?.ownerId).toBe(OWNER.id);
  });

  it("asks to press again when Slack will not open the form (the click's trigger expired)", async () => {
    const ticket = await w.handOff();
    w.api.failNext("views.open", "expired_trigger_id");
    await w.click(OWNER.slack, ticket, "onerun.reassign");

    expect(String(w.ephemeralsTo(OWNER.slack).at(-1)?.params.text)).toContain("press the button again");
  });
});

describe("resolve", () => {
  it("is refused before the citizen got a reply, telling only the person who clicked", async () => {
    const ticket = await w.handOff();
    const { ts } = w.pingOf(ticket);
    await w.click(OWNER.slack, ticket, "onerun.resolve");
    await w.core.idle();

    expect(w.core.tickets.get(ticket.id)?.status).toBe("open");
    const note = w.ephemeralsTo(OWNER.slack).at(-1);
    expect(String(note?.params.text)).toMatch(/Reply to the citizen first/);
    expect(note?.params).toMatchObject({ channel: CHANNEL, thread_ts: ts });
  });

  it("after a reply asks the citizen to rate; the ping shows Resolved and keeps only Add to knowledge", async () => {
    const ticket = await w.handOff();
    const { ts } = w.pingOf(ticket);
    await w.threadMessage(OWNER.slack, ts, "Call 12345 to book a home visit.");
    await w.click(OWNER.slack, ticket, "onerun.resolve");
    await w.core.idle();

    expect(w.core.tickets.get(ticket.id)?.status).toBe("resolved");
    expect(w.citizen.delivered.at(-1)?.text).toMatch(/solve|satisf/i);
    const update = blockText(w.lastUpdate());
    expect(update).toContain("Resolved");
    expect(update).not.toContain("onerun.resolve");
    expect(update).toContain("onerun.addToKnowledge");
  });
});

describe("closing the loop", () => {
  it("shows the citizen's rating; a bad one reopens the ticket to its owner with the comment in the thread", async () => {
    const ticket = await w.handOff();
    const { ts } = w.pingOf(ticket);
    await w.threadMessage(OWNER.slack, ts, "Call 12345 to book a home visit.");
    await w.click(OWNER.slack, ticket, "onerun.resolve");
    await w.core.handle({ type: "citizen.option", from: alice, option: `rate:ns:${ticket.id}` });
    await w.core.handle({ type: "citizen.message", from: alice, text: "The number <tel:12345|12345> never answers" });
    await w.core.idle();

    expect(w.core.tickets.get(ticket.id)?.status).toBe("open");
    const thread = w.threadPosts(ts).map((c) => String(c.params.text));
    expect(thread.some((t) => t.includes("rated the answer: not satisfied"))).toBe(true);
    expect(thread.some((t) => t.includes("reopened") && t.includes(`<@${OWNER.slack}>`))).toBe(true);
    expect(thread.some((t) => t.includes("&lt;tel:12345|12345&gt; never answers"))).toBe(true);
    const update = blockText(w.lastUpdate());
    expect(update).toContain("Reopened");
    expect(update).toContain("not satisfied");
    expect(update).toContain("onerun.reply");
  });
});

describe("nobody replies", () => {
  it("reminds the owner in the thread when the reply is due, then escalates to the backup and the head", async () => {
    const { reminderAfterMinutes, escalateAfterMinutes } = w.knowledge.settings;
    const ticket = await w.handOff();
    const { ts } = w.pingOf(ticket);

    await w.clock.advance((reminderAfterMinutes + 1) * MINUTE);
    await w.core.idle();
    const reminder = await w.api.waitFor(() => w.threadPosts(ts).find((c) => String(c.params.text).includes("still waiting")));
    expect(String(reminder.params.text)).toContain(`<@${OWNER.slack}>`);
    expect(blockText(w.lastUpdate())).toContain("overdue");

    await w.clock.advance((escalateAfterMinutes - reminderAfterMinutes) * MINUTE);
    await w.core.idle();
    const escalation = await w.api.waitFor(() => w.threadPosts(ts).find((c) => String(c.params.text).includes("🚨")));
    expect(String(escalation.params.text)).toContain(`<@${BACKUP.slack}>`);
    expect(String(escalation.params.text)).toContain(`<@${HEAD.slack}>`);
    expect(blockText(w.lastUpdate())).toContain("escalated");
  });

  it("says in the thread when the citizen can no longer be reached", async () => {
    const ticket = await w.handOff();
    const { ts } = w.pingOf(ticket);
    w.citizen.block();
    await w.threadMessage(OWNER.slack, ts, "Here is your answer.");

    const post = await w.api.waitFor(() => w.threadPosts(ts).find((c) => String(c.params.text).includes("can no longer be reached")));
    expect(String(post.params.text)).toContain(`<@${OWNER.slack}>`);
  });
});

describe("Add to knowledge", () => {
  it("writes the question and the staff answer as a valid draft procedure for an admin", async () => {
    const ticket = await w.handOff();
    const { ts } = w.pingOf(ticket);
    await w.threadMessage(OWNER.slack, ts, "Call 12345 to book a home visit.");
    await w.click(OWNER.slack, ticket, "onerun.addToKnowledge");
    expect(JSON.stringify(w.api.callsTo("views.open").at(-1)?.params.view)).toContain(`"value":"${PASSPORT}"`);
    await w.submitModal(OWNER.slack, { procedure: { id: { type: "static_select", selected_option: null } } });

    const note = String(w.ephemeralsTo(OWNER.slack).at(-1)?.params.text);
    const path = /written to (\S+\.json)/.exec(note)?.[1];
    expect(path, note).toBeDefined();
    expect(path!.startsWith(w.draftsDir)).toBe(true);
    const draft = Procedure.parse(JSON.parse(await readFile(path!, "utf8")));
    expect(draft.owner).toBe(OWNER.id);
    expect(draft.examples.en?.[0]).toBe(QUESTION);
    expect(draft.notes).toEqual([{ en: "Call 12345 to book a home visit." }]);
  });

  it("adds the question as an example of the procedure picked in the modal", async () => {
    const ticket = await w.handOff();
    await w.click(BACKUP.slack, ticket, "onerun.addToKnowledge");
    await w.submitModal(BACKUP.slack, { procedure: { id: pick(PASSPORT) } });

    const file = JSON.parse(await readFile(join(w.draftsDir, `${PASSPORT}.examples.json`), "utf8")) as { examples: unknown[] };
    expect(file.examples).toEqual([expect.objectContaining({ question: QUESTION, ticketId: ticket.id })]);
  });
});
