// Handoff and the ticket lifecycle end to end through core.handle: first-in-charge, follow-ups, staff
// actions and the resolve rule. These are core rules, so the matcher is scripted:
// a message the test did not script is one the matcher recognises nothing in.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createFakeClock } from "../src/core/clock.ts";
import { createCore } from "../src/core/core.ts";
import { createMemoryStore } from "../src/store/memory.ts";
import type { Store } from "../src/core/ports.ts";
import { ANN, fakeNotifier, harness, plain, says, scriptedKnowledge, type HarnessOptions } from "./core-harness.ts";

const DOG = "can I bring my dog to the service centre";
const GLASSES = "passport photo rules for glasses";
const PASSPORT = "what do I need to renew my passport";

const setup = (options: HarnessOptions = {}) => harness({ matcher: "scripted", ...options });

/** A procedure whose owner is not the duty officer, so the two routes can be told apart. */
function ownedByColleague(h: Awaited<ReturnType<typeof setup>>) {
  const procedure = h.knowledge.procedures.find((p) => p.owner !== h.knowledge.settings.dutyOfficer);
  if (!procedure) throw new Error("every sample procedure belongs to the duty officer; the test needs one that does not");
  return procedure;
}

describe("handing a question to a named person", () => {
  it("hands a question nobody can match to the duty officer and names them with their title", async () => {
    const h = await setup();
    const duty = h.knowledge.settings.dutyOfficer;

    const result = await h.say(DOG);

    expect(plain(result)).toBe(`${h.name(duty)}, ${h.title(duty)}, has your question (T-1); the answer will come here.`);
    const data = h.snapshot();
    expect(data.tickets).toHaveLength(1);
    expect(data.tickets[0]).toMatchObject({ id: "T-1", ownerId: duty, question: DOG, status: "open", repliedSinceOpen: false });
    expect(data.counters.handedOff).toBe(1);
    expect(h.noticesOf("created")).toHaveLength(1);
    expect(h.noticesOf("created")[0]!.mention).toEqual([duty]);
  });

  it("hands a question whose best guess is plausible to the owner of that procedure", async () => {
    const h = await setup();
    const procedure = ownedByColleague(h);
    const candidates = [{ id: procedure.id, score: h.knowledge.settings.matching.handoffGuessScore }, { id: "passport-renewal", score: 0.1 }];
    h.script(GLASSES, says.handoff(candidates));

    const result = await h.say(GLASSES);

    const owner = procedure.owner;
    expect(plain(result)).toContain(`${h.name(owner)}, ${h.title(owner)}, has your question (T-1)`);
    expect(h.core.tickets.get("T-1")).toMatchObject({ ownerId: owner, candidates });
    expect(h.noticesOf("created")[0]!.mention).toEqual([owner]);
  });

  it("gives a question whose best guess is too weak to the duty officer, not to that procedure's owner", async () => {
    const h = await setup();
    const procedure = ownedByColleague(h);
    h.script(GLASSES, says.handoff([{ id: procedure.id, score: h.knowledge.settings.matching.handoffGuessScore - 0.01 }]));

    await h.say(GLASSES);

    expect(h.core.tickets.get("T-1")!.ownerId).toBe(h.knowledge.settings.dutyOfficer);
  });

  it("has the ticket on disk before the citizen hears of it, and before staff are pinged", async () => {
    const memory = createMemoryStore();
    const seenByStaff: number[] = [];
    const loaded = await scriptedKnowledge();
    const core = createCore({
      knowledge: () => loaded,
      store: memory,
      channels: {},
      staff: fakeNotifier(() => seenByStaff.push(memory.snapshot().tickets.length)),
      clock: createFakeClock(),
    });
    const result = await core.handle({ type: "citizen.message", from: ANN, text: DOG });
    expect(plain(result)).toContain("T-1");
    expect(memory.snapshot().tickets.map((x) => x.id)).toEqual(["T-1"]);
    expect(seenByStaff).toEqual([1]);
  });

  it("tells the citizen nothing about a ticket when it could not be stored", async () => {
    const memory = createMemoryStore();
    const failing: Store = {
      read: memory.read,
      close: memory.close,
      update: async () => {
        throw new Error("disk full");
      },
    };
    const loaded = await scriptedKnowledge();
    const staff = fakeNotifier();
    const core = createCore({ knowledge: () => loaded, store: failing, channels: {}, staff, clock: createFakeClock() });
    const result = await core.handle({ type: "citizen.message", from: ANN, text: DOG });
    expect(plain(result)).toContain("your message was not saved");
    expect(plain(result)).not.toContain("T-1");
    expect(staff.notices).toHaveLength(0);
  });
});

describe("while a ticket is open", () => {
  it("adds the citizen's further messages to the same ticket and tells the owner", async () => {
    const h = await setup();
    await h.say(DOG);
    const duty = h.knowledge.settings.dutyOfficer;
    const ack = await h.say("it is a small dog and stays in a bag");
    expect(plain(ack)).toContain(`Added to your question T-1. ${h.name(duty)} has it`);
    expect(h.store.read((d) => d.tickets)).toHaveLength(1);
    expect(h.core.tickets.get("T-1")!.history.at(-1)).toMatchObject({ kind: "citizen", text: "it is a small dog and stays in a bag" });
    const notice = h.noticesOf("citizen-message")[0]!;
    expect(notice).toMatchObject({ text: "it is a small dog and stays in a bag", mention: [duty] });
  });

  it("still answers a question that clearly matches a procedure, and keeps the ticket open", async () => {
    const h = await setup();
    h.script(PASSPORT, says.answer("passport-renewal"));
    await h.say(DOG);
    const result = await h.say(PASSPORT);
    expect(result.messages[0]!.parts[0]).toEqual({ kind: "title", text: h.knowledge.byId.get("passport-renewal")!.title.en });
    expect(h.noticesOf("citizen-message")).toHaveLength(0);
    expect(h.core.tickets.get("T-1")!.status).toBe("open");
    expect(plain(await h.command("ticket"))).toContain("T-1");
  });
});

describe("staff actions", () => {
  it("relays a staff reply to the citizen verbatim, signed with the staff member's name", async () => {
    const h = await setup();
    await h.say(DOG);
    const result = await h.act({ type: "staff.reply", staffId: "bai-xue", ticketId: "T-1", text: "Only guide dogs may come in." });
    expect(result.error).toBeUndefined();
    expect(plain(result)).toContain("Sent to the citizen");
    expect(h.channel.delivered).toHaveLength(1);
    expect(h.channel.delivered[0]!.to).toEqual({ conversationId: ANN.conversationId, userId: ANN.userId });
    expect(h.deliveredText()[0]).toBe(`${h.name("bai-xue")}, ${h.title("bai-xue")} (T-1):\nOnly guide dogs may come in.`);
    const ticket = h.core.tickets.get("T-1")!;
    expect(ticket).toMatchObject({ status: "replied", repliedSinceOpen: true, remindAt: null, escalateAt: null });
    expect(ticket.history.at(-1)).toMatchObject({ kind: "reply", by: "bai-xue" });
    // A colleague answered: the owner is told.
    expect(h.noticesOf("replied")[0]!.mention).toEqual([ticket.ownerId]);
  });

  it("records a citizen who blocked the bot as unreachable and tells staff", async () => {
    const h = await setup();
    await h.say(DOG);
    h.channel.set("blocked");
    const duty = h.knowledge.settings.dutyOfficer;
    const result = await h.act({ type: "staff.reply", staffId: duty, ticketId: "T-1", text: "Only guide dogs." });
    expect(plain(result)).toContain("can no longer be reached");
    const ticket = h.core.tickets.get("T-1")!;
    expect(ticket.unreachable).toBe(true);
    expect(ticket.history.at(-1)).toMatchObject({ kind: "delivery-failed", text: "blocked" });
    expect(h.noticesOf("delivery-failed")[0]!.mention).toEqual([duty]);
  });

  it("keeps internal notes away from the citizen", async () => {
    const h = await setup();
    await h.say(DOG);
    const result = await h.act({ type: "staff.note", staffId: "yang-hua", ticketId: "T-1", text: "check the pet policy" });
    expect(result.error).toBeUndefined();
    expect(h.channel.delivered).toHaveLength(0);
    expect(h.core.tickets.get("T-1")!.history.at(-1)).toMatchObject({ kind: "note", by: "yang-hua", text: "check the pet policy" });
  });

  it("passes a ticket to a named colleague: the citizen is told who has it, the new owner is pinged", async () => {
    const h = await setup();
    await h.say(DOG);
    const result = await h.act({ type: "staff.reassign", staffId: "fang-zhou", ticketId: "T-1", to: "xu-gan", reason: "HR knows the building rules" });
    expect(result.error).toBeUndefined();
    expect(h.core.tickets.get("T-1")!.ownerId).toBe("xu-gan");
    expect(h.deliveredText()).toEqual(["Your question T-1 is now with Xu Gan, Secretary of the Human Resources office; the answer will come here."]);
    expect(h.deliveredText()[0]).not.toContain("building rules");
    expect(h.noticesOf("reassigned")[0]).toMatchObject({ mention: ["xu-gan"], by: "fang-zhou", text: "HR knows the building rules" });
  });

  it("refuses to reassign to someone who is not in the directory and says how to find ids", async () => {
    const h = await setup();
    await h.say(DOG);
    const result = await h.act({ type: "staff.reassign", staffId: "fang-zhou", ticketId: "T-1", to: "Xu", reason: "HR" });
    expect(result.error?.code).toBe("UNKNOWN_STAFF");
    expect(result.error?.message).toContain("knowledge/directory.json");
    expect(result.error?.message).toContain("xu-gan");
    expect(h.core.tickets.get("T-1")!.ownerId).toBe("fang-zhou");
  });

  it("refuses actions from someone not in the directory, and on tickets that do not exist", async () => {
    const h = await setup();
    await h.say(DOG);
    const stranger = await h.act({ type: "staff.reply", staffId: "mallory", ticketId: "T-1", text: "hi" });
    expect(stranger.error?.code).toBe("NOT_STAFF");
    const missing = await h.act({ type: "staff.reply", staffId: "fang-zhou", ticketId: "T-77", text: "hi" });
    expect(missing.error?.code).toBe("UNKNOWN_TICKET");
    expect(h.channel.delivered).toHaveLength(0);
  });

  it("refuses to resolve before a reply reached the citizen, and resolves after one did", async () => {
    const h = await setup();
    await h.say(DOG);
    const refused = await h.act({ type: "staff.resolve", staffId: "fang-zhou", ticketId: "T-1" });
    expect(refused.error?.code).toBe("RESOLVE_NEEDS_REPLY");
    expect(refused.error?.message).toMatch(/^Reply to the citizen first/);
    expect(h.core.tickets.get("T-1")!.status).toBe("open");

    await h.act({ type: "staff.reply", staffId: "fang-zhou", ticketId: "T-1", text: "Guide dogs only." });
    const resolved = await h.act({ type: "staff.resolve", staffId: "fang-zhou", ticketId: "T-1" });
    expect(resolved.error).toBeUndefined();
    expect(h.core.tickets.get("T-1")!.status).toBe("resolved");
    expect(plain(await h.command("ticket"))).toContain("no open question");
  });

  it("lists open tickets, the staff member's own first", async () => {
    const h = await setup();
    const procedure = ownedByColleague(h);
    h.script(GLASSES, says.handoff([{ id: procedure.id, score: 0.9 }]));
    await h.say(GLASSES);
    await h.as({ ...ANN, conversationId: "chat-2", userId: "u2" }).say(DOG);
    const duty = h.knowledge.settings.dutyOfficer;

    const text = plain(await h.act({ type: "staff.list", staffId: duty }));

    expect(text).toContain("Open questions: 2");
    expect(text).toMatch(new RegExp(`Yours:\\n {2}• T-2 · ${h.name(duty)} · open .*\\nColleagues':\\n {2}• T-1 · ${h.name(procedure.owner)} · open`));
    // A resolved ticket is no longer listed.
    await h.act({ type: "staff.reply", staffId: duty, ticketId: "T-2", text: "Guide dogs only." });
    await h.act({ type: "staff.resolve", staffId: duty, ticketId: "T-2" });
    const after = plain(await h.act({ type: "staff.list", staffId: duty }));
    expect(after).toContain("Open questions: 1");
    expect(after).not.toContain("T-2");
  });

  it("saves a ticket as a knowledge draft for an admin", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "onerun-drafts-"));
    try {
      const h = await setup({ draftsDir: dir });
      h.script(GLASSES, says.handoff([{ id: "passport-first-application", score: 0.4 }]));
      await h.say(GLASSES);
      const owner = h.core.tickets.get("T-1")!.ownerId;
      await h.act({ type: "staff.reply", staffId: owner, ticketId: "T-1", text: "No glasses at all in the photo." });
      const result = await h.act({ type: "staff.addToKnowledge", staffId: owner, ticketId: "T-1", procedureId: "passport-first-application" });
      expect(result.error).toBeUndefined();
      const written = await readFile(path.join(dir, "passport-first-application.examples.json"), "utf8");
      expect(written).toContain(GLASSES);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
