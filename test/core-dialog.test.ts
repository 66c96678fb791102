// The citizen's dialog end to end through core.handle, on the real sample knowledge. Tests about
// matching use the real matcher with questions it is bound to recognise (a procedure's own example
// questions, which `npm run kb test` keeps answered); tests of a dialog rule script the matcher.
import { describe, expect, it } from "vitest";
import type { Lang, Procedure } from "../src/knowledge/schema.ts";
import { pick } from "../src/knowledge/text.ts";
import { t } from "../src/core/i18n.ts";
import type { Part } from "../src/core/events.ts";
import { BO, harness, optionIds, plain, says } from "./core-harness.ts";

type Section = Extract<Part, { kind: "section" }>;
const sections = (parts: Part[]): Section[] => parts.filter((p): p is Section => p.kind === "section");

/** Every material is in the message; conditional ones in the section titled by their condition, others not under a condition. */
function expectCompleteChecklist(parts: Part[], procedure: Procedure, lang: Lang) {
  const s = t(lang);
  const all = sections(parts);
  for (const material of procedure.materials) {
    const name = pick(material.name, lang);
    const holding = all.filter((sec) => sec.items.some((item) => item.includes(name)));
    expect(holding.length, `${procedure.id}: "${name}" is listed`).toBeGreaterThan(0);
    if (material.condition) {
      const title = s.onlyIf(pick(material.condition, lang).replace(/[.。]+$/u, ""));
      expect(holding.map((h) => h.title), `${procedure.id}: "${name}" is under its condition`).toContain(title);
    } else {
      expect(holding.map((h) => h.title)).toContain(s.whatToBring);
    }
  }
}

describe("answering", () => {
  it("answers a clear question with the complete checklist in one message, ending with an offer of a person", async () => {
    const h = await harness();
    const procedure = h.knowledge.byId.get("passport-renewal")!;
    const question = procedure.examples.en![0]!;
    expect(h.matcher.match(question)).toMatchObject({ outcome: "answer", procedureId: procedure.id });

    const result = await h.say(question);

    expect(result.messages).toHaveLength(1);
    const message = result.messages[0]!;
    expect(message.parts[0]).toEqual({ kind: "title", text: procedure.title.en });
    expectCompleteChecklist(message.parts, procedure, "en");
    const text = plain(result);
    for (const value of [procedure.where.place.en, procedure.where.address.en, procedure.where.hours.en, procedure.fee.en, procedure.processingTime.en]) {
      expect(text).toContain(value);
    }
    for (const note of procedure.notes) expect(text).toContain(note.en);
    expect(text).toContain("Something not covered? Ask a member of staff");
    expect(optionIds(result).at(-1)).toBe("staff");
    expect(h.store.read((d) => d.counters.answered[procedure.id])).toBe(1);
    expect(h.store.read((d) => d.tickets)).toHaveLength(0);
  });

  it("lists every material of every sample procedure, in both languages, conditional items under their condition", async () => {
    const h = await harness();
    for (const procedure of h.knowledge.procedures) {
      for (const lang of ["en", "zh"] as const) {
        await h.command("language", lang);
        const result = await h.press(`p:${procedure.id}`);
        expect(result.messages).toHaveLength(1);
        expectCompleteChecklist(result.messages[0]!.parts, procedure, lang);
      }
    }
  });

  it("groups conditional materials in one section per distinct condition, worded 'Only if …'", async () => {
    const h = await harness();
    const procedure = h.knowledge.procedures.find((p) => p.materials.some((m) => m.condition))!;
    const conditions = new Set(procedure.materials.flatMap((m) => (m.condition?.en ? [m.condition.en.replace(/\.$/, "")] : [])));
    const result = await h.press(`p:${procedure.id}`);
    const titles = sections(result.messages[0]!.parts).map((s) => s.title).filter((x) => x.startsWith("Only"));
    expect(titles).toHaveLength(conditions.size);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it("offers related procedures as buttons with the reason in the text", async () => {
    const h = await harness();
    const procedure = h.knowledge.procedures.find((p) => p.related.length > 0)!;
    const related = procedure.related[0]!;
    const other = h.knowledge.byId.get(related.id)!;
    const result = await h.press(`p:${procedure.id}`);
    expect(plain(result)).toContain(`You may also need:\n  • ${other.title.en} — ${related.reason.en}`);
    expect(optionIds(result)).toContain(`p:${other.id}`);
    const followed = await h.press(`p:${other.id}`);
    expect(followed.messages[0]!.parts[0]).toEqual({ kind: "title", text: other.title.en });
  });
});

/** A question the real matcher finds ambiguous (the first of a few one-word ones, as the matcher is tuned). */
function ambiguous(h: { matcher: { match(q: string): { outcome: string } } }): string {
  const question = ["passport", "ID", "certificate", "hukou", "license"].find((q) => h.matcher.match(q).outcome === "clarify");
  if (!question) throw new Error("none of the one-word questions makes the matcher ask back any more; add one that does");
  return question;
}

describe("clarifying", () => {
  it("asks which procedure is meant, with the candidates and 'None of these', and answers the pick", async () => {
    const h = await harness();
    const question = ambiguous(h);
    const match = h.matcher.match(question);

    const asked = await h.say(question);

    expect(asked.messages).toHaveLength(1);
    expect(optionIds(asked)).toEqual([...match.candidates.map((c) => `p:${c.id}`), "none"]);
    expect(plain(asked)).toContain("None of these");
    const chosen = match.candidates[1]!.id;
    const answered = await h.press(`p:${chosen}`);
    expect(answered.messages[0]!.parts[0]).toEqual({ kind: "title", text: h.knowledge.byId.get(chosen)!.title.en });
    expect(h.store.read((d) => d.counters.answered[chosen])).toBe(1);
  });

  it("hands the original question to the owner of the best candidate when the citizen picks 'None of these'", async () => {
    const h = await harness({ matcher: "scripted" });
    const question = "a certificate for my flat";
    const best = h.knowledge.procedures.find((p) => p.owner !== h.knowledge.settings.dutyOfficer)!;
    const other = h.knowledge.procedures.find((p) => p.id !== best.id)!;
    h.script(question, says.clarify([{ id: best.id, score: 0.5 }, { id: other.id, score: 0.45 }]));
    const owner = best.owner;
    await h.say(question);

    const handed = await h.press("none");

    expect(plain(handed)).toContain(`${h.name(owner)}, ${h.title(owner)}, has your question (T-1)`);
    const ticket = h.core.tickets.get("T-1")!;
    expect(ticket.question).toBe(question);
    expect(ticket.ownerId).toBe(owner);
    expect(h.noticesOf("created").map((n) => n.mention)).toEqual([[owner]]);
  });

  it("gives the question to the duty officer after 'None of these' when even the best candidate is a weak guess", async () => {
    const h = await harness({ matcher: "scripted" });
    const question = "a certificate for my flat";
    const { dutyOfficer, matching } = h.knowledge.settings;
    const weak = h.knowledge.procedures.filter((p) => p.owner !== dutyOfficer).slice(0, 2);
    h.script(question, says.clarify(weak.map((p) => ({ id: p.id, score: matching.handoffGuessScore - 0.01 }))));
    await h.say(question);

    await h.press("none");

    expect(h.core.tickets.get("T-1")!.ownerId).toBe(dutyOfficer);
  });
});

describe("asking for a person while clarifying", () => {
  it("hands the question being clarified to staff when the citizen presses 'Ask a member of staff'", async () => {
    const h = await harness({ matcher: "scripted" });
    const question = "a certificate for my flat";
    h.script(question, says.clarify([{ id: "property-registration", score: 0.5 }, { id: "public-rental-housing", score: 0.45 }]));
    await h.say(question);
    const handed = await h.press("staff");
    expect(plain(handed)).toContain("has your question (T-1)");
    expect(h.core.tickets.get("T-1")!.question).toBe(question);
  });
});

describe("smalltalk", () => {
  it("greets back and offers the popular procedures while few questions are counted", async () => {
    const h = await harness();
    const result = await h.say("hello");
    const greeting = h.knowledge.settings.smalltalk.find((s) => s.id === "greeting")!;
    expect(plain(result)).toContain(greeting.reply.en!);
    expect(optionIds(result)).toEqual(h.knowledge.settings.popular.slice(0, 4).map((id) => `p:${id}`));
    expect(h.store.read((d) => d.tickets)).toHaveLength(0);
  });

  it("answers a complaint about the bot with an apology and the way to a member of staff, in either language", async () => {
    const h = await harness();
    const complaint = h.knowledge.settings.smalltalk.find((s) => s.id === "complaint")!;
    const en = await h.say("this bot is useless lol");
    expect(plain(en)).toContain(complaint.reply.en!);
    expect(optionIds(en).at(-1)).toBe("staff");
    const zh = await h.say("你真是太笨了");
    expect(plain(zh)).toContain(complaint.reply.zh!);
    const handed = await h.press("staff");
    expect(plain(handed)).toContain("请用一条消息写下您的问题");
    expect(h.store.read((d) => d.tickets)).toHaveLength(0);
  });

  it("does not offer staff after thanks: only complaints do", async () => {
    const h = await harness();
    expect(optionIds(await h.say("thanks a lot"))).not.toContain("staff");
  });

  it("offers the most asked procedures first once they are counted", async () => {
    const h = await harness({ matcher: "scripted" });
    h.script("thanks", says.smalltalk("thanks"));
    const unpopular = h.knowledge.procedures.find((p) => !h.knowledge.settings.popular.includes(p.id))!;
    await h.press(`p:${unpopular.id}`);
    await h.press(`p:${unpopular.id}`);
    const result = await h.say("thanks");
    expect(optionIds(result)[0]).toBe(`p:${unpopular.id}`);
    expect(optionIds(result)).toHaveLength(4);
  });
});

describe("languages", () => {
  it("answers a Chinese question in Chinese", async () => {
    const h = await harness();
    const procedure = h.knowledge.byId.get("passport-renewal")!;
    const question = procedure.examples.zh![0]!;
    expect(h.matcher.match(question)).toMatchObject({ outcome: "answer", procedureId: procedure.id, lang: "zh" });
    const result = await h.say(question);
    expect(result.messages[0]!.parts[0]).toEqual({ kind: "title", text: procedure.title.zh });
    expectCompleteChecklist(result.messages[0]!.parts, procedure, "zh");
    expect(plain(result)).toContain("还有没说到的？可以咨询工作人员。");
  });

  it("hands over a Chinese question with a Chinese message", async () => {
    const h = await harness();
    const question = ["我家的猫走丢了，你们能帮忙找吗", "明天会下雨吗", "你们食堂中午几点开门"].find((q) => h.matcher.match(q).outcome === "handoff");
    if (!question) throw new Error("the matcher no longer hands over any of these off-topic questions; add one that it does");
    expect(h.matcher.match(question).lang).toBe("zh");
    const result = await h.say(question);
    expect(plain(result)).toMatch(/您的问题（T-1）已交给.+负责，答复会发到这里。/);
  });

  it("keeps the language chosen with /language even when the question is in the other one", async () => {
    const h = await harness({ matcher: "scripted" });
    h.script("换护照要带什么", says.answer("passport-renewal", "zh"));
    const chosen = await h.command("language", "en");
    expect(plain(chosen)).toContain("I will reply in English");
    const result = await h.say("换护照要带什么");
    const procedure = h.knowledge.byId.get("passport-renewal")!;
    expect(result.messages[0]!.parts[0]).toEqual({ kind: "title", text: procedure.title.en });
  });

  it("offers both languages as buttons when /language has no argument, and switches on the button", async () => {
    const h = await harness();
    const offered = await h.command("language");
    expect(optionIds(offered)).toEqual(["lang:en", "lang:zh"]);
    const switched = await h.press("lang:zh");
    expect(plain(switched)).toContain("以后我会用中文回复您");
    expect(plain(await h.command("help"))).toContain("直接用自己的话问就行");
  });
});

describe("commands", () => {
  it("greets on /start with the service name and the common matters as buttons", async () => {
    const h = await harness();
    const result = await h.command("start");
    expect(plain(result)).toContain(h.knowledge.settings.serviceName.en!);
    expect(optionIds(result).length).toBeGreaterThan(0);
    expect(optionIds(result).every((id) => id.startsWith("p:"))).toBe(true);
  });

  it("shows the open question and who has it on /ticket, or says there is none", async () => {
    const h = await harness({ matcher: "scripted" });
    expect(plain(await h.command("ticket"))).toContain("You have no open question");
    await h.say("can I bring my dog to the service centre");
    const shown = plain(await h.command("ticket"));
    expect(shown).toContain("T-1");
    expect(shown).toContain(h.name(h.knowledge.settings.dutyOfficer));
  });
});

describe("buttons that are no longer valid", () => {
  it.each([
    ["an unknown procedure", "p:no-such-procedure"],
    ["a rating for a ticket that does not exist", "rate:vs:T-999"],
    ["'none' with nothing being clarified", "none"],
    ["garbage", "}{;DROP"],
    ["an id longer than 64 bytes", `p:${"a".repeat(80)}`],
  ])("answers %s politely instead of failing", async (_what, option) => {
    const h = await harness();
    const result = await h.press(option);
    expect(result.error).toBeUndefined();
    expect(plain(result)).toContain("That button is no longer valid");
  });

  it("does not let one citizen rate another citizen's ticket", async () => {
    const h = await harness({ matcher: "scripted" });
    await h.say("can I bring my dog to the service centre");
    const owner = h.core.tickets.get("T-1")!.ownerId;
    await h.act({ type: "staff.reply", staffId: owner, ticketId: "T-1", text: "Only guide dogs, sorry." });
    await h.act({ type: "staff.resolve", staffId: owner, ticketId: "T-1" });
    const forged = await h.as(BO).press("rate:ns:T-1");
    expect(plain(forged)).toContain("That button is no longer valid");
    expect(h.core.tickets.get("T-1")!.status).toBe("resolved");
  });
});

describe("asking for a person", () => {
  it("turns the next message into a ticket after 'Ask a member of staff', even one the bot could answer", async () => {
    const h = await harness({ matcher: "scripted" });
    const followUp = "what do I need to renew my passport if I live abroad half the year";
    h.script("what do I need to renew my passport", says.answer("passport-renewal"));
    h.script(followUp, says.answer("passport-renewal"));
    const answered = await h.say("what do I need to renew my passport");
    expect(optionIds(answered).at(-1)).toBe("staff");
    const prompt = await h.press("staff");
    expect(plain(prompt)).toContain("Write your question");
    const handed = await h.say(followUp);
    expect(plain(handed)).toContain("has your question (T-1)");
    expect(h.core.tickets.get("T-1")!.question).toBe(followUp);
  });
});
