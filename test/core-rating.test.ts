// Closing the loop end to end through core.handle: after resolve the citizen is asked whether the
// answer solved the problem, in their language; a comment is optional; "not satisfied" reopens. The
// matcher is scripted: a message the test did not script is one the matcher recognises nothing in.
import { describe, expect, it } from "vitest";
import { harness, optionIds, plain, says } from "./core-harness.ts";

const DOG = "can I bring my dog to the service centre";
const PASSPORT = "what do I need to renew my passport";

describe("in Chinese", () => {
  it("relays a reply and asks for the rating in Chinese to a citizen who asked in Chinese", async () => {
    const h = await harness({ matcher: "scripted" });
    await h.say("我家的猫走丢了，你们能帮忙找吗");
    const owner = h.core.tickets.get("T-1")!.ownerId;
    const staff = h.knowledge.staffById.get(owner)!;
    await h.act({ type: "staff.reply", staffId: owner, ticketId: "T-1", text: "请到派出所报失。" });
    await h.act({ type: "staff.resolve", staffId: owner, ticketId: "T-1" });
    expect(h.deliveredText()[0]).toBe(`${staff.title.zh}${staff.name.zh}（T-1）：\n请到派出所报失。`);
    expect(h.deliveredText()[1]).toContain("这个答复解决您的问题了吗？");
    expect(h.channel.delivered[1]!.messages[0]!.options!.map((o) => o.label)).toEqual(["非常满意", "满意", "不满意"]);
  });
});

describe("closing the loop", () => {
  async function resolvedTicket() {
    const h = await harness({ matcher: "scripted" });
    await h.say(DOG);
    await h.act({ type: "staff.reply", staffId: "fang-zhou", ticketId: "T-1", text: "Guide dogs only." });
    await h.act({ type: "staff.resolve", staffId: "fang-zhou", ticketId: "T-1" });
    return h;
  }

  it("asks the citizen whether the answer solved the problem, with three ratings", async () => {
    const h = await resolvedTicket();
    const prompt = h.channel.delivered.at(-1)!.messages[0]!;
    expect(prompt.options?.map((o) => o.id)).toEqual(["rate:vs:T-1", "rate:s:T-1", "rate:ns:T-1"]);
    expect(h.deliveredText().at(-1)).toContain("Did the answer solve your problem?");
  });

  it("stores the rating and an optional comment, and tells staff", async () => {
    const h = await resolvedTicket();
    const rated = await h.press("rate:vs:T-1");
    expect(plain(rated)).toContain("Would you like to add a comment?");
    expect(h.noticesOf("rated")[0]).toMatchObject({ text: "very-satisfied", mention: ["fang-zhou"] });
    const thanked = await h.say("Quick and clear, thank you");
    expect(plain(thanked)).toContain("Thank you for your comment");
    expect(h.core.tickets.get("T-1")!.ratings).toEqual([{ score: "very-satisfied", comment: "Quick and clear, thank you", at: expect.any(Number) }]);
    // The rating is spent: pressing again does nothing.
    expect(plain(await h.press("rate:ns:T-1"))).toContain("no longer valid");
  });

  it("skips the comment on 'skip' or any button", async () => {
    const h = await resolvedTicket();
    h.script(PASSPORT, says.answer("passport-renewal"));
    await h.press("rate:s:T-1");
    expect(plain(await h.say("跳过"))).toContain("All right");
    expect(h.core.tickets.get("T-1")!.ratings[0]!.comment).toBeUndefined();
    // The next message is a question again.
    const answered = await h.say(PASSPORT);
    expect(answered.messages[0]!.parts[0]!.kind).toBe("title");
  });

  it("takes a button pressed instead of a comment as a skip, and does what the button says", async () => {
    const h = await resolvedTicket();
    await h.press("rate:vs:T-1");
    const shown = await h.press("p:passport-renewal");
    expect(shown.messages.at(-1)!.parts[0]).toEqual({ kind: "title", text: h.knowledge.byId.get("passport-renewal")!.title.en });
    expect(h.core.tickets.get("T-1")!.ratings).toEqual([{ score: "very-satisfied", at: expect.any(Number) }]);
    // The next message is not taken as a comment either.
    await h.say("thank you so much");
    expect(h.core.tickets.get("T-1")!.ratings[0]!.comment).toBeUndefined();
  });

  it("reopens the ticket to its owner on 'not satisfied', who must reply again before resolving", async () => {
    const h = await resolvedTicket();
    const rated = await h.press("rate:ns:T-1");
    expect(plain(rated)).toContain("open again with Fang Zhou");
    expect(optionIds(rated)).toEqual(["skip"]);
    const ticket = h.core.tickets.get("T-1")!;
    expect(ticket).toMatchObject({ status: "open", repliedSinceOpen: false, ownerId: "fang-zhou" });
    expect(ticket.remindAt).toBe(h.clock.now() + h.knowledge.settings.reminderAfterMinutes * 60_000);
    expect(h.noticesOf("reopened")[0]!.mention).toEqual(["fang-zhou"]);

    await h.say("My dog is a certified assistance dog, is that fine?");
    expect(h.noticesOf("rated").at(-1)!.text).toBe("My dog is a certified assistance dog, is that fine?");
    const refused = await h.act({ type: "staff.resolve", staffId: "fang-zhou", ticketId: "T-1" });
    expect(refused.error?.code).toBe("RESOLVE_NEEDS_REPLY");
    // Further messages reach the owner again.
    await h.say("Also, can it stay in the waiting hall?");
    expect(h.noticesOf("citizen-message").at(-1)!.text).toBe("Also, can it stay in the waiting hall?");
  });
});
