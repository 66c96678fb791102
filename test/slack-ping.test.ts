// The handoff ping in Slack, driven by the real core: what staff see when a question is handed over,
// and that no ping is lost while Slack is down. The matcher's verdicts on the citizen's messages are
// scripted, except where a test says it uses the real matcher.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Ticket } from "../src/core/data.ts";
import { toPlainText } from "../src/core/events.ts";
import { pick } from "../src/knowledge/text.ts";
import { noMatch } from "./core-harness.ts";
import { alice, blockText, CHANNEL, MINUTE, OWNER, PASSPORT, questionVerdict, type SlackWorld, startSlackWorld } from "./fakes/slack-app.ts";

let w: SlackWorld;
beforeEach(async () => void (w = await startSlackWorld()));
afterEach(async () => w.close());

describe("the handoff ping", () => {
  it("posts one message with the escaped question, channel and language, near misses, the owner mentioned, the due time and four buttons", async () => {
    const ticket = await w.handOff();

    expect(w.posts()).toHaveLength(1);
    const { call, ts } = w.pingOf(ticket);
    expect(call.params.channel).toBe(CHANNEL);
    expect(call.token).toBe("xoxb-test-token");
    expect(ticket.ownerId).toBe(OWNER.id);
    const blocks = blockText(call);
    // The citizen's text arrives, but cannot ping the channel, mention anyone or hide a link.
    expect(blocks).toContain("Can my grandmother renew her passport at home");
    expect(blocks).toContain("&lt;!channel&gt;");
    expect(blocks).toContain("&lt;https://evil.example|click&gt;");
    expect(blocks).toContain("&lt;@U123&gt;");
    expect(blocks).not.toMatch(/<!channel>|<!here>|<@U123>|<https:\/\/evil/);
    expect(blocks).not.toContain("@here"); // broken up by an invisible joiner: reads the same, pings nobody
    expect(String(call.params.text)).not.toMatch(/<!channel>|<@U123>|<https:\/\/evil/);
    // Where it came from, but no contact details beyond the display name.
    expect(blocks).toContain("(telegram, en)");
    expect(blocks).toContain("Alice");
    expect(blocks).not.toContain("c-alice");
    expect(blocks).not.toContain("u-alice");
    // What the bot considered, the named owner, and when a reply is due.
    const guess = questionVerdict(w.knowledge).candidates[0]!;
    expect(blocks).toContain(`${pick(w.knowledge.byId.get(guess.id)!.title, "en")} (${Math.round(guess.score * 100)}%)`);
    expect(blocks).toContain(`<@${OWNER.slack}> ${OWNER.name}`);
    expect(String(call.params.text)).toContain(`<@${OWNER.slack}>`);
    expect(blocks).toContain(`<!date^${Math.floor((w.clock.now() + w.knowledge.settings.reminderAfterMinutes * MINUTE) / 1000)}^`);
    const actions = (call.params.blocks as { type: string; elements?: { action_id: string }[] }[]).find((b) => b.type === "actions");
    expect(actions?.elements?.map((e) => e.action_id)).toEqual(["onerun.reply", "onerun.reassign", "onerun.resolve", "onerun.addToKnowledge"]);
    // The core keeps where the ping is, for the thread and status updates.
    expect(w.core.tickets.get(ticket.id)?.refs).toEqual({ "slack.channel": CHANNEL, "slack.ts": ts });
  });

  it("posts the citizen's follow-up messages into the ticket's thread, escaped", async () => {
    const ticket = await w.handOff();
    const { ts } = w.pingOf(ticket);
    const followUp = "Also: she lives in <#C999|general> district @everyone";
    w.script(followUp, noMatch());
    await w.core.handle({ type: "citizen.message", from: alice, text: followUp });

    const post = await w.api.waitFor(() => w.threadPosts(ts).at(-1));
    expect(String(post.params.text)).toContain("she lives in &lt;#C999|general&gt; district");
    expect(String(post.params.text)).not.toMatch(/<#C999|@everyone/);
    expect(w.posts().filter((c) => c.params.thread_ts === undefined)).toHaveLength(1);
  });

  it("pings nobody when the bot can answer itself (real matcher): the citizen gets the whole checklist", async () => {
    const procedure = w.knowledge.byId.get(PASSPORT)!;
    const asked = procedure.examples.en?.[0];
    if (!asked) throw new Error(`${PASSPORT} has no English example question to ask`);

    const result = await w.core.handle({ type: "citizen.message", from: alice, text: asked });
    await w.settle();

    const reply = result.messages.map(toPlainText).join("\n");
    expect(reply).toContain(pick(procedure.title, "en"));
    for (const material of procedure.materials) expect(reply).toContain(pick(material.name, "en"));
    expect(w.core.tickets.list({ openOnly: true })).toEqual([]);
    expect(w.posts()).toEqual([]);
  });

  it("posts a knowledge report to the handoff channel in an escaped code block", async () => {
    await w.adapter.notify({ type: "knowledge-invalid", report: "procedures/x.json → fee: must not be empty <!channel>" });
    const post = w.posts().at(-1);
    expect(post?.params.channel).toBe(CHANNEL);
    expect(String(post?.params.text)).toContain("```procedures/x.json → fee: must not be empty &lt;!channel&gt;```");
  });

  it("posts the ping first when a later notice finds none, instead of failing", async () => {
    const ticket = await w.handOff();
    const { refs: _refs, ...rest } = w.core.tickets.get(ticket.id)!;
    const unposted: Ticket = { ...rest, id: "T-99", refs: {} };
    const refs = await w.adapter.notify({ type: "ticket", kind: "reminder", ticket: unposted, mention: [OWNER.id] });

    expect(refs).toMatchObject({ "slack.channel": CHANNEL, "slack.ts": expect.any(String) });
    const ts = (refs as Record<string, string>)["slack.ts"]!;
    const ping = w.posts().find((c) => c.params.thread_ts === undefined && blockText(c).includes("T-99:"));
    expect(blockText(ping)).toContain("Can my grandmother");
    expect(w.threadPosts(ts).at(-1)?.params.text).toContain("still waiting");
  });
});

describe("when Slack is down", () => {
  it("keeps the ping in the core's outbox and delivers it once Slack is back: no ticket is lost", async () => {
    await w.api.down("refuse");
    const ticket = await w.handOff();
    expect(w.core.tickets.get(ticket.id)?.refs["slack.ts"]).toBeUndefined();
    expect(w.lastAnswer()).toContain(OWNER.name); // the citizen still learns who has the question

    await w.clock.advance(2_000);
    await w.core.idle();
    expect(w.posts()).toHaveLength(0);

    await w.api.up();
    await w.clock.advance(5 * MINUTE);
    await w.core.idle();
    const { call, ts } = w.pingOf(ticket);
    expect(blockText(call)).toContain("Can my grandmother renew her passport");
    expect(w.posts().filter((c) => c.params.thread_ts === undefined)).toHaveLength(1);
    expect(w.core.tickets.get(ticket.id)?.refs["slack.ts"]).toBe(ts);
  });

  it("also rides out HTTP 500s from Slack", async () => {
    await w.api.down("500");
    const ticket = await w.handOff();
    await w.api.up();
    await w.clock.advance(5 * MINUTE);
    await w.core.idle();
    expect(w.pingOf(ticket).ts).toBeTruthy();
  });

  it("does not post the ping twice when a retried notice finds it already posted", async () => {
    const ticket = await w.handOff();
    const { ts } = w.pingOf(ticket);
    const created = { type: "ticket" as const, kind: "created" as const, ticket: w.core.tickets.get(ticket.id)!, mention: [OWNER.id] };
    const refs = await w.adapter.notify(created);

    expect(refs).toEqual({ "slack.channel": CHANNEL, "slack.ts": ts });
    expect(w.posts()).toHaveLength(1);
  });
});
