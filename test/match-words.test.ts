// What the admin's words do to matching: the glossary (everyday words → the knowledge's words), notFor
// phrases (questions a procedure must not answer), and the citizen's own framing ("already done").
import { describe, expect, it } from "vitest";
import { Glossary, Procedure } from "../src/knowledge/schema.ts";
import { buildMatcher } from "../src/match/match.ts";
import { knowledgeOf, PROCEDURES, procedure } from "./match-fixture.ts";

const BIRTH = procedure(
  "birth-registration",
  { en: "Register a newborn child", zh: "新生儿出生登记" },
  { en: ["register my child", "child hukou"], zh: ["给孩子上户口", "孩子落户"] },
  { en: ["how do I register my child's hukou"], zh: ["孩子出生了怎么上户口"] },
);
const DEATH = procedure(
  "death-registration",
  { en: "Cancel the hukou of someone who died", zh: "死亡注销户口" },
  { en: ["death registration", "cancel hukou after death"], zh: ["注销户口", "去世销户"] },
  { en: ["my father died, how do I cancel his hukou"], zh: ["家里老人去世了怎么注销户口"] },
);
const GLOSSARY = Glossary.parse({
  en: [
    { means: "child", words: ["kid", "kids"] },
    { means: "died", words: ["passed away"] },
  ],
  zh: [{ means: "孩子", words: ["娃", "小孩儿"] }],
});
const procedures = [...PROCEDURES, BIRTH, DEATH];
const withGlossary = buildMatcher(knowledgeOf(procedures, undefined, GLOSSARY));
const without = buildMatcher(knowledgeOf(procedures));

describe("the glossary reads everyday words as the knowledge's words", () => {
  it("answers a question that says 娃 or kid where the knowledge says 孩子 or child, and without the entry only asks", () => {
    for (const q of ["给娃上户口要带什么", "how do I register my kid"]) {
      expect(withGlossary.match(q)).toMatchObject({ outcome: "answer", procedureId: "birth-registration" });
      expect(without.match(q).outcome).not.toBe("answer");
    }
  });

  it("reads a phrase of several words as one (passed away → died)", () => {
    const q = "my father passed away, how do I cancel his hukou";
    expect(withGlossary.explain(q)).toMatchObject({ outcome: "answer", procedureId: "death-registration", unknown: [] });
    expect(without.explain(q).unknown).toContain("away");
  });

  it("applies to the knowledge too, so an example written with the everyday word matches the standard one", () => {
    const colloquial = procedure(
      "school-enrollment",
      { en: "Enrol in primary school", zh: "小学入学" },
      { en: [], zh: ["娃上小学"] },
      { en: [], zh: [] },
    );
    const m = buildMatcher(knowledgeOf([...procedures, colloquial], undefined, GLOSSARY));
    expect(m.match("孩子上小学要带什么")).toMatchObject({ outcome: "answer", procedureId: "school-enrollment" });
  });
});

describe("notFor: questions a procedure must not answer", () => {
  const marriage = Procedure.parse({
    ...PROCEDURES.find((p) => p.id === "marriage-registration")!,
    notFor: { en: ["replace a lost marriage certificate", "marriage certificate notarised for abroad"], zh: ["结婚证丢了怎么补", "结婚证公证"] },
  });
  const m = buildMatcher(knowledgeOf(PROCEDURES.map((p) => (p.id === marriage.id ? marriage : p))));

  it("hands over a question that is the other matter the admin named, and says why", () => {
    for (const q of ["结婚证丢了 怎么补", "I lost our marriage certificate, how do I replace it"]) {
      const r = m.explain(q);
      expect(r.outcome).not.toBe("answer");
      expect(r.noAnswer).toMatch(/marriage-registration is not for/);
    }
  });

  it("keeps words only notFor phrases use unfamiliar, so other questions with them are still not answered", () => {
    const r = m.explain("领证 要做公证吗");
    expect(r.unknown.join(" ")).toContain("公证");
    expect(r.outcome).not.toBe("answer");
    // Also when the word is misspelt into one only a notFor phrase uses ("notarized" → "notarised").
    expect(m.explain("do we get the marriage certificate notarized").unknown).toContain("notarized");
  });

  it("never 'repairs' a notFor phrase's word as a typo into the procedure's own (火车站 is not 火车票)", () => {
    const ticket = procedure(
      "lost-ticket",
      { en: "Claim a lost train ticket", zh: "火车票丢了报销" },
      { en: ["lost train ticket"], zh: ["火车票丢了", "火车票报销"] },
      { en: [], zh: ["火车票丢了怎么报销"] },
    );
    const asTyped = Procedure.parse({ ...ticket, notFor: { zh: ["火车站在哪里"] } });
    expect(buildMatcher(knowledgeOf([...PROCEDURES, ticket])).match("火车站怎么走").outcome).toBe("answer");
    expect(buildMatcher(knowledgeOf([...PROCEDURES, asTyped])).match("火车站怎么走").outcome).not.toBe("answer");
  });

  it("still answers the procedure's own questions", () => {
    expect(m.match("领结婚证要带什么")).toMatchObject({ outcome: "answer", procedureId: "marriage-registration" });
    expect(m.match("we are getting married, what do we bring")).toMatchObject({ outcome: "answer", procedureId: "marriage-registration" });
  });
});

describe("what the citizen says is already done is context, not the request", () => {
  it("answers the next step when the message says the first one is done", () => {
    const en = without.explain("already got my passport renewed, now how do I move my hukou here");
    expect(en).toMatchObject({ outcome: "answer", procedureId: "hukou-transfer" });
    const zh = without.explain("护照已经换好了 现在想迁户口 要带什么");
    expect(zh).toMatchObject({ outcome: "answer", procedureId: "hukou-transfer" });
  });
});
