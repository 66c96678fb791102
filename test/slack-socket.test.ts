// Socket Mode: the same adapter with an app-level token connects out to Slack over a WebSocket
// (no public URL). Slack's side is the fake Web API plus its local WebSocket on 127.0.0.1. The matcher
// hands QUESTION to passport renewal's owner (scripted: see slackKnowledge).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSlackAdapter, type SlackAdapter } from "../adapters/slack/index.ts";
import { createFakeClock } from "../src/core/clock.ts";
import { createCore } from "../src/core/core.ts";
import { createMemoryStore } from "../src/store/memory.ts";
import { type FakeSlackApi, startFakeSlackApi } from "./fakes/slack-api.ts";
import { alice, buttonClick, CHANNEL, eventCallback, fakeCitizenChannel, interaction, OWNER, QUESTION, slackKnowledge } from "./fakes/slack-app.ts";

let api: FakeSlackApi;
let adapter: SlackAdapter;
let core: ReturnType<typeof createCore>;
let clock: ReturnType<typeof createFakeClock>;
let citizen: ReturnType<typeof fakeCitizenChannel>;

beforeEach(async () => {
  const loaded = await slackKnowledge();
  api = await startFakeSlackApi();
  clock = createFakeClock();
  citizen = fakeCitizenChannel();
  adapter = createSlackAdapter({ botToken: "xoxb-test", appToken: "xapp-test", channel: CHANNEL, apiUrl: api.url, clock, retries: false });
  core = createCore({ knowledge: () => loaded, store: createMemoryStore(), channels: { telegram: citizen }, staff: adapter, clock });
});

afterEach(async () => {
  await core.stop();
  await adapter.stop();
  await api.close();
});

/** The citizen asks QUESTION; the ping reaches Slack and the core keeps where it is. */
async function handOffTicket() {
  await core.handle({ type: "citizen.message", from: alice, text: QUESTION });
  await core.idle();
  const ticket = core.tickets.list({ openOnly: true }).at(-1);
  const ts = ticket && core.tickets.get(ticket.id)?.refs["slack.ts"];
  if (!ticket || !ts) throw new Error(`expected QUESTION to open a ticket pinged in Slack, got ${JSON.stringify(ticket)}`);
  expect(ticket.ownerId).toBe(OWNER.id);
  return { ticket, ts };
}

describe("Slack adapter in Socket Mode", () => {
  it("connects with the app token and relays a thread reply that arrives over the socket, acknowledging it", async () => {
    await adapter.start(core);
    await core.start();
    expect(api.callsTo("apps.connections.open")[0]?.token).toBe("xapp-test");
    await api.socket.waitConnected();
    const { ts } = await handOffTicket();

    const event = { type: "message", channel: CHANNEL, channel_type: "channel", user: OWNER.slack, text: "Call 12345 for a home visit.", ts: "1763889000.000100", thread_ts: ts };
    const ack = await api.socket.send("events_api", eventCallback(event, "EvSock1"));
    await adapter.idle();
    await core.idle();

    expect(ack.envelope_id).toBeDefined();
    expect(citizen.delivered.at(-1)?.text).toContain("Call 12345 for a home visit.");
  });

  it("opens the reply modal for a button clicked in Socket Mode", async () => {
    await adapter.start(core);
    await core.start();
    await api.socket.waitConnected();
    const { ticket, ts } = await handOffTicket();

    const ack = await api.socket.send("interactive", interaction(buttonClick({ user: OWNER.slack, channel: CHANNEL, messageTs: ts, actionId: "onerun.reply", value: ticket.id })));
    await adapter.idle();

    expect(ack.envelope_id).toBeDefined();
    expect((api.callsTo("views.open")[0]?.params.view as { callback_id?: string } | undefined)?.callback_id).toBe("onerun.reply.submit");
  });

  it("starts while Slack is unreachable and connects once it is back", async () => {
    await api.down("refuse");
    await adapter.start(core);
    expect(api.socket.connected()).toBe(false);

    await api.up();
    await clock.advance(5_000);
    await api.socket.waitConnected();
    expect(api.callsTo("apps.connections.open")).toHaveLength(1);
  });

  it("refuses to start with an app token Slack rejects, and says which variable to fix", async () => {
    api.failNext("apps.connections.open", "invalid_auth");
    await expect(adapter.start(core)).rejects.toMatchObject({ code: "SLACK_AUTH", message: expect.stringContaining("SLACK_APP_TOKEN") });
  });
});
