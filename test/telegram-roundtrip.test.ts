// Whole conversations over Telegram: real grammY polling a local fake Bot API, the real core with the
// knowledge, matcher, in-memory store and a fake clock. Staff act through core.handle, as Slack would.
// The matcher is the real one, except that the questions meant for staff are scripted to match nothing:
// it is tuned on its own, and these tests are about Telegram, not how it scores one sentence.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTelegramAdapter, type TelegramAdapter } from "../adapters/telegram/index.ts";
import type { Loaded } from "../src/core/api.ts";
import { createFakeClock } from "../src/core/clock.ts";
import { createCore } from "../src/core/core.ts";
import type { StaffNotice, StaffNotifier } from "../src/core/ports.ts";
import type { Knowledge } from "../src/knowledge/schema.ts";
import { pick } from "../src/knowledge/text.ts";
import { createMemoryStore } from "../src/store/memory.ts";
import { noMatch, sampleKnowledge, scriptedMatcher } from "./core-harness.ts";
import { BOT_INFO, startFakeTelegramApi, type FakeTelegramApi, type FakeUser } from "./fakes/telegram-api.ts";

/** Nothing in the knowledge covers it, so it goes to the duty officer. */
const UNANSWERABLE = "My neighbour's dog barks all night, who do I complain to?";
/** The same kind of question, written with HTML in it. */
const WITH_MARKUP = "<script>alert(1)</script> & <b>why</b> does my neighbour's dog bark all night?";

const anna: FakeUser = { id: 502, first_name: "Anna", last_name: "Berg", language_code: "en" };
const liWei: FakeUser = { id: 501, first_name: "Wei", language_code: "zh-hans" };

let loaded: Loaded;
let knowledge: Knowledge;
beforeAll(async () => {
  const real = await sampleKnowledge();
  knowledge = real.knowledge;
  loaded = { knowledge, matcher: scriptedMatcher(real.matcher, { [UNANSWERABLE]: noMatch("en"), [WITH_MARKUP]: noMatch("en") }) };
});

let fake: FakeTelegramApi;
let adapter: TelegramAdapter;
let stopCore: () => Promise<void>;

async function setup() {
  fake = await startFakeTelegramApi();
  adapter = createTelegramAdapter({ token: fake.token, apiRoot: fake.apiRoot, botInfo: BOT_INFO });
  const notices: StaffNotice[] = [];
  const staff: StaffNotifier = { notify: async (notice) => void notices.push(notice) };
  const core = createCore({ knowledge: () => loaded, store: createMemoryStore(), channels: { telegram: adapter }, staff, clock: createFakeClock() });
  await core.start();
  await adapter.start(core);
  stopCore = () => core.stop();
  return { core, notices };
}

afterEach(async () => {
  await adapter?.stop();
  await stopCore?.();
  await fake?.close();
});

const toChat = (chatId: number) => (p: Record<string, unknown>) => String(p.chat_id) === String(chatId);
const buttonsOf = (m: { reply_markup?: Record<string, unknown> } | undefined) =>
  ((m?.reply_markup?.inline_keyboard ?? []) as { text: string; callback_data: string }[][]).flat();
const staffName = (id: string) => pick(knowledge.staffById.get(id)!.name, "en");

/** Sends `text` as `user` and waits until the bot has sent `replies` more messages to them. */
async function say(user: FakeUser, text: string, replies = 1) {
  const before = fake.sentTo(user.id).length;
  fake.userSends(user, text);
  await fake.waitForCall("sendMessage", toChat(user.id), { count: before + replies });
  return fake.sentTo(user.id).slice(before);
}

async function press(user: FakeUser, data: string, replies = 1) {
  const before = fake.sentTo(user.id).length;
  fake.userPresses(user, data);
  await fake.waitForCall("sendMessage", toChat(user.id), { count: before + replies });
  return fake.sentTo(user.id).slice(before);
}

describe("Telegram conversations with the real core", () => {
  it("greets a Chinese-speaking citizen in Chinese on /start and sends the full checklist for a popular procedure", async () => {
    await setup();
    const [welcome] = await say(liWei, "/start");
    expect(welcome!.text).toContain(pick(knowledge.settings.serviceName, "zh"));
    const offered = buttonsOf(welcome);
    const first = knowledge.settings.popular.find((id) => knowledge.byId.has(id))!;
    expect(offered.map((b) => b.callback_data)).toContain(`p:${first}`);

    const [checklist] = await press(liWei, `p:${first}`);
    const procedure = knowledge.byId.get(first)!;
    expect(checklist!.html.startsWith(`<b>${pick(procedure.title, "zh")}</b>`)).toBe(true);
    for (const material of procedure.materials) expect(checklist!.text).toContain(pick(material.name, "zh"));
    expect(fake.calls("answerCallbackQuery")).toHaveLength(1);
    expect(fake.sentTo(liWei.id)[0]!.reply_markup).toBeUndefined();
  });

  it("switches to Chinese with /language and the language buttons", async () => {
    await setup();
    const [choice] = await say(anna, "/language");
    expect(buttonsOf(choice).map((b) => b.callback_data)).toEqual(["lang:en", "lang:zh"]);
    const [confirmation] = await press(anna, "lang:zh");
    expect(confirmation!.text).toMatch(/中文/);
  });

  it("sends the whole checklist in one message when a citizen types a question the knowledge covers (real matcher)", async () => {
    const { core } = await setup();
    // Every example question is checked (`npm run kb test`) to be answered with its own procedure.
    const procedure = knowledge.settings.popular.map((id) => knowledge.byId.get(id)).find((p) => p?.examples.en?.length);
    if (!procedure) throw new Error("the test needs a popular procedure with an English example question");
    const asked = procedure.examples.en![0]!;

    const [checklist] = await say(anna, asked);

    expect(checklist!.html.startsWith(`<b>${pick(procedure.title, "en")}</b>`)).toBe(true);
    for (const material of procedure.materials) expect(checklist!.text).toContain(pick(material.name, "en"));
    expect(checklist!.text).toContain(pick(procedure.fee, "en"));
    expect(core.tickets.list({ openOnly: true })).toEqual([]);
  });

  it("hands a question nobody can answer to a named person, relays the staff reply, and asks for a rating that counts once", async () => {
    const { core, notices } = await setup();
    const [handedOver] = await say(anna, UNANSWERABLE);
    const created = notices.find((n) => n.type === "ticket" && n.kind === "created");
    expect(created).toMatchObject({ ticket: { id: "T-1", question: UNANSWERABLE, citizen: { channel: "telegram", conversationId: "502", displayName: "Anna Berg" } } });
    const ownerId = created!.type === "ticket" ? created!.ticket.ownerId : "";
    expect(ownerId).toBe(knowledge.settings.dutyOfficer);
    expect(handedOver!.text).toContain(staffName(ownerId));
    expect(handedOver!.text).toContain("T-1");

    const [status] = await say(anna, "/ticket");
    expect(status!.text).toContain(staffName(ownerId));

    const replyText = 'Call the community office <ext. 12> & ask for "Li".';
    const result = await core.handle({ type: "staff.reply", staffId: ownerId, ticketId: "T-1", text: replyText });
    expect(result.error).toBeUndefined();
    const relayed = fake.sentTo(anna.id).at(-1)!;
    expect(relayed.text).toContain(staffName(ownerId));
    expect(relayed.text).toContain(replyText);
    expect(relayed.html).toContain("&lt;ext. 12&gt; &amp; ask");

    await core.handle({ type: "staff.resolve", staffId: ownerId, ticketId: "T-1" });
    const ratingPrompt = fake.sentTo(anna.id).at(-1)!;
    expect(buttonsOf(ratingPrompt).map((b) => b.callback_data)).toEqual(["rate:vs:T-1", "rate:s:T-1", "rate:ns:T-1"]);

    const [thanks] = await press(anna, "rate:vs:T-1");
    expect(thanks!.text).toMatch(/comment/i);
    expect(fake.sentTo(anna.id).find((m) => m.message_id === ratingPrompt.message_id)!.reply_markup).toBeUndefined();
    expect(core.tickets.get("T-1")!.ratings.map((r) => r.score)).toEqual(["very-satisfied"]);

    // The same rating pressed again (e.g. from a second device): politely refused, still counted once.
    const [again] = await press(anna, "rate:vs:T-1", 1);
    expect(again!.text).toMatch(/no longer valid/i);
    expect(core.tickets.get("T-1")!.ratings).toHaveLength(1);
    expect(fake.unansweredCallbacks()).toEqual([]);
  });

  it("answers a well-formed button for a procedure that no longer exists with the core's polite note", async () => {
    await setup();
    await say(anna, "/start");
    const [reply] = await press(anna, "p:procedure-removed-last-week");
    expect(reply!.text).toMatch(/no longer valid/i);
    expect(fake.unansweredCallbacks()).toEqual([]);
  });

  it("shows a citizen's own words back literally, markup and all", async () => {
    await setup();
    const question = WITH_MARKUP;
    await say(anna, question);
    const [status] = await say(anna, "/ticket");
    expect(status!.text).toContain(question);
    expect(status!.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;why&lt;/b&gt;");
  });

  it("tells staff when a citizen has blocked the bot, instead of losing the reply silently", async () => {
    const { core, notices } = await setup();
    await say(anna, UNANSWERABLE);
    const ownerId = core.tickets.get("T-1")!.ownerId;
    fake.block(anna.id);
    const result = await core.handle({ type: "staff.reply", staffId: ownerId, ticketId: "T-1", text: "Here is your answer." });
    expect(result.messages.map((m) => m.parts.map((p) => ("text" in p ? p.text : "")).join(" ")).join(" ")).toMatch(/no longer be reached/);
    expect(core.tickets.get("T-1")!.unreachable).toBe(true);
    expect(notices.some((n) => n.type === "ticket" && n.kind === "delivery-failed")).toBe(true);
  });
});
