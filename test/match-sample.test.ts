// The matcher on the knowledge shipped in knowledge/: decisions that depend on what the admin wrote there
// (its notFor phrases), checked together with the rules that read them.
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadMatcher } from "../src/match/load-matcher.ts";
import { queryTokens } from "../src/match/query.ts";
import { vetoLead } from "../src/match/veto.ts";

const SAMPLE = fileURLToPath(new URL("../knowledge", import.meta.url));

describe("the matcher on the sample knowledge", () => {
  let l: Extract<Awaited<ReturnType<typeof loadMatcher>>, { ok: true }>;
  beforeAll(async () => {
    const loaded = await loadMatcher(SAMPLE);
    if (!loaded.ok) throw new Error(loaded.message);
    l = loaded;
  });

  it("does not answer child support after a divorce with divorce registration, though the question is short and noisy", () => {
    // 以后孩子抚养费: the pairs across word boundaries (后孩, 子抚) are unknown noise, not more of the question.
    const r = l.matcher.explain("离婚以后孩子抚养费咋算");
    expect(r.outcome).not.toBe("answer");
    expect(r.noAnswer).toMatch(/divorce-registration is not for "抚养费"/);
    expect(l.matcher.match("协议离婚要带什么")).toMatchObject({ outcome: "answer", procedureId: "divorce-registration" });
  });

  it("answers a short question that names one procedure whole and leads by twice the margin, though another explains its words as well", () => {
    // Divorce examples mention marriage and the civil affairs office too; only marriage is named.
    const r = l.matcher.explain("what should we bring to get married at the civil affairs office?");
    expect(r).toMatchObject({ outcome: "answer", procedureId: "marriage-registration" });
    expect(r.scored[1]!.queryCov).toBeGreaterThanOrEqual(r.scored[0]!.queryCov);
    // Just the shared topic word: which one is still a question.
    expect(l.matcher.match("passport")).toMatchObject({ outcome: "clarify" });
  });

  it("recognises Cantonese small talk, which the sample's intents have examples of", () => {
    expect(l.matcher.match("唔该晒")).toMatchObject({ outcome: "smalltalk", smalltalk: "thanks" });
    expect(l.matcher.match("你系咪机器人啊")).toMatchObject({ outcome: "smalltalk", smalltalk: "who" });
    expect(l.matcher.match("你真系冇用")).toMatchObject({ outcome: "smalltalk", smalltalk: "complaint" });
  });

  it("reads laughter after Chinese small talk (笨啊哈哈哈) as padding, and the internet's 爱了爱了 as thanks", () => {
    expect(l.matcher.match("你好笨啊哈哈哈")).toMatchObject({ outcome: "smalltalk", smalltalk: "complaint" });
    expect(l.matcher.match("谢谢宝 爱了爱了")).toMatchObject({ outcome: "smalltalk", smalltalk: "thanks" });
  });

  it("answers a short question that uses the best one's name words and none of the runner-up's, though the runner-up explains as much", () => {
    // Medical reimbursement examples tell of medical insurance too; only the newborn's enrolment is named (baby).
    const r = l.matcher.explain("new baby at home!! how do we sort out his medical insurance");
    expect(r.scored[1]!.queryCov).toBeGreaterThanOrEqual(r.scored[0]!.queryCov - 0.02);
    expect(r).toMatchObject({ outcome: "answer", procedureId: "newborn-medical-insurance", noAnswer: null });
  });

  it("answers the runner-up of a close call when the clause that asks names it, in English and Chinese", () => {
    const en = l.matcher.explain(
      "My ID card was stolen, the police station is making a new card and it takes a month. I travel next week, can I get a temporary certificate?",
    );
    expect(en.scored[0]!.id).toBe("id-card-replacement");
    expect(en).toMatchObject({ outcome: "answer", procedureId: "temporary-id-certificate", marginWaived: "the clause that asks names the runner-up" });
    // 好几周 ("several weeks") does not ask; 能先开个临时的吗 does.
    // Told as done ("I replaced my lost ID card"), the replacement is the story: the temporary certificate leads.
    const told = "I replaced my lost ID card at the police station and the new card takes a month. I travel next week, can I get a temporary certificate?";
    expect(l.matcher.explain(told).scored[0]!.id).toBe("temporary-id-certificate");
    const zh = l.matcher.explain("身份证丢了，已经在派出所申请补办，要等好几周才能拿到新证。能先开个临时的吗？");
    expect(zh.scored[0]!.id).toBe("id-card-replacement");
    expect(zh).toMatchObject({ outcome: "answer", procedureId: "temporary-id-certificate" });
  });

  it("reads a misspelt glossary word as what it means ('daugher' is a child), but not a short real word ('waves' are no wives)", () => {
    const r = l.matcher.explain("my daugher is 16, how does she get her first ID card");
    expect(r).toMatchObject({ outcome: "answer", procedureId: "id-card-first-application", unknown: [] });
    expect(l.matcher.explain("can my waves help").unknown).toContain("waves");
  });

  it("does not answer a short one-clause question on its lead alone: the lead rests on a word or two", () => {
    // When the yearly resident insurance is due is not a newborn's enrolment, though only that procedure comes near.
    const r = l.matcher.explain("居民医保每年什么时候交");
    expect(r.scored[0]).toMatchObject({ id: "newborn-medical-insurance" });
    expect(r.scored[0]!.score).toBeLessThan(l.knowledge.settings.matching.answerScore);
    expect(r.outcome).toBe("clarify");
    // The sample also has a notFor for it (which explains the outcome first); the lead rule alone rules it out too.
    const q = queryTokens(l.matcher.index, "居民医保每年什么时候交");
    expect(vetoLead(l.matcher.index, l.knowledge.settings.matching, q, r.scored)).toBe("a short question is answered on its score, not on a lead");
  });

  it("answers what a story asks, not the life event it starts with ('we got married last spring', 'married for ten years')", () => {
    expect(l.matcher.match("My husband and I got married last spring. Our son was born last week, how do we register him?")).toMatchObject({
      outcome: "answer",
      procedureId: "birth-registration",
    });
    // Someone else's retirement is their story; the citizen's own may be the matter (notFor: the provident fund at retirement).
    expect(l.matcher.match("My dad retired last year, how does he get a senior card")).toMatchObject({ outcome: "answer", procedureId: "senior-citizen-card" });
    expect(l.matcher.match("I retired and want to take my provident fund out")).toMatchObject({ outcome: "clarify" });
    expect(l.matcher.match("We have been married for ten years and both agree to split up. What do we bring?")).toMatchObject({
      outcome: "answer",
      procedureId: "divorce-registration",
    });
  });

  it("reads a paper the citizen asks whether to bring (离婚要带结婚证吗) as a material of the matter, not as the matter", () => {
    expect(l.matcher.match("离婚要带结婚证吗")).toMatchObject({ outcome: "answer", procedureId: "divorce-registration" });
    expect(l.matcher.match("孩子上学要带居住证吗")).toMatchObject({ outcome: "answer", procedureId: "school-enrollment-non-local" });
    expect(l.matcher.match("上户口需要结婚证吗")).toMatchObject({ outcome: "answer", procedureId: "birth-registration" });
    expect(l.matcher.match("离婚需要结婚证吗")).toMatchObject({ outcome: "answer", procedureId: "divorce-registration" });
    // Not which papers to bring, nor taking someone somewhere.
    const q = (text: string) => queryTokens(l.matcher.index, text);
    expect(q("看病的钱怎么报，要带哪些单子").doneOnly.size).toBe(0);
    expect(q("下个月要带孩子去香港").doneOnly.size).toBe(0);
    expect(q("护照丢了，要怎么补办").doneOnly.size).toBe(0);
  });

  it("needs a notFor phrase made only of the procedure's own words whole: 'business licence' is no 'close my business licence'", () => {
    // An example of the sole proprietor licence says "close to …", so "close my business licence" has no word of its own.
    expect(l.matcher.match("business licence for a one-man repair stall")).toMatchObject({ outcome: "answer", procedureId: "sole-proprietor-license" });
    expect(l.matcher.explain("how do I close my business licence").noAnswer).toBe('sole-proprietor-license is not for "close my business licence"');
  });
});
