// The request URL only trusts Slack: Bolt's HTTP receiver checks each request's HMAC signature and
// its age. Requests here are signed (or forged) exactly as Slack signs them.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buttonClick, CHANNEL, OWNER, SECRET, type SlackWorld, sendEvent, sendInteraction, slackSignature, startSlackWorld } from "./fakes/slack-app.ts";

let w: SlackWorld;
beforeEach(async () => void (w = await startSlackWorld()));
afterEach(async () => w.close());

const forged = (threadTs: string) => ({ type: "message", channel: CHANNEL, channel_type: "channel", user: OWNER.slack, text: "forged answer", ts: "1763889999.000001", thread_ts: threadTs });
const replies = (ticketId: string) => w.core.tickets.get(ticketId)?.history.filter((e) => e.kind === "reply") ?? [];

describe("the request URL", () => {
  it("answers Slack's URL check when it is correctly signed", async () => {
    const body = JSON.stringify({ type: "url_verification", token: "t", challenge: "c-123" });
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(w.url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-slack-request-timestamp": String(ts), "x-slack-signature": slackSignature(SECRET, ts, body) },
      body,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: "c-123" });
  });

  it("relays a correctly signed thread reply (the control for the refusals below)", async () => {
    const ticket = await w.handOff();
    const res = await sendEvent(w.url, forged(w.pingOf(ticket).ts), "EvGood", { secret: SECRET });
    await w.settle();
    expect(res.status).toBe(200);
    expect(replies(ticket.id)).toHaveLength(1);
  });

  it("refuses a request signed with the wrong secret, and relays nothing", async () => {
    const ticket = await w.handOff();
    const before = w.citizen.delivered.length;
    const res = await sendEvent(w.url, forged(w.pingOf(ticket).ts), "EvForged", { secret: "not-the-signing-secret" });
    await w.settle();

    expect(res.status).toBe(401);
    expect(w.citizen.delivered.length).toBe(before);
    expect(replies(ticket.id)).toHaveLength(0);
  });

  it("refuses a tampered signature and an unsigned request", async () => {
    const ticket = await w.handOff();
    const tampered = await sendEvent(w.url, forged(w.pingOf(ticket).ts), "EvTampered", { secret: SECRET, signature: `v0=${"0".repeat(64)}` });
    const unsigned = await fetch(w.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    await w.settle();

    expect(tampered.status).toBe(401);
    expect(unsigned.status).toBe(401);
    expect(replies(ticket.id)).toHaveLength(0);
  });

  it("refuses a correctly signed request that is more than five minutes old (a replay)", async () => {
    const ticket = await w.handOff();
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await sendEvent(w.url, forged(w.pingOf(ticket).ts), "EvReplay", { secret: SECRET, timestamp: old });
    await w.settle();

    expect(res.status).toBe(401);
    expect(replies(ticket.id)).toHaveLength(0);
  });

  it("refuses a forged button click", async () => {
    const ticket = await w.handOff();
    const click = buttonClick({ user: OWNER.slack, channel: CHANNEL, messageTs: w.pingOf(ticket).ts, actionId: "onerun.reassign", value: ticket.id });
    const res = await sendInteraction(w.url, click, { secret: "wrong" });
    await w.settle();

    expect(res.status).toBe(401);
    expect(w.api.callsTo("views.open")).toHaveLength(0);
  });
});
