// Reminders, escalation and restarts, driven by a fake clock. The matcher is scripted to recognise
// nothing, so every message is a handoff (to the duty officer) whatever the matcher makes of it.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createFakeClock } from "../src/core/clock.ts";
import { createCore } from "../src/core/core.ts";
import { openLowdbStore } from "../src/store/lowdb.ts";
import { ANN, fakeChannel, fakeNotifier, harness, scriptedKnowledge } from "./core-harness.ts";

const DOG = "can I bring my dog to the service centre";
const MIN = 60_000;

describe("reminders and escalation", () => {
  it("reminds the owner when they have not replied in time, then escalates to their backup and department head", async () => {
    const h = await harness({ matcher: "scripted" });
    const { reminderAfterMinutes, escalateAfterMinutes, dutyOfficer } = h.knowledge.settings;
    const owner = h.knowledge.staffById.get(dutyOfficer)!;
    await h.say(DOG);

    await h.clock.advance(reminderAfterMinutes * MIN - 1);
    expect(h.noticesOf("reminder")).toHaveLength(0);
    await h.clock.advance(1);
    expect(h.noticesOf("reminder").map((n) => n.mention)).toEqual([[owner.id]]);

    await h.clock.advance((escalateAfterMinutes - reminderAfterMinutes) * MIN);
    const escalated = h.noticesOf("escalated");
    expect(escalated).toHaveLength(1);
    expect(escalated[0]!.mention).toEqual([owner.backup, owner.escalateTo].filter((id) => id !== owner.id));
    expect(escalated[0]!.mention).toContain(owner.backup);
    expect(escalated[0]!.mention).toContain(owner.escalateTo);
    expect(h.core.tickets.get("T-1")).toMatchObject({ escalated: true, remindAt: null, escalateAt: null });

    await h.clock.advance(24 * 60 * MIN);
    expect(h.noticesOf("reminder")).toHaveLength(1);
    expect(h.noticesOf("escalated")).toHaveLength(1);
  });

  it("never mentions the same person twice or the owner in an escalation", async () => {
    const h = await harness({ matcher: "scripted" });
    await h.say(DOG);
    // Yang Hua is the director: her escalateTo is herself.
    await h.act({ type: "staff.reassign", staffId: "fang-zhou", ticketId: "T-1", to: "yang-hua", reason: "needs a decision" });
    await h.clock.advance(h.knowledge.settings.escalateAfterMinutes * MIN);
    const yang = h.knowledge.staffById.get("yang-hua")!;
    expect(h.noticesOf("escalated")[0]!.mention).toEqual([yang.backup]);
  });

  it("stops the clock when the owner replies", async () => {
    const h = await harness({ matcher: "scripted" });
    await h.say(DOG);
    await h.clock.advance(10 * MIN);
    await h.act({ type: "staff.reply", staffId: "fang-zhou", ticketId: "T-1", text: "Guide dogs only." });
    await h.clock.advance(h.knowledge.settings.escalateAfterMinutes * MIN * 2);
    expect(h.noticesOf("reminder")).toHaveLength(0);
    expect(h.noticesOf("escalated")).toHaveLength(0);
  });

  it("restarts the owner's clock when the citizen writes again after a reply", async () => {
    const h = await harness({ matcher: "scripted" });
    await h.say(DOG);
    await h.act({ type: "staff.reply", staffId: "fang-zhou", ticketId: "T-1", text: "Guide dogs only." });
    await h.clock.advance(30 * MIN);
    await h.say("what about a cat in a carrier?");
    expect(h.core.tickets.get("T-1")!.status).toBe("open");
    await h.clock.advance(h.knowledge.settings.reminderAfterMinutes * MIN);
    expect(h.noticesOf("reminder").map((n) => n.mention)).toEqual([["fang-zhou"]]);
  });

  it("gives the new owner the full time again after a reassign, and reminds the new owner", async () => {
    const h = await harness({ matcher: "scripted" });
    const remind = h.knowledge.settings.reminderAfterMinutes * MIN;
    await h.say(DOG);
    await h.clock.advance(remind - MIN);
    await h.act({ type: "staff.reassign", staffId: "fang-zhou", ticketId: "T-1", to: "xu-gan", reason: "HR knows" });
    await h.clock.advance(2 * MIN);
    expect(h.noticesOf("reminder")).toHaveLength(0);
    await h.clock.advance(remind);
    expect(h.noticesOf("reminder").map((n) => n.mention)).toEqual([["xu-gan"]]);
  });

  it("keeps one clock timer however many tickets are open", async () => {
    const h = await harness({ matcher: "scripted" });
    for (let i = 0; i < 5; i++) {
      await h.as({ ...ANN, conversationId: `chat-${i}`, userId: `u${i}` }).say(DOG);
      await h.clock.advance(MIN);
    }
    expect(h.store.read((d) => d.tickets)).toHaveLength(5);
    expect(h.clock.pending()).toBe(1);
    await h.clock.advance(h.knowledge.settings.reminderAfterMinutes * MIN);
    expect(h.noticesOf("reminder")).toHaveLength(5);
  });
});

describe("restarting", () => {
  it("resumes an open ticket's timers from the data file after a restart, firing overdue ones at once", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "onerun-core-"));
    const loaded = await scriptedKnowledge();
    const clock = createFakeClock();
    const { reminderAfterMinutes, escalateAfterMinutes } = loaded.knowledge.settings;
    try {
      const first = { store: await openLowdbStore({ dir }), staff: fakeNotifier(), channel: fakeChannel() };
      const core1 = createCore({ knowledge: () => loaded, store: first.store, channels: { test: first.channel }, staff: first.staff, clock });
      await core1.start();
      await core1.handle({ type: "citizen.message", from: ANN, text: DOG });
      await core1.handle({ type: "citizen.message", from: ANN, text: "it is a small dog" });
      await core1.stop();
      await first.store.close();

      // Down for longer than the reminder: nothing fires while no core runs.
      await clock.advance((reminderAfterMinutes + 5) * MIN);
      expect(first.staff.notices.filter((n) => n.type === "ticket" && n.kind === "reminder")).toHaveLength(0);

      const second = { store: await openLowdbStore({ dir }), staff: fakeNotifier(), channel: fakeChannel() };
      const core2 = createCore({ knowledge: () => loaded, store: second.store, channels: { test: second.channel }, staff: second.staff, clock });
      await core2.start();
      const kinds = () => second.staff.notices.map((n) => (n.type === "ticket" ? n.kind : n.type));
      expect(kinds()).toEqual(["reminder"]);
      const ticket = core2.tickets.get("T-1")!;
      expect(ticket.history.map((e) => e.kind)).toEqual(["question", "assigned", "citizen", "reminder"]);

      await clock.advance((escalateAfterMinutes - reminderAfterMinutes) * MIN);
      await core2.idle();
      expect(kinds()).toEqual(["reminder", "escalated"]);

      // The conversation survived too: the citizen's next message joins T-1.
      await core2.handle({ type: "citizen.message", from: ANN, text: "any news?" });
      expect(core2.tickets.list()).toHaveLength(1);
      expect(kinds().at(-1)).toBe("citizen-message");
      await core2.stop();
      await second.store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
