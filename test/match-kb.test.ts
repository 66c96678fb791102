import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { runKbTest } from "../src/match/kb-test.ts";
import { weakNames } from "../src/match/weak-names.ts";
import { buildMatcher } from "../src/match/match.ts";
import { knowledgeOf, PROCEDURES, procedure } from "./match-fixture.ts";

describe("the sample knowledge", () => {
  it("still answers a long story that is clearly about one procedure", async () => {
    const report = await loadKnowledge("knowledge");
    const matcher = buildMatcher(report.knowledge!);
    const story =
      "my dad passed away last week at the hospital and the doctor gave us the death certificate, my mum is still " +
      "in shock so i am handling the paperwork, what do we need to cancel his hukou";
    expect(matcher.match(story)).toMatchObject({ outcome: "answer", procedureId: "death-registration" });
    // "full" names another procedure ("passport pages full"), but not one that is plausible here.
    const keys = "we got the keys to our flat from the seller last week and paid in full but the property is still in his name";
    expect(matcher.explain(keys)).toMatchObject({ outcome: "answer", procedureId: "property-registration", noLead: null });
    // Its notFor list has "I just graduated, how do I move my hukou out of the university": without "hukou",
    // the words it shares with the procedure are the procedure's own matter.
    const league = "i graduated from university in june and my new employer asks me to move my league relationship";
    expect(matcher.match(league)).toMatchObject({ outcome: "answer", procedureId: "youth-league-transfer" });
    const zh = "你好 打扰一下 我下个月要出国看父母 昨天翻出护照一看 发现去年就过期了 完全不知道怎么弄 想问一下换护照要带哪些东西";
    expect(matcher.match(zh)).toMatchObject({ outcome: "answer", procedureId: "passport-renewal" });
  });
});

describe("kb test: every example question is answered with its own procedure", () => {
  it("passes on the sample knowledge", async () => {
    const report = await loadKnowledge("knowledge");
    expect(report.errors).toEqual([]);
    const result = runKbTest(report.knowledge!);
    expect(result.failures).toEqual([]);
    expect(result.total).toBeGreaterThan(100);
  });

  it("names the procedure, the question and what the matcher did instead when an example fails", () => {
    // Two procedures sharing an identical example: the question cannot tell them apart.
    const twin = procedure(
      "passport-renewal-copy",
      { en: "Renew a passport (copy)", zh: "换护照（副本）" },
      { en: [], zh: [] },
      { en: ["my passport expired, how do I get a new one"], zh: [] },
    );
    const result = runKbTest(knowledgeOf([...PROCEDURES, twin]));
    const failure = result.failures.find((f) => f.procedureId === "passport-renewal-copy");
    expect(failure).toBeDefined();
    expect(failure!.question).toBe("my passport expired, how do I get a new one");
    expect(failure!.got).toMatch(/passport-renewal/);
    const examples = [...PROCEDURES, twin].reduce((n, p) => n + (p.examples.en?.length ?? 0) + (p.examples.zh?.length ?? 0), 0);
    expect(result.total).toBe(examples);
  });
});

describe("kb test: aliases that say nothing their procedure does not share", () => {
  it("names an alias that boilerplate reduces to a word another procedure is also named by", () => {
    const vague = PROCEDURES.map((p) =>
      p.id === "passport-first-application" ? { ...p, aliases: { ...p.aliases, zh: [...(p.aliases.zh ?? []), "办理护照"] } } : p,
    );
    const knowledge = knowledgeOf(vague);
    expect(weakNames(knowledge, buildMatcher(knowledge).index)).toEqual([
      { procedureId: "passport-first-application", alias: "办理护照", reads: ["护照"], alsoNamed: ["passport-renewal"] },
    ]);
  });

  it("finds none in the sample knowledge", async () => {
    const report = await loadKnowledge("knowledge");
    expect(weakNames(report.knowledge!, buildMatcher(report.knowledge!).index)).toEqual([]);
  });
});
