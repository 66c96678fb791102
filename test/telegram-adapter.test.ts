// The Telegram adapter as citizens meet it: real grammY polling a local fake Bot API over HTTP. The
// core here is a recording stand-in, so these tests pin down the translation both ways; the full
// conversation with the real core is in telegram-roundtrip.test.ts.
import { afterEach, describe, expect, it } from "vitest";
import { createTelegramAdapter, type TelegramAdapter } from "../adapters/telegram/index.ts";
import type { Core } from "../src/core/api.ts";
import type { OutMessage } from "../src/core/events.ts";
import type { Logger } from "../src/core/ports.ts";
import { recordingCore } from "./fakes/recording-core.ts";
import { BOT_INFO, parseTelegramHtml, startFakeTelegramApi, type FakeTelegramApi, type FakeUser } from "./fakes/telegram-api.ts";

const liWei: FakeUser = { id: 501, first_name: "Wei", last_name: "Li", language_code: "zh-hans" };
const anna: FakeUser = { id: 502, first_name: "Anna", language_code: "en-GB" };

function capturingLogger() {
  const entries: { level: string; obj: object; msg?: string }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => void entries.push({ level, obj, ...(msg ? { msg } : {}) });
  const log: Logger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  return { log, entries };
}

let fake: FakeTelegramApi;
let adapter: TelegramAdapter | undefined;

async function startBot(core: Core, log?: Logger): Promise<TelegramAdapter> {
  fake = await startFakeTelegramApi();
  adapter = createTelegramAdapter({ token: fake.token, apiRoot: fake.apiRoot, botInfo: BOT_INFO, ...(log ? { log } : {}) });
  await adapter.start(core);
  return adapter;
}

afterEach(async () => {
  await adapter?.stop();
  adapter = undefined;
  await fake?.close();
});

const toChat = (chatId: number) => (p: Record<string, unknown>) => String(p.chat_id) === String(chatId);

describe("Telegram adapter (long polling)", () => {
  it("passes a citizen's text to the core with who they are, and sends the answer as HTML", async () => {
    const core = recordingCore(() => [{ parts: [{ kind: "title", text: "Passport & visa" }, { kind: "field", label: "Fee", value: "free" }] }]);
    await startBot(core);
    fake.userSends(liWei, "换护照要带什么");
    const call = await fake.waitForCall("sendMessage", toChat(liWei.id));
    expect(core.events).toEqual([
      {
        type: "citizen.message",
        from: { channel: "telegram", conversationId: "501", userId: "501", displayName: "Wei Li", lang: "zh" },
        text: "换护照要带什么",
      },
    ]);
    expect(call.params).toMatchObject({ parse_mode: "HTML", text: "<b>Passport &amp; visa</b>\n\n<b>Fee:</b> free" });
    expect(fake.sentTo(liWei.id)[0]!.text).toBe("Passport & visa\n\nFee: free");
  });

  it("turns /start, /help, /language zh, /ticket and /start@bot into commands; an unknown command shows the help", async () => {
    const core = recordingCore();
    await startBot(core);
    for (const text of ["/start", "/help", "/language zh", "/ticket", `/start@${BOT_INFO.username}`, "/passport"]) fake.userSends(anna, text);
    await fake.waitForCall("sendMessage", toChat(anna.id), { count: 6 });
    expect(core.events.map((e) => (e.type === "citizen.command" ? [e.command, e.arg] : e.type))).toEqual([
      ["start", undefined],
      ["help", undefined],
      ["language", "zh"],
      ["ticket", undefined],
      ["start", undefined],
      ["help", undefined],
    ]);
    expect(core.events[0]).toMatchObject({ from: { displayName: "Anna", lang: "en" } });
  });

  it("answers a photo with a polite note in the citizen's language, without troubling the core", async () => {
    const core = recordingCore();
    await startBot(core);
    fake.userSendsPhoto(liWei);
    const call = await fake.waitForCall("sendMessage", toChat(liWei.id));
    expect(call.params.text).toContain("文字");
    expect(core.events).toEqual([]);
  });

  it("answers a button press at once, removes the pressed keyboard and passes the option to the core", async () => {
    const core = recordingCore((e) =>
      e.type === "citizen.message"
        ? [{ parts: [{ kind: "text", text: "Did this solve it?" }], options: [{ id: "rate:vs:T-1", label: "Yes" }, { id: "rate:ns:T-1", label: "No" }] }]
        : [{ parts: [{ kind: "text", text: "Thank you for rating." }] }],
    );
    await startBot(core);
    fake.userSends(anna, "thanks");
    await fake.waitForCall("sendMessage", toChat(anna.id));
    const press = fake.userPresses(anna, "rate:vs:T-1");
    const queryId = (press.callback_query as { id: string }).id;

    await fake.waitForCall("sendMessage", toChat(anna.id), { count: 2 });
    expect(fake.calls("answerCallbackQuery").map((c) => c.params)).toEqual([{ callback_query_id: queryId }]);
    expect(fake.calls("editMessageReplyMarkup")).toHaveLength(1);
    expect(fake.sentTo(anna.id)[0]!.reply_markup).toBeUndefined(); // the rating buttons can't be pressed twice
    expect(core.events.at(-1)).toMatchObject({ type: "citizen.option", option: "rate:vs:T-1", from: { userId: "502" } });
    expect(fake.sentTo(anna.id)[1]!.text).toBe("Thank you for rating.");
    expect(fake.unansweredCallbacks()).toEqual([]);
  });

  it("answers a forged button politely, never shows it to the core, and keeps working", async () => {
    const core = recordingCore((e) => [{ parts: [{ kind: "text", text: "Pick one" }], options: e.type === "citizen.message" ? [{ id: "none", label: "None" }] : [] }]);
    await startBot(core);
    fake.userSends(anna, "hello");
    await fake.waitForCall("sendMessage", toChat(anna.id));
    fake.userPresses(anna, "<script>alert(1)</script>");
    fake.userPresses(anna, `p:${"x".repeat(80)}`);
    await fake.waitForCall("answerCallbackQuery", undefined, { count: 2 });
    expect(fake.calls("answerCallbackQuery").map((c) => c.params.text)).toEqual([
      expect.stringContaining("no longer works"),
      expect.stringContaining("no longer works"),
    ]);
    expect(fake.unansweredCallbacks()).toEqual([]);
    fake.userSends(anna, "still there?");
    await fake.waitForCall("sendMessage", toChat(anna.id), { count: 2 });
    expect(core.events.map((e) => e.type)).toEqual(["citizen.message", "citizen.message"]);
  });

  it("waits and retries when Telegram answers 429 with retry_after, so the answer still arrives", async () => {
    const core = recordingCore(() => [{ parts: [{ kind: "text", text: "Here is your list" }] }]);
    await startBot(core);
    fake.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
    const started = Date.now();
    fake.userSends(anna, "passport");
    await fake.waitForCall("sendMessage", toChat(anna.id), { count: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.sentTo(anna.id).map((m) => m.text)).toEqual(["Here is your list"]);
  });

  it("sends a 5,000-character checklist as several valid HTML messages in order, buttons on the last", async () => {
    const items = Array.from({ length: 40 }, (_, i) => `Item ${i + 1}: certified copy of <form ${i}> & stamp, `.padEnd(125, "x"));
    const core = recordingCore(() => [
      { parts: [{ kind: "title", text: "Company registration" }, { kind: "section", title: "Bring", items }], options: [{ id: "rate:s:T-3", label: "Solved" }] },
    ]);
    await startBot(core);
    fake.userSends(anna, "register a company");
    await fake.waitForCall("sendMessage", (p) => p.reply_markup !== undefined);
    const parts = fake.calls("sendMessage").map((c) => c.params);
    expect(parts.length).toBeGreaterThan(1);
    for (const [i, p] of parts.entries()) {
      expect(String(p.text).length).toBeLessThanOrEqual(4096);
      expect(parseTelegramHtml(String(p.text)).ok).toBe(true);
      expect(p.reply_markup !== undefined).toBe(i === parts.length - 1);
    }
    const bullets = fake.sentTo(anna.id).flatMap((m) => m.text.split("\n")).filter((l) => l.startsWith("• "));
    expect(bullets).toEqual(items.map((item) => `• ${item}`));
  });

  it("handles one chat's messages in order while other chats go ahead", async () => {
    let release!: () => void;
    const firstAnswerHeld = new Promise<void>((resolve) => (release = resolve));
    const core = recordingCore(async (e) => {
      if (e.type === "citizen.message" && e.text === "first") await firstAnswerHeld;
      return [{ parts: [{ kind: "text", text: `re: ${e.type === "citizen.message" ? e.text : ""}` }] }];
    });
    await startBot(core);
    fake.userSends(anna, "first");
    fake.userSends(anna, "second");
    fake.userSends(liWei, "other chat");
    await fake.waitForCall("sendMessage", toChat(liWei.id));
    expect(core.events.map((e) => (e.type === "citizen.message" ? e.text : ""))).toEqual(["first", "other chat"]);
    release();
    await fake.waitForCall("sendMessage", toChat(anna.id), { count: 2 });
    expect(fake.sentTo(anna.id).map((m) => m.text)).toEqual(["re: first", "re: second"]);
  });

  it("registers the command menu in English and Chinese and clears any webhook before polling", async () => {
    await startBot(recordingCore());
    const menus = fake.calls("setMyCommands").map((c) => c.params);
    expect(menus).toHaveLength(2);
    expect(menus[0]!.commands).toEqual(expect.arrayContaining([expect.objectContaining({ command: "ticket" })]));
    expect(menus[1]).toMatchObject({ language_code: "zh" });
    expect(fake.calls("deleteWebhook")).toHaveLength(1);
    await fake.waitForCall("getUpdates");
  });

  it("refuses to start with a token Telegram does not know, saying where to get the right one", async () => {
    fake = await startFakeTelegramApi();
    adapter = createTelegramAdapter({ token: "999:not-the-token", apiRoot: fake.apiRoot });
    await expect(adapter.start(recordingCore())).rejects.toMatchObject({ code: "TELEGRAM_START_FAILED", message: expect.stringContaining("@BotFather") });
    expect(fake.calls()).toEqual([]); // the fake answers a wrong token 401 before recording anything
  });

  it("asks Telegram who the bot is when not told", async () => {
    fake = await startFakeTelegramApi();
    adapter = createTelegramAdapter({ token: fake.token, apiRoot: fake.apiRoot });
    await adapter.start(recordingCore());
    expect(fake.calls("getMe")).toHaveLength(1);
  });

  it("logs a failing update and keeps serving other citizens", async () => {
    const { log, entries } = capturingLogger();
    await startBot(recordingCore(), log);
    fake.block(anna.id);
    fake.userSendsPhoto(anna); // the polite "text only" reply fails: Anna blocked the bot
    fake.userSends(liWei, "hello");
    await fake.waitForCall("sendMessage", toChat(liWei.id));
    expect(entries).toContainEqual(expect.objectContaining({ level: "error", msg: "telegram: update failed", obj: expect.objectContaining({ error: expect.objectContaining({ code: 403 }) }) }));
    expect(fake.sentTo(liWei.id)).toHaveLength(1);
  });

  it("stops polling when stopped", async () => {
    const a = await startBot(recordingCore());
    await fake.waitForCall("getUpdates");
    await a.stop();
    const polls = fake.calls("getUpdates").length;
    await new Promise((r) => setTimeout(r, 400));
    expect(fake.calls("getUpdates")).toHaveLength(polls);
  });

  it("reports, with what to check, when Telegram stops answering polls for good (token revoked)", async () => {
    const a = await startBot(recordingCore());
    fake.failNext("getUpdates", { error_code: 401, description: "Unauthorized" });
    const error = await a.failed;
    expect(error).toMatchObject({ code: "TELEGRAM_POLLING_STOPPED" });
    expect(error.message).toContain("401");
    expect(error.message).toContain("TELEGRAM_BOT_TOKEN");
  });

  it("never logs what citizens write above debug level", async () => {
    const { log, entries } = capturingLogger();
    const core = recordingCore((e) => {
      if (e.type === "citizen.message" && e.text.includes("boom")) throw new Error("core failed");
      return [{ parts: [{ kind: "text", text: "ok" }] }];
    });
    await startBot(core, log);
    fake.userSends(anna, "my secret diagnosis boom");
    const apology = await fake.waitForCall("sendMessage", toChat(anna.id));
    expect(apology.params.text).toContain("went wrong");
    fake.block(anna.id);
    fake.userSends(anna, "my secret diagnosis again");
    await new Promise((r) => setTimeout(r, 300));
    const aboveDebug = entries.filter((e) => e.level !== "debug");
    expect(aboveDebug.length).toBeGreaterThan(0);
    expect(JSON.stringify(aboveDebug)).not.toContain("diagnosis");
    expect(JSON.stringify(entries.filter((e) => e.level === "debug"))).toContain("diagnosis");
  });
});

describe("Telegram adapter deliver (staff replies outside a turn)", () => {
  it("delivers to the citizen's chat and reports ok", async () => {
    const a = await startBot(recordingCore());
    const result = await a.deliver({ conversationId: "502", userId: "502" }, [{ parts: [{ kind: "text", text: "Fang Zhou: your form is ready <today>" }] }]);
    expect(result).toEqual({ ok: true });
    expect(fake.sentTo(anna.id).map((m) => m.text)).toEqual(["Fang Zhou: your form is ready <today>"]);
  });

  it("reports a citizen who blocked the bot or deleted their account as blocked, a missing chat as not-found", async () => {
    const a = await startBot(recordingCore());
    const message: OutMessage = { parts: [{ kind: "text", text: "reply" }] };
    fake.block(anna.id);
    expect(await a.deliver({ conversationId: "502", userId: "502" }, [message])).toMatchObject({ ok: false, reason: "blocked" });
    fake.block(liWei.id, "Forbidden: user is deactivated");
    expect(await a.deliver({ conversationId: "501", userId: "501" }, [message])).toMatchObject({ ok: false, reason: "blocked" });
    fake.failNext("sendMessage", { error_code: 400, description: "Bad Request: chat not found" });
    expect(await a.deliver({ conversationId: "999", userId: "999" }, [message])).toMatchObject({ ok: false, reason: "not-found" });
  });

  it("throws other failures with a code and no message text, so the core retries later", async () => {
    const a = await startBot(recordingCore());
    fake.failNext("sendMessage", { error_code: 400, description: "Bad Request: something odd" });
    const error = await a.deliver({ conversationId: "502", userId: "502" }, [{ parts: [{ kind: "text", text: "private words" }] }]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "TELEGRAM_SEND_FAILED", message: expect.stringContaining("something odd") });
    expect((error as Error).message).not.toContain("private words");
  });
});
