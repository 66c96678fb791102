// Answering in a ticket's Slack thread: what reaches the citizen, what stays internal, who may speak,
// and that Slack's redeliveries and slow chats do not change the outcome.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { blockText, BACKUP, CHANNEL, OWNER, SECRET, type SlackWorld, sendEvent, startSlackWorld, STRANGER } from "./fakes/slack-app.ts";

let w: SlackWorld;
beforeEach(async () => void (w = await startSlackWorld()));
afterEach(async () => w.close());

describe("answering from the thread", () => {
  it("relays a staff member's reply to the citizen, signed with their name, and shows the ticket as replied", async () => {
    const ticket = await w.handOff();
    const { ts } = w.pingOf(ticket);
    await w.threadMessage(OWNER.slack, ts, "Yes &amp; no: book a home visit at <https://gov.example/visit|the visit page>.");

    expect(w.said()).toContain(OWNER.name);
    expect(w.said()).toContain("Yes & no: book a home visit at the visit page (https://gov.example/visit).");
    expect(w.core.tickets.get(ticket.id)?.status).toBe("replied");
    expect(blockText(w.lastUpdate())).toContain("Replied");
    expect(w.lastUpdate()?.params).toMatchObject({ channel: CHANNEL, ts });
    // Her message is already in the thread: the bot does not echo it.
    expect(w.threadPosts(ts)).toHaveLength(0);
    // She alone is told it went out.
    expect(String(w.ephemeralsTo(OWNER.slack).at(-1)?.params.text)).toContain("Sent to the citizen");
  });

  it("keeps messages starting with note: internal", async () => {
    const ticket = await w.handOff();
    const { ts } = w.pingOf(ticket);
    const before = w.citizen.delivered.length;
    await w.threadMessage(BACKUP.slack, ts, "note: I think the home visit service covers her district");

    expect(w.citizen.delivered.length).toBe(before);
    const saved = w.core.tickets.get(ticket.id)!;
    expect(saved.history.at(-1)).toMatchObject({ kind: "note", by: BACKUP.id, text: "I think the home visit service covers her district" });
    expect(saved.status).toBe("open");
  });

  it("replies through the Reply button's modal too, showing colleagues in the thread what was sent", async () => {
    const ticket = await w.handOff();
    const { ts } = w.pingOf(ticket);
    await w.click(OWNER.slack, ticket, "onerun.reply");
    expect(w.api.callsTo("views.open").at(-1)?.params.trigger_id).toMatch(/^trigger-/);
    await w.submitModal(OWNER.slack, { reply: { text: { type: "plain_text_input", value: "Call 12345 to book a home visit." } } });

    expect(w.said()).toContain("Call 12345 to book a home visit.");
    expect(String(w.threadPosts(ts).at(-1)?.params.text)).toContain("Call 12345 to book a home visit.");
  });

  it("ignores bot posts and edits in the thread", async () => {
    const ticket = await w.handOff();
    const { ts } = w.pingOf(ticket);
    const before = w.citizen.delivered.length;
    await sendEvent(w.url, { type: "message", subtype: "bot_message", bot_id: "BBOT0001", channel: CHANNEL, text: "echo", ts: "1.1", thread_ts: ts }, "EvBot", {
      secret: SECRET,
    });
    await sendEvent(
      w.url,
      { type: "message", subtype: "message_changed", channel: CHANNEL, ts: "1.2", message: { user: OWNER.slack, text: "edited", thread_ts: ts } },
      "EvEdit",
      { secret: SECRET },
    );
    await w.settle();
    expect(w.citizen.delivered.length).toBe(before);
  });

  it("acknowledges Slack at once, without waiting for the relay to the citizen", async () => {
    const ticket = await w.handOff();
    const { ts } = w.pingOf(ticket);
    const before = w.citizen.delivered.length;
    const release = w.citizen.hold();
    const event = { type: "message", channel: CHANNEL, channel_type: "channel", user: OWNER.slack, text: "Bring her ID card.", ts: "1763889100.000001", thread_ts: ts };
    const res = await sendEvent(w.url, event, "EvSlow", { secret: SECRET });

    expect(res.status).toBe(200);
    expect(w.citizen.delivered.length).toBe(before);
    release();
    await w.settle();
    expect(w.citizen.delivered.at(-1)?.text).toContain("Bring her ID card.");
  });

  it("relays an event Slack delivers twice (same event_id, x-slack-retry-num) only once", async () => {
    const ticket = await w.handOff();
    const { ts } = w.pingOf(ticket);
    const before = w.citizen.delivered.length;
    await w.threadMessage(OWNER.slack, ts, "Bring her ID card.", { eventId: "EvSame1" });
    await w.threadMessage(OWNER.slack, ts, "Bring her ID card.", { eventId: "EvSame1", retryNum: 1 });

    expect(w.citizen.delivered.length).toBe(before + 1);
    expect(w.core.tickets.get(ticket.id)?.history.filter((e) => e.kind === "reply")).toHaveLength(1);
  });
});

describe("who may act", () => {
  it("tells someone outside the staff directory, privately, why their thread message was not sent", async () => {
    const ticket = await w.handOff();
    const { ts } = w.pingOf(ticket);
    const before = w.citizen.delivered.length;
    await w.threadMessage(STRANGER, ts, "I can answer this!");

    expect(w.citizen.delivered.length).toBe(before);
    const note = w.ephemeralsTo(STRANGER).at(-1);
    expect(note?.params).toMatchObject({ channel: CHANNEL, thread_ts: ts });
    expect(String(note?.params.text)).toContain("knowledge/directory.json");
    expect(String(note?.params.text)).toContain(STRANGER);
  });

  it("does not open a modal or resolve for someone outside the directory", async () => {
    const ticket = await w.handOff();
    await w.click(STRANGER, ticket, "onerun.reply");
    await w.click(STRANGER, ticket, "onerun.resolve");

    expect(w.api.callsTo("views.open")).toHaveLength(0);
    expect(w.ephemeralsTo(STRANGER)).toHaveLength(2);
    expect(w.core.tickets.get(ticket.id)?.status).toBe("open");
  });
});
