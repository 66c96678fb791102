import { describe, expect, it } from "vitest";
import { buildMatcher } from "../src/match/match.ts";
import { knowledgeOf, procedure, SETTINGS } from "./match-fixture.ts";

const birth = procedure("birth-registration", { en: "Birth registration", zh: "出生登记" }, { en: [], zh: ["上户口", "报户口"] }, { en: [], zh: ["孩子出生了怎么上户口"] });
const death = procedure("death-registration", { en: "Death registration", zh: "死亡登记" }, { en: [], zh: ["销户口", "注销户口"] }, { en: [], zh: ["家里老人走了 户口怎么销"] });

describe("ranks by what a phrase says, not by its characters scattered in the question", () => {
  it("does not let 上户口 (register a birth) match 户口本上 (on the household booklet) better than 销户口 matches 销掉", () => {
    // 上户口 and 户口本上 share the characters but not the word: the 上 belongs to 本上 here, so the
    // birth phrase must not win on it when a father's death is what the question is about.
    const r = buildMatcher(knowledgeOf([birth, death], SETTINGS)).explain("我爸上个月走了 户口本上还有他 要去派出所销掉 带什么");
    const of = (id: string) => r.scored.find((s) => s.id === id)!;
    expect(of("birth-registration").phraseCov).toBeLessThanOrEqual(of("death-registration").phraseCov);
  });

  it("still counts a character of a phrase that the question has together with its pair", () => {
    const r = buildMatcher(knowledgeOf([birth, death], SETTINGS)).explain("孩子刚出生 要上户口");
    expect(r.scored[0]?.id).toBe("birth-registration");
  });
});
