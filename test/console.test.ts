// The terminal chat end to end: real core, real sample knowledge and matcher, memory store, fake clock.
// The person at the terminal is a citizen; staff notices and staff commands share the same screen.
// The matcher is the real one, except for BOAT: the tests say it recognises nothing there (the matcher
// is tuned on its own; these tests are about the terminal, not how it scores one sentence).
import { PassThrough } from "node:stream";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createConsoleAdapter, type ConsoleAdapter } from "../adapters/console/index.ts";
import type { Core, Loaded } from "../src/core/api.ts";
import { createFakeClock } from "../src/core/clock.ts";
import { createCore } from "../src/core/core.ts";
import type { Knowledge, Procedure } from "../src/knowledge/schema.ts";
import { pick } from "../src/knowledge/text.ts";
import { createMemoryStore } from "../src/store/memory.ts";
import { noMatch, sampleKnowledge, scriptedMatcher } from "./core-harness.ts";

/** A question nothing in the knowledge covers: it goes to the duty officer. */
const BOAT = "Can my neighbour park his boat in the courtyard of our building?";
/** The procedure the answer tests ask about, and the question they type: its first English example. */
const PASSPORT = "passport-renewal";

let knowledge: Knowledge;
let passport: Procedure;
let askPassport: string;
/** The real matcher, except that BOAT matches nothing. */
let loaded: Loaded;
beforeAll(async () => {
  const real = await sampleKnowledge();
  knowledge = real.knowledge;
  loaded = { knowledge, matcher: scriptedMatcher(real.matcher, { [BOAT]: noMatch("en") }) };
  passport = knowledge.byId.get(PASSPORT)!;
  // Every example question is checked (`npm run kb test`) to be answered with its own procedure.
  askPassport = passport.examples.en![0]!;
});

type Chat = {
  adapter: ConsoleAdapter;
  clock: ReturnType<typeof createFakeClock>;
  core: Core;
  /** Everything printed so far. */
  screen(): string;
  /** Types a line and returns what was printed in response. */
  type(line: string): Promise<string>;
  input: PassThrough;
};

const running: Array<{ adapter: ConsoleAdapter; core: Core }> = [];
afterEach(async () => {
  for (const { adapter, core } of running.splice(0)) {
    await adapter.stop();
    await core.stop();
  }
});

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 2));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

async function startChat(options: Partial<Parameters<typeof createConsoleAdapter>[0]> = {}): Promise<Chat> {
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = "";
  output.on("data", (chunk: Buffer) => (screen += chunk.toString("utf8")));
  const adapter = createConsoleAdapter({ input, output, ...options });
  const clock = createFakeClock();
  const core = createCore({
    knowledge: () => loaded,
    store: createMemoryStore(),
    channels: { console: adapter },
    staff: adapter,
    clock,
  });
  await adapter.start(core);
  await core.start();
  const chat: Chat = {
    adapter,
    clock,
    core,
    input,
    screen: () => screen,
    async type(line) {
      const mark = screen.length;
      input.write(`${line}\n`);
      await until(() => screen.includes(`you › ${line.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "")}`, mark), `the terminal to take "${line}"`);
      await adapter.idle();
      return screen.slice(mark);
    },
  };
  running.push(chat);
  return chat;
}

const staffName = (id: string) => pick(knowledge.staffById.get(id)!.name, "en");
const staffTitle = (id: string) => pick(knowledge.staffById.get(id)!.title, "en");
const ticketIdIn = (text: string) => /── staff ── (T-\d+) new question/.exec(text)?.[1];

describe("terminal chat", () => {
  it("greets with what to try, and says staff commands work here too", async () => {
    const chat = await startChat();
    expect(chat.screen()).toContain(pick(knowledge.settings.serviceName, "en"));
    expect(chat.screen()).toMatch(/renew my passport/);
    expect(chat.screen()).toMatch(/\/reply/);
    expect(chat.screen()).toMatch(/\/help/);
    expect(chat.screen()).toContain(staffName(knowledge.settings.dutyOfficer));
  });

  it("answers a question with the whole checklist, fee and place in one reply", async () => {
    const chat = await startChat();
    const reply = await chat.type(askPassport);
    expect(reply).toContain(`bot › ${pick(passport.title, "en")}`);
    for (const material of passport.materials) expect(reply).toContain(`• ${pick(material.name, "en")}`);
    expect(reply).toContain(`Fee: ${pick(passport.fee, "en")}`);
    expect(reply).toContain(pick(passport.where.place, "en"));
    // Plain text when the output is not a terminal: no escape codes in logs or pipes.
    expect(reply).not.toContain("\x1b[");
  });

  it("hands an unanswerable question to the duty officer, relays the reply, and asks for a rating on resolve", async () => {
    const chat = await startChat();
    const duty = knowledge.settings.dutyOfficer;

    const asked = await chat.type(BOAT);
    const ticketId = ticketIdIn(asked);
    expect(ticketId, `expected a staff notice in:\n${asked}`).toBeDefined();
    expect(asked).toContain(`── staff ── ${ticketId} new question for ${staffName(duty)} (${staffTitle(duty)})`);
    expect(asked).toContain(`Question: "${BOAT}"`);
    // The citizen is told who has the question.
    expect(asked).toMatch(new RegExp(`bot › .*${staffName(duty)}.*${ticketId}`));

    const replied = await chat.type(`/reply ${ticketId} Please ask the residents' committee; I have told them you will call.`);
    expect(replied).toMatch(new RegExp(`bot › ${staffName(duty)}.*\\(${ticketId}\\)`));
    expect(replied).toContain("Please ask the residents' committee; I have told them you will call.");

    const resolved = await chat.type(`/resolve ${ticketId}`);
    expect(resolved).toContain("Did the answer solve your problem?");
    expect(resolved).toMatch(/\[1\] Very satisfied {2}\[2\] Satisfied {2}\[3\] Not satisfied/);

    // Picking "Not satisfied" by its number reopens the question with the same owner.
    const rated = await chat.type("3");
    expect(rated).toMatch(new RegExp(`── staff ── ${ticketId} reopened: back with ${staffName(duty)}`));
    expect(chat.core.tickets.get(ticketId!)?.status).toBe("open");
  });

  it("reminds the owner on screen when a question waits too long", async () => {
    const chat = await startChat();
    const ticketId = ticketIdIn(await chat.type(BOAT))!;
    const before = chat.screen().length;
    await chat.clock.advance((knowledge.settings.reminderAfterMinutes + 1) * 60_000);
    await until(() => chat.screen().includes("reminder", before), "the reminder");
    expect(chat.screen().slice(before)).toContain(`── staff ── ${ticketId} reminder: ${staffName(knowledge.settings.dutyOfficer)}`);
  });

  it("passes a question on to a named colleague with /reassign", async () => {
    const chat = await startChat();
    const ticketId = ticketIdIn(await chat.type(BOAT))!;
    const colleague = knowledge.directory.staff.find((s) => s.id !== knowledge.settings.dutyOfficer)!;
    const out = await chat.type(`/reassign ${ticketId} ${colleague.id} they handle housing complaints`);
    expect(out).toContain(`── staff ── ${ticketId} now belongs to ${staffName(colleague.id)}`);
    expect(out).toContain("Reason: they handle housing complaints");
    expect(out).toMatch(new RegExp(`bot › .*${ticketId}.*${staffName(colleague.id)}`));
    expect(chat.core.tickets.get(ticketId)?.ownerId).toBe(colleague.id);
  });

  it("explains a refused staff action instead of failing silently", async () => {
    const chat = await startChat();
    const out = await chat.type("/resolve T-99");
    expect(out).toMatch(/── staff ── refused \(\w+\)/);
    expect(out).toContain("T-99");
    expect(await chat.type("/reply T-1")).toContain("Usage: /reply T-12 your answer to the citizen");
  });

  it("switches who staff commands act as with /as, and refuses unknown ids", async () => {
    const chat = await startChat();
    const colleague = knowledge.directory.staff.find((s) => s.id !== knowledge.settings.dutyOfficer)!;
    expect(await chat.type("/as nobody-here")).toContain('There is no staff id "nobody-here"');
    expect(await chat.type(`/as ${colleague.id}`)).toContain(`Now acting as ${staffName(colleague.id)}`);
  });

  it("lists every command on /help", async () => {
    const chat = await startChat();
    const help = await chat.type("/help");
    for (const command of ["/tickets", "/reply", "/reassign", "/resolve", "/note", "/as", "/language", "/ticket", "/quit"])
      expect(help).toContain(command);
  });

  it("switches language with /language zh", async () => {
    const chat = await startChat();
    const out = await chat.type("/language zh");
    expect(out).toContain("以后我会用中文回复您");
  });

  it("strips terminal control sequences from what citizens type before showing it to staff", async () => {
    const chat = await startChat();
    const out = await chat.type("Can my neighbour park his boat \x1b[2J\x1b[31min the courtyard of our building?");
    expect(out).toContain("── staff ──");
    expect(out).toContain(`Question: "${BOAT}"`);
    expect(out).not.toContain("\x1b");
    expect(chat.core.tickets.get("T-1")?.question).toBe(BOAT);
  });

  it("styles titles and labels with ANSI only when told the output is a terminal", async () => {
    const chat = await startChat({ color: true });
    const reply = await chat.type(askPassport);
    expect(reply).toContain(`\x1b[1;4m${pick(passport.title, "en")}\x1b[0m`);
    expect(reply).toContain("\x1b[1mFee:\x1b[0m");
  });

  it("wraps long lines at the terminal's width, at spaces only, when talking to a real terminal", async () => {
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const output = Object.assign(new PassThrough(), { isTTY: true, columns: 60 });
    let screen = "";
    output.on("data", (chunk: Buffer) => (screen += chunk.toString("utf8")));
    const adapter = createConsoleAdapter({ input, output, color: false });
    const core = createCore({ knowledge: () => loaded, store: createMemoryStore(), channels: { console: adapter }, staff: adapter, clock: createFakeClock() });
    running.push({ adapter, core });
    await adapter.start(core);
    input.write(`${BOAT}\r`);
    await until(() => screen.includes("── staff ──"), "the handoff");
    await adapter.idle();
    input.write(`${askPassport}\r`);
    await until(() => screen.includes("[1]"), "the answer");
    await adapter.idle();
    const visible = screen.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "").split(/\r?\n/);
    const answer = visible.slice(visible.findIndex((l) => l.includes("bot › ")));
    expect(answer.length).toBeGreaterThan(10);
    for (const line of answer) expect(line.length, line).toBeLessThanOrEqual(60);
    // Every word of every material survives the wrapping.
    const flat = answer.join(" ").replace(/\s+/g, " ");
    for (const m of passport.materials) expect(flat).toContain(pick(m.name, "en"));
  });

  it("sends staff to Slack when Slack handles staff: the terminal is a citizen's chat only", async () => {
    const chat = await startChat({ serves: { citizens: true, staff: false } });
    expect(chat.screen()).toContain("Slack");
    expect(await chat.type("/tickets")).toContain("Staff answer in Slack");
    expect(await chat.type("/help")).not.toContain("/reply");
  });

  it("serves staff only when citizens are on Telegram", async () => {
    const chat = await startChat({ serves: { citizens: false, staff: true } });
    expect(chat.screen()).toContain("Telegram");
    expect(await chat.type("what do I need to renew my passport?")).toContain("citizens write to the bot on Telegram");
    expect(await chat.type("/tickets")).toContain("No open questions");
  });

  it("counts as closed when the input ends, after answering every line already typed", async () => {
    const chat = await startChat();
    chat.input.write("hello\n");
    chat.input.end();
    await chat.adapter.closed;
    expect(chat.screen()).toContain("you › hello");
    expect(chat.screen()).toMatch(/you › hello\nbot › \S/);
  });
});
