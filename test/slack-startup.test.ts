// Starting the Slack adapter: clear refusals for configuration Slack will never accept, and no refusal
// just because Slack is unreachable at that moment (pings wait in the core's outbox).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createSlackAdapter, type SlackAdapter } from "../adapters/slack/index.ts";
import { createFakeClock } from "../src/core/clock.ts";
import { createCore } from "../src/core/core.ts";
import { createMemoryStore } from "../src/store/memory.ts";
import { type FakeSlackApi, startFakeSlackApi } from "./fakes/slack-api.ts";
import { alice, CHANNEL, fakeCitizenChannel, MINUTE, QUESTION, SECRET, slackKnowledge } from "./fakes/slack-app.ts";

let api: FakeSlackApi | undefined;
let adapter: SlackAdapter | undefined;
let core: ReturnType<typeof createCore> | undefined;
let blocker: Server | undefined;

afterEach(async () => {
  await core?.stop();
  await adapter?.stop();
  await api?.close();
  await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)));
  api = adapter = core = blocker = undefined;
});

async function world(port = 0) {
  const loaded = await slackKnowledge();
  api = await startFakeSlackApi();
  const clock = createFakeClock();
  adapter = createSlackAdapter({ botToken: "xoxb-test", channel: CHANNEL, signingSecret: SECRET, port, host: "127.0.0.1", apiUrl: api.url, clock, retries: false });
  core = createCore({ knowledge: () => loaded, store: createMemoryStore(), channels: { telegram: fakeCitizenChannel() }, staff: adapter, clock });
  return { api, adapter, core, clock };
}

describe("starting the Slack adapter", () => {
  it("says which variable is missing when neither Socket Mode nor a signing secret is configured", () => {
    expect(() => createSlackAdapter({ botToken: "xoxb-1", channel: CHANNEL })).toThrow(/SLACK_APP_TOKEN.*SLACK_SIGNING_SECRET/);
    expect(() => createSlackAdapter({ botToken: "", channel: CHANNEL, signingSecret: "s" })).toThrow(/SLACK_BOT_TOKEN/);
  });

  it("refuses to start with a bot token Slack rejects, and says where to find the right one", async () => {
    const w = await world();
    w.api.failNext("auth.test", "invalid_auth");
    await expect(w.adapter.start(w.core)).rejects.toMatchObject({ code: "SLACK_AUTH", message: expect.stringContaining("SLACK_BOT_TOKEN") });
  });

  it("names the port when it is already taken", async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker!.listen(0, "127.0.0.1", resolve));
    const w = await world((blocker.address() as AddressInfo).port);
    await expect(w.adapter.start(w.core)).rejects.toMatchObject({ code: "SLACK_PORT_IN_USE", message: expect.stringContaining("SLACK_PORT") });
  });

  it("starts while Slack is unreachable, and the first ping goes out once Slack is back", async () => {
    const w = await world();
    await w.api.down("refuse");
    await w.adapter.start(w.core);
    await w.core.start();
    await w.core.handle({ type: "citizen.message", from: alice, text: QUESTION });
    expect(w.core.tickets.list({ openOnly: true })).toHaveLength(1);
    expect(w.api.callsTo("chat.postMessage")).toHaveLength(0);

    await w.api.up();
    await w.clock.advance(5 * MINUTE);
    await w.core.idle();
    expect(w.api.callsTo("chat.postMessage")).toHaveLength(1);
  });
});
