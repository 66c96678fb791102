// Webhook mode: Telegram POSTs updates to our server with the secret we registered. Real grammY,
// a real node:http server on 127.0.0.1, the fake Bot API for everything the bot sends.
import { afterEach, describe, expect, it } from "vitest";
import { createTelegramAdapter, type TelegramAdapter } from "../adapters/telegram/index.ts";
import type { Core } from "../src/core/api.ts";
import { recordingCore as recordingCoreWith } from "./fakes/recording-core.ts";
import { BOT_INFO, startFakeTelegramApi, type FakeTelegramApi, type FakeUser } from "./fakes/telegram-api.ts";

const anna: FakeUser = { id: 502, first_name: "Anna", language_code: "en" };
const SECRET = "s3cret_webhook-token";
const PUBLIC_URL = "https://bot.example.test/telegram/updates";

const recordingCore = () =>
  recordingCoreWith(() => [{ parts: [{ kind: "text", text: "Got it" }], options: [{ id: "lang:zh", label: "中文" }] }]);

let fake: FakeTelegramApi;
let adapter: TelegramAdapter | undefined;

async function startWebhookBot(core: Core) {
  fake = await startFakeTelegramApi();
  adapter = createTelegramAdapter({
    token: fake.token,
    apiRoot: fake.apiRoot,
    botInfo: BOT_INFO,
    webhook: { url: PUBLIC_URL, secret: SECRET, port: 0, host: "127.0.0.1" },
  });
  await adapter.start(core);
  return { adapter, baseUrl: `http://127.0.0.1:${adapter.webhookPort()}` };
}

afterEach(async () => {
  await adapter?.stop();
  adapter = undefined;
  await fake?.close();
});

describe("Telegram adapter (webhook)", () => {
  it("registers the webhook URL with its secret and never polls", async () => {
    await startWebhookBot(recordingCore());
    expect(fake.calls("setWebhook").map((c) => c.params)).toEqual([
      { url: PUBLIC_URL, secret_token: SECRET, allowed_updates: ["message", "callback_query"] },
    ]);
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.calls("getUpdates")).toEqual([]);
  });

  it("handles an update Telegram posts with the right secret and answers in the chat", async () => {
    const core = recordingCore();
    const { baseUrl } = await startWebhookBot(core);
    const status = await fake.postWebhook(fake.build.text(anna, "renew passport"), { baseUrl });
    expect(status).toBe(200);
    expect(core.events).toMatchObject([{ type: "citizen.message", text: "renew passport", from: { conversationId: "502" } }]);
    expect(fake.sentTo(anna.id).map((m) => m.text)).toEqual(["Got it"]);
  });

  it("refuses posts without the secret or with a wrong one (401), and the core never sees them", async () => {
    const core = recordingCore();
    const { baseUrl } = await startWebhookBot(core);
    expect(await fake.postWebhook(fake.build.text(anna, "forged"), { baseUrl, secret: null })).toBe(401);
    expect(await fake.postWebhook(fake.build.text(anna, "forged"), { baseUrl, secret: "guess" })).toBe(401);
    expect(await fake.postWebhook(fake.build.text(anna, "forged"), { baseUrl, secret: `${SECRET}x` })).toBe(401);
    expect(core.events).toEqual([]);
    expect(fake.calls("sendMessage")).toEqual([]);
  });

  it("answers button presses that arrive by webhook", async () => {
    const core = recordingCore();
    const { baseUrl } = await startWebhookBot(core);
    await fake.postWebhook(fake.build.text(anna, "hello"), { baseUrl });
    expect(await fake.postWebhook(fake.build.press(anna, "lang:zh"), { baseUrl })).toBe(200);
    expect(fake.unansweredCallbacks()).toEqual([]);
    expect(core.events.at(-1)).toMatchObject({ type: "citizen.option", option: "lang:zh" });
  });

  it("answers other paths 404, other methods 405, a broken body 400, and /healthz ok", async () => {
    const { baseUrl } = await startWebhookBot(recordingCore());
    expect((await fetch(`${baseUrl}/other`, { method: "POST", body: "{}" })).status).toBe(404);
    expect((await fetch(`${baseUrl}/telegram/updates`)).status).toBe(405);
    const broken = await fetch(`${baseUrl}/telegram/updates`, {
      method: "POST",
      headers: { "X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json" },
      body: "{not json",
    });
    expect(broken.status).toBe(400);
    const health = await fetch(`${baseUrl}/healthz`);
    expect([health.status, await health.text()]).toEqual([200, "ok"]);
  });

  it("closes its server when stopped", async () => {
    const { adapter: a, baseUrl } = await startWebhookBot(recordingCore());
    await a.stop();
    await expect(fetch(`${baseUrl}/healthz`)).rejects.toThrow();
  });

  it("says which setting to change when the webhook port is taken", async () => {
    const { adapter: first } = await startWebhookBot(recordingCore());
    const second = createTelegramAdapter({
      token: fake.token,
      apiRoot: fake.apiRoot,
      botInfo: BOT_INFO,
      webhook: { url: PUBLIC_URL, secret: SECRET, port: first.webhookPort()!, host: "127.0.0.1" },
    });
    await expect(second.start(recordingCore())).rejects.toMatchObject({ code: "TELEGRAM_START_FAILED", message: expect.stringContaining("PORT") });
  });

  it("refuses a webhook secret Telegram would not accept, saying how to make one", () => {
    expect(() => createTelegramAdapter({ token: "1:x", webhook: { url: PUBLIC_URL, secret: "has spaces!", port: 0 } })).toThrow(
      expect.objectContaining({ code: "TELEGRAM_WEBHOOK_INVALID", message: expect.stringContaining("openssl rand -hex 32") }),
    );
  });
});
