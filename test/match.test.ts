import { describe, expect, it } from "vitest";
import { buildMatcher } from "../src/match/match.ts";
import { queryTokens } from "../src/match/query.ts";
import { scoreAll } from "../src/match/score.ts";
import { askedForBest, namedInStory } from "../src/match/tiebreak.ts";
import { knowledgeOf, procedure, PROCEDURES, SETTINGS } from "./match-fixture.ts";

const matcher = buildMatcher(knowledgeOf());

/** Whether a question read by matcher `m` tells token `token` only as done (the story, not the request). */
const toldDone = (m: ReturnType<typeof buildMatcher>, token: string) => (text: string) =>
  queryTokens(m.index, text).doneOnly.has(m.index.vocab.get(token)!);
const ask = (q: string) => matcher.match(q);
/** A procedure whose stories name the residence permit and public housing too (tiebreak tests). */
const SCHOOL = procedure("school-enrollment", { en: "Enrol a non-local child in primary school", zh: "随迁子女入学" },
  { en: ["primary school place", "enrol my child in primary school"], zh: ["外地孩子上小学"] },
  { en: ["we are not local, how can our child start primary school here"], zh: ["外地户口孩子上小学要什么"] });

describe("answers when one procedure is clearly the one", () => {
  it("answers a plain English question with its procedure", () => {
    const r = ask("my passport expired, what do I need to renew it?");
    expect(r).toMatchObject({ outcome: "answer", procedureId: "passport-renewal", lang: "en" });
  });

  it("answers a plain Chinese question with its procedure", () => {
    const r = ask("护照过期了 换护照要带什么材料");
    expect(r).toMatchObject({ outcome: "answer", procedureId: "passport-renewal", lang: "zh" });
  });

  it("reads traditional Chinese like simplified", () => {
    expect(ask("護照過期了怎麼換")).toMatchObject({ outcome: "answer", procedureId: "passport-renewal" });
  });

  it("forgives English typos", () => {
    expect(ask("pasport expird what do i need")).toMatchObject({ outcome: "answer", procedureId: "passport-renewal" });
    // Two edits in a long word, first and last letters kept.
    expect(ask("how do i get a resedince permit")).toMatchObject({ outcome: "answer", procedureId: "residence-permit" });
    // Swapped letters in a word of the boilerplate of asking are boilerplate too.
    expect(ask("waht do i bring to renew my passport")).toMatchObject({ outcome: "answer", procedureId: "passport-renewal" });
  });

  it("forgives a letter typed twice in a short word ('movve' is move), but not any letter too many ('movie' is no move)", () => {
    expect(ask("how do i movve my hukou")).toMatchObject({ outcome: "answer", procedureId: "hukou-transfer" });
    expect(matcher.explain("how do i movie my hukou").unknown).toEqual(["movie"]);
  });

  it("reads pinyin as the characters the knowledge uses, among English or Chinese words", () => {
    expect(ask("jiehun dengji 要带什么")).toMatchObject({ outcome: "answer", procedureId: "marriage-registration", lang: "zh" });
    expect(ask("huzhao guoqi le zenme ban")).toMatchObject({ outcome: "answer", procedureId: "passport-renewal", lang: "en" });
    expect(ask("what do i bring to ban juzhuzheng")).toMatchObject({ outcome: "answer", procedureId: "residence-permit" });
    // Beside Chinese characters, pinyin words side by side are pinyin even when they read as boilerplate (办理).
    expect(matcher.index.pinyin.read("how to ban li 护照 renewal")).toBe("how to 办理 护照 renewal");
    expect(matcher.explain("how to ban li 护照 renewal")).toMatchObject({ outcome: "answer", procedureId: "passport-renewal", unknown: [] });
    // English grammar words that spell syllables ("me", "a") are read inside such a run.
    expect(matcher.explain("di bao zen me shen qing a")).toMatchObject({ outcome: "answer", procedureId: "subsistence-allowance", unknown: [] });
    // A name said half in each language ("hukou 迁移": "move my hukou", 户口迁移) is matched by both halves.
    const mixed = matcher.explain("办 hukou 迁移 need what");
    expect(mixed).toMatchObject({ outcome: "answer", procedureId: "hukou-transfer" });
    expect(mixed.scored[0]!.phrase).toMatch(/hukou.* \+ 户口迁移/);
    // A run is cut where the most of it reads: "zenme bu ban" is 怎么 补办, not 怎么不 and a "ban" left over.
    expect(matcher.index.pinyin.read("huzhao diule zenme bu ban")).toBe("护照丢了 怎么 补办");
  });

  it("reads a number with a unit of age or order ('16yo', '3rd') as a quantity and a lone 能 as boilerplate, not as words it does not know", () => {
    expect(ask("my 16yo needs a first passport")).toMatchObject({ outcome: "answer", procedureId: "passport-first-application" });
    expect(ask("能换护照吗")).toMatchObject({ outcome: "answer", procedureId: "passport-renewal" });
  });

  it("reads a Chinese clause about a matter already finished (换护照的事办完了) as background, not as the question", () => {
    expect(ask("护照过期了换护照的事办完了，老婆第一次办护照要带什么")).toMatchObject({ outcome: "answer", procedureId: "passport-first-application" });
    // 迁好 says the move is finished: no word the knowledge lacks.
    expect(matcher.explain("户口刚迁好 居住证咋办")).toMatchObject({ outcome: "answer", procedureId: "residence-permit", unknown: [] });
    // In a clause that only tells, what follows the finished verb is done too: the marriage, not the move.
    expect(ask("上个月刚办完结婚登记，现在户口怎么迁过来")).toMatchObject({ outcome: "answer", procedureId: "hukou-transfer" });
    // An application granted (低保批下来了, 申请下来了) is finished too.
    expect(toldDone(matcher, "低保")("低保批下来了，居住证咋办")).toBe(true);
    // Losing is no finishing: 丢了 stays the problem asked about.
    expect(ask("护照丢了 补办要带什么")).toMatchObject({ outcome: "answer", procedureId: "passport-renewal" });
  });

  it("reads 'sorted', 'finished' and 'completed' like 'already': what follows is done, not asked", () => {
    expect(ask("we've sorted our hukou move, now how do we get a residence permit")).toMatchObject({ outcome: "answer", procedureId: "residence-permit" });
  });

  it("reads what follows a procedure's verb in the past ('renewed', 'moved', 'registered') as done, unless the clause already asks", () => {
    expect(ask("I renewed my passport last year, what do I bring to move my hukou here")).toMatchObject({ outcome: "answer", procedureId: "hukou-transfer" });
    // Once the clause asks, the verb is what is asked for, not the story.
    expect(queryTokens(matcher.index, "how do I get my passport renewed with my hukou").doneOnly.size).toBe(0);
    expect(queryTokens(matcher.index, "I renewed my passport with my hukou").doneOnly.size).toBeGreaterThan(0);
    expect(queryTokens(matcher.index, "we did her hukou last week").doneOnly.size).toBeGreaterThan(0);
    expect(queryTokens(matcher.index, "we registered our marriage in 2021").doneOnly.size).toBeGreaterThan(0);
    // A family member is a subject too ("my dad moved …"), and "retired" tells their story (not the citizen's own).
    expect(toldDone(matcher, "hukou")("my dad moved his hukou here last year. how do I get a residence permit")).toBe(true);
    // A result after what it is about ("we got our dibao approved") tells it is done, unless wished for or negated.
    const dibao = toldDone(matcher, "dibao");
    expect(dibao("we got our dibao approved, how do I get a residence permit")).toBe(true);
    expect(dibao("I want my dibao approved, how do I get a residence permit")).toBe(false);
    expect(dibao("our dibao was never approved, how do I get a residence permit")).toBe(false);
    // After its object the verb is what is wanted, not what was done.
    expect(queryTokens(matcher.index, "I want my passport renewed with my hukou").doneOnly.size).toBe(0);
  });

  it("reads what is left for 'later' as the story, not the request", () => {
    const q = "we are getting married next month and later we will move my hukou to his district, what do we bring to register the marriage";
    expect(ask(q)).toMatchObject({ outcome: "answer", procedureId: "marriage-registration" });
  });

  it("leaves English words that happen to spell syllables as English ('the staff were rude', 'women', 'game')", () => {
    for (const q of ["the staff were rude", "what game is on tonight", "can women apply", "switch to low power mode"]) {
      expect(matcher.index.pinyin.read(q), q).toBeNull();
    }
    // Noise that spells syllables is no pinyin either: one syllable over and over, or hundreds of them.
    expect(matcher.index.pinyin.read("ban ban ban ban ban")).toBeNull();
    expect(matcher.index.pinyin.read("hu zhao ".repeat(40))).toBeNull();
  });

  it("never takes a place word after a noun for a typo (地铁上丢了 is not 铁票丢了)", () => {
    const ticket = procedure("lost-ticket", { en: "Reimbursement for a lost train ticket", zh: "车票遗失报销" },
      { en: ["lost train ticket"], zh: ["车票丢了"] }, { en: ["lost my train ticket, can I still claim it"], zh: ["高铁票丢了报销"] });
    const m = buildMatcher(knowledgeOf([ticket, ...PROCEDURES]));
    const words = queryTokens(m.index, "钱包在地铁上丢了，后天要坐高铁").all.map((t) => t.t);
    expect(words).not.toContain("票丢");
    expect(words).toContain("上");
  });

  it("forgives a Chinese typo between two known characters (护招丢了 → 护照丢了)", () => {
    expect(ask("护招丢了 补办要带啥")).toMatchObject({ outcome: "answer", procedureId: "passport-renewal" });
  });

  it("repairs a Chinese typo made on a pinyin keyboard: a character read like the right one (签 for 迁, 报 for 保)", () => {
    expect(ask("户口签移怎么办")).toMatchObject({ outcome: "answer", procedureId: "hukou-transfer" });
    expect(ask("低报怎么申请")).toMatchObject({ outcome: "answer", procedureId: "subsistence-allowance" });
    expect(ask("居注证")).toMatchObject({ outcome: "answer", procedureId: "residence-permit" });
  });

  it("repairs a pinyin typo beside a character it happens to form a known pair with (办户照 is 办护照, not 办户口)", () => {
    const passport = procedure("passport-first-application", { en: "Apply for a passport for the first time", zh: "首次申领护照" },
      { en: ["first passport"], zh: ["第一次办护照"] }, { en: ["never had a passport"], zh: ["从来没办过护照"] });
    const hukou = procedure("hukou-transfer", { en: "Move your hukou here", zh: "户口迁入" }, { en: ["hukou transfer"], zh: ["办户口迁移"] },
      { en: ["move my hukou"], zh: ["办户口要带什么"] });
    const r = buildMatcher(knowledgeOf([passport, hukou])).match("第一次办户照要带啥");
    expect(r).toMatchObject({ outcome: "answer", procedureId: "passport-first-application" });
  });

  it("repairs a two-character run only into a word of some procedure's names, not into a pair an example happens to have (上海 is no 上还)", () => {
    const id = procedure("id-card-replacement", { en: "Replace a lost ID card", zh: "补办身份证" }, { en: ["lost ID card"], zh: ["身份证丢了"] },
      { en: ["I lost my ID card"], zh: ["身份证丢了 路上还要用"] });
    const m = buildMatcher(knowledgeOf([id, ...PROCEDURES]));
    expect(m.explain("明天去上海").unknown).toContain("上海");
    expect(m.match("低报怎么申请")).toMatchObject({ outcome: "answer", procedureId: "subsistence-allowance" });
  });

  it("never repairs a number into another (上二年级, the second grade, is not 上一年级)", () => {
    const school = procedure("school-enrollment", { en: "Enrol a child in the first grade", zh: "小学一年级入学" }, { en: ["first grade"], zh: ["孩子上一年级"] },
      { en: ["my child starts first grade"], zh: ["孩子九月上一年级"] });
    const m = buildMatcher(knowledgeOf([school, ...PROCEDURES]));
    expect(m.explain("孩子上一年级").scored[0]).toMatchObject({ id: "school-enrollment", phraseCov: 1 });
    expect(m.explain("孩子上二年级").scored.find((s) => s.id === "school-enrollment")!.phraseCov).toBeLessThan(0.9);
  });

  it("repairs a character read alike that joins neither neighbour into a word of a name it makes with one (落护口, 落湖 → 落户)", () => {
    const birth = procedure("birth-registration", { en: "Register a newborn's hukou", zh: "新生儿落户" }, { en: ["register newborn"], zh: ["落户", "报户口"] },
      { en: ["our baby was born, how do we register her"], zh: ["孩子出生了怎么落户"] });
    const m = buildMatcher(knowledgeOf([birth, ...PROCEDURES]));
    expect(m.explain("孩子出生了，落护口要带啥")).toMatchObject({ outcome: "answer", procedureId: "birth-registration", unknown: [] });
    expect(m.explain("孩子出生了，登记落湖要带啥")).toMatchObject({ outcome: "answer", procedureId: "birth-registration", unknown: [] });
    // A place the knowledge does not name stays as written.
    expect(m.explain("去西湖玩要带啥").unknown).toContain("西湖玩");
  });

  it("repairs a character read nearly alike (省 sheng for 身 shen) only where it starts three known characters in a row", () => {
    const id = procedure("id-card-replacement", { en: "Replace a lost ID card", zh: "补办身份证" }, { en: ["lost ID card"], zh: ["身份证丢了"] },
      { en: ["I lost my ID card"], zh: ["身份证丢了怎么补"] });
    const m = buildMatcher(knowledgeOf([id, ...PROCEDURES]));
    expect(m.match("省份证丢了怎么补")).toMatchObject({ outcome: "answer", procedureId: "id-card-replacement" });
    expect(m.explain("我老家是哪个省份").unknown).toContain("省份");
  });

  it("reads words for who asks and how urgently ('fastest', 'client') like places: no sign of another matter", () => {
    expect(matcher.explain("fastest way to renew my passport")).toMatchObject({ outcome: "answer", procedureId: "passport-renewal", unknown: [] });
    expect(matcher.explain("my client lost her passport, how to replace it")).toMatchObject({ outcome: "answer", procedureId: "passport-renewal", unknown: [] });
    // Still unexplained: a question made mostly of them is no confident answer.
    expect(matcher.explain("fastest way to renew my passport").scored[0]!.queryCov).toBeLessThan(1);
  });

  it("reads time, measure and degree words (之前, 以后, 一趟, 才行, 实在, zero) as grammar, not as words the knowledge lacks", () => {
    expect(matcher.explain("护照过期了 以后再去一趟 怎么换")).toMatchObject({ outcome: "answer", procedureId: "passport-renewal", unknown: [] });
    expect(matcher.explain("护照过期了，之前跑过一趟，换护照要带什么").unknown).not.toContain("之前跑过一趟");
    // Nor are "really" (实在, 特别) and "zero" words of a matter of their own.
    expect(matcher.explain("护照实在是过期了 怎么换")).toMatchObject({ outcome: "answer", procedureId: "passport-renewal", unknown: [] });
    expect(matcher.explain("zero pages left in my passport, how do i renew it").unknown).not.toContain("zero");
    // Nor the forms of the boilerplate's verbs ("taken", "went"), nor 得花 of 得花多少钱 (the fee is part of every answer).
    expect(matcher.explain("my passport was taken in a robbery, how do i renew it").unknown).not.toContain("taken");
    // Nor are "including", "run" (a shop) and a misspelt "runing", nor 约好 (arranged), words of a matter.
    expect(matcher.explain("its just me runing it, including the visa, how do i renew my passport").unknown).toEqual(["visa"]);
    expect(matcher.explain("护照过期了，约好下周去换")).toMatchObject({ outcome: "answer", procedureId: "passport-renewal", unknown: [] });
    // Sichuan speech asks with its own words (咋个, 得行不).
    expect(matcher.explain("护照过期了，咋个换嘛，得行不")).toMatchObject({ outcome: "answer", procedureId: "passport-renewal", unknown: [] });
    // Holidays and days of a week (国庆, 下周二) say when, not what.
    expect(matcher.explain("护照过期了，国庆下周二就去换")).toMatchObject({ outcome: "answer", procedureId: "passport-renewal", unknown: [] });
    // Nor 出证 (when the paper is issued), nor a known verb with its result or direction (寄上, 交上).
    // (多久 is a word this small knowledge lacks.)
    expect(matcher.explain("护照过期了，换护照多久出证").unknown).toEqual(["多久"]);
    expect(matcher.explain("护照丢了，补上要多久").unknown).toEqual(["多久"]);
  });

  it("counts a phrase's one-character verb as a whole word: 身份证被偷了 is far from whole in 身份证到期了", () => {
    const stolen = procedure("id-card-replacement", { en: "Replace a lost ID card", zh: "补领身份证" }, { en: ["lost ID card"], zh: ["身份证被偷了"] },
      { en: ["my ID card was stolen"], zh: ["身份证被偷了怎么办"] });
    const m = buildMatcher(knowledgeOf([stolen, ...PROCEDURES]));
    const expiring = m.explain("身份证到期了咋办").scored.find((s) => s.id === "id-card-replacement")!;
    expect(expiring.phrase).toBe("身份证被偷了");
    // Without 偷 (one character, apart from its neighbours) the phrase is far from whole; a pair's worth is missing.
    expect(expiring.phraseCov).toBeLessThan(0.8);
    expect(m.explain("身份证被偷了").scored[0]).toMatchObject({ id: "id-card-replacement", phraseCov: 1 });
  });

  it("reads a Chinese object put before its verb as the verb-first name ('护照咋换' is 换护照)", () => {
    const inverted = matcher.explain("护照咋换");
    expect(inverted).toMatchObject({ outcome: "answer", procedureId: "passport-renewal" });
    expect(inverted.scored[0]!.score).toBe(matcher.explain("咋换护照").scored[0]!.score);
    // 加护 is no pair the knowledge uses: 户口本上咋加 is not 加户口本上.
    expect(matcher.explain("户口本上咋加").scored[0]!.score).toBe(matcher.explain("户口本上 加").scored[0]!.score);
  });

  it("understands mixed-language questions", () => {
    expect(ask("how to apply for 低保 what documents")).toMatchObject({ outcome: "answer", procedureId: "subsistence-allowance" });
    expect(ask("我的passport expired了 要带什么")).toMatchObject({ outcome: "answer", procedureId: "passport-renewal" });
  });

  it("gives the same decision and score whatever question boilerplate surrounds the words", () => {
    const bare = matcher.explain("renew passport");
    for (const q of ["what do I need to bring to renew my passport", "please tell me what documents I need to renew passport?"]) {
      const r = matcher.explain(q);
      expect(r.outcome).toBe("answer");
      expect(r.scored[0]).toMatchObject({ id: "passport-renewal", score: bare.scored[0]!.score });
    }
    const zh = matcher.explain("换护照");
    expect(matcher.explain("请问换护照需要带什么材料").scored[0]?.score).toBe(zh.scored[0]?.score);
    // 弄/搞 ("do", "get") and 这/那 ("this", "that") are grammar, not words the knowledge might lack.
    const lost = matcher.explain("护照 丢了").scored[0]?.score;
    for (const q of ["把护照弄丢了", "护照搞丢了"]) expect(matcher.explain(q).scored[0]?.score).toBe(lost);
    expect(matcher.explain("那护照丢了").scored[0]?.score).toBe(matcher.explain("护照丢了").scored[0]?.score);
  });

  it("answers a story whose one plausible procedure is far ahead of the rest, though its score is below answerScore", () => {
    const r = matcher.explain("护照快过期了 下个月全家出国旅游 机票都买好了 要去换 带什么");
    expect(r.scored[0]!.score).toBeLessThan(SETTINGS.matching.answerScore);
    expect(r).toMatchObject({ outcome: "answer", procedureId: "passport-renewal" });
  });

  it("settles a close call between two matters by the clause that asks: the story names one, the question the other", () => {
    const m = buildMatcher(knowledgeOf([SCHOOL, ...PROCEDURES]));
    const story = "Our non-local family got residence permits for us and our child.";
    expect(m.explain(`${story} How can our child start primary school?`)).toMatchObject({
      outcome: "answer",
      procedureId: "school-enrollment",
      marginWaived: "the clause that asks names it",
    });
    // The same words as one clause, or a question that asks for both: which one is still a question.
    expect(m.match("Our non-local family got residence permits for us and our child and how can our child start primary school")).toMatchObject({ outcome: "clarify" });
    expect(m.match(`${story} How can our child start primary school, and renew the residence permit?`)).toMatchObject({ outcome: "clarify" });
    // "We are …" tells, it does not ask: that clause is still the story.
    expect(m.match("We are a non-local family and got residence permits for us and our child. How can our child start primary school?")).toMatchObject({
      outcome: "answer",
      procedureId: "school-enrollment",
    });
  });

  it("reads a clause that asks with no word of its own as asking about the clause before it", () => {
    const m = buildMatcher(knowledgeOf([SCHOOL, ...PROCEDURES]));
    expect(m.explain("Our non-local family got residence permits for us and our child. Now primary school for our child, how do we do that?")).toMatchObject({
      outcome: "answer",
      procedureId: "school-enrollment",
      marginWaived: "the clause that asks names it",
    });
  });

  it("takes a Chinese clause that tells a procedure was done (办了, 补了) or its paper is had (都有居住证) as the story, not the request", () => {
    const m = buildMatcher(knowledgeOf([SCHOOL, ...PROCEDURES]));
    expect(m.match("我们外地户口，全家都办了居住证。现在孩子上小学，要带什么？")).toMatchObject({ outcome: "answer", procedureId: "school-enrollment" });
    expect(m.match("我们外地户口，全家都有居住证。现在孩子上小学，要带什么？")).toMatchObject({ outcome: "answer", procedureId: "school-enrollment" });
    expect(m.match("我们外地户口，居住证早就有了。现在孩子上小学，要带什么？")).toMatchObject({ outcome: "answer", procedureId: "school-enrollment" });
    expect(m.match("我们外地户口，有居住证。现在孩子上小学，要带什么？")).toMatchObject({ outcome: "answer", procedureId: "school-enrollment" });
    // What comes "besides" (除了…还) is had already, not asked.
    expect(m.match("除了居住证，孩子上小学还要带什么")).toMatchObject({ outcome: "answer", procedureId: "school-enrollment" });
    // What follows once it is done ("办了…就能") is no story of a done matter: the permit is still asked for.
    expect(m.match("听说办了居住证就能上小学，居住证怎么办")).toMatchObject({ outcome: "answer", procedureId: "residence-permit" });
    // Nor is what the citizen has heard of: "听人说办了那个证…方便" tells what the paper is good for.
    expect(queryTokens(m.index, "听人说办了居住证孩子上小学方便，那个证咋办").doneOnly.size).toBe(0);
    expect(queryTokens(m.index, "我们办了居住证，孩子上小学咋办").doneOnly.size).toBeGreaterThan(0);
  });

  it("reads the state a life event left ('my parents are divorced', 'we got married last year') and who someone is ('I'm a …') as the story, not the request", () => {
    const m = buildMatcher(knowledgeOf());
    const done = toldDone(m, "marri");
    expect(done("we got married last year. how do I move my hukou to this district")).toBe(true);
    expect(done("we have been married for years, how do I move my hukou to this district")).toBe(true);
    // Getting married lies ahead; and a clause that has asked already asks for it.
    expect(done("we are getting married, how do I move my hukou")).toBe(false);
    expect(done("how do we register now that we are married")).toBe(false);
    // Who someone is ("I'm a …", "we are …") is the story too; what they are doing ("I'm renewing …") may be the request.
    const passport = toldDone(m, "passport");
    expect(passport("I'm a passport holder from Kenya, how do I move my hukou")).toBe(true);
    expect(passport("we are passport holders from Kenya, how do I move my hukou")).toBe(true);
    expect(passport("I'm renewing my passport, how do I move my hukou")).toBe(false);
  });

  it("reads a Chinese clause that only says the citizen has it all (我都有) as having what the clause before names", () => {
    const m = buildMatcher(knowledgeOf([SCHOOL, ...PROCEDURES]));
    const q = "社区说上小学要居住证和社保证明，我都有。孩子上小学怎么报名？";
    expect(m.match(q)).toMatchObject({ outcome: "answer", procedureId: "school-enrollment" });
    const permit = toldDone(m, "居住");
    expect(permit(q)).toBe(true);
    // Not when the clause before asked for it, nor without the "having" clause.
    expect(permit("居住证要带什么？我都有。孩子上小学怎么报名？")).toBe(false);
    expect(permit("社区说上小学要居住证和社保证明。孩子上小学怎么报名？")).toBe(false);
  });

  it("reads a life event that has not happened (还没退休, 没结婚), the state it left (结婚两年) or who the citizen is (我们是外地人) as the story, and a wish (想把证领了) as no done matter", () => {
    const m = buildMatcher(knowledgeOf([SCHOOL, ...PROCEDURES]));
    const married = toldDone(m, "结婚");
    expect(married("我们还没结婚，孩子上小学要什么")).toBe(true);
    // …or the state one left (结婚两年, 离婚了), but not what the citizen means to do (想离婚了).
    expect(married("我们结婚两年了，孩子上小学要什么")).toBe(true);
    expect(married("我们刚结婚，孩子上小学要什么")).toBe(true);
    expect(married("想结婚了，孩子上小学要什么")).toBe(false);
    expect(married("结婚证丢了，孩子上小学要什么")).toBe(false);
    // Who the citizen is (我们是外地人) is the story too.
    const nonLocal = toldDone(m, "外地");
    expect(nonLocal("我们是外地人，孩子上小学要什么")).toBe(true);
    expect(nonLocal("外地人孩子上小学要什么")).toBe(false);
    // 领了 tells a done matter, but not after 想 (or 要, 打算, 准备) anywhere before it.
    const done = toldDone(m, "居住");
    expect(done("居住证领了，孩子上小学要什么")).toBe(true);
    expect(done("想把居住证领了，孩子上小学要什么")).toBe(false);
  });

  it("does not settle a close call by the clause that asks when a third plausible matter owns what it asks", () => {
    const rental = procedure("public-rental-housing", { en: "Apply for public rental housing", zh: "申请公租房" },
      { en: ["public rental flat", "public housing"], zh: ["公租房"] }, { en: ["can a non-local family rent a public flat"], zh: ["外地人能申请公租房吗"] });
    const m = buildMatcher(knowledgeOf([SCHOOL, rental, ...PROCEDURES]));
    // Public housing leads and has "public" in the question, but the school is what is asked.
    const r = m.match("Our non-local family rents a flat and got residence permits. Can our child go to the public primary school?");
    expect(r.outcome).toBe("clarify");
    expect(r.candidates.map((c) => c.id)).toContain("school-enrollment");
  });

  it("counts a third matter within two margins of the best as a rival for what is asked, even when it is a weak candidate", () => {
    const rental = procedure("public-rental-housing", { en: "Apply for public rental housing", zh: "申请公租房" },
      { en: ["public rental flat", "public housing"], zh: ["公租房"] }, { en: ["can a non-local family rent a public flat"], zh: ["外地人能申请公租房吗"] });
    const knowledge = knowledgeOf([SCHOOL, rental, ...PROCEDURES]);
    const m = buildMatcher(knowledge);
    const q = queryTokens(m.index, "Our non-local family rents a flat and got residence permits. Can our child go to the public primary school?");
    const scored = scoreAll(m.index, q);
    // The same evidence with chosen scores: school first, the residence permit close behind, public housing
    // (which owns "public" of the asking clause) further down.
    const at = (id: string, score: number) => ({ ...scored.find((s) => s.id === id)!, score });
    const close = [at("school-enrollment", 0.5), at("residence-permit", 0.48)];
    expect(askedForBest(m.index, knowledge.settings.matching, q, [...close, at("public-rental-housing", 0.4)])).toBe(false);
    expect(askedForBest(m.index, knowledge.settings.matching, q, [...close, at("public-rental-housing", 0.3)])).toBe(true);
  });

  it("settles a close call in a story that uses only the best one's name words, whatever the runner-up's examples share", () => {
    const pension = procedure("pension-application", { en: "Apply for a pension", zh: "申领养老金" },
      { en: ["pension", "retirement pension"], zh: ["养老金"] }, { en: ["how do I start my pension"], zh: ["养老金怎么领"] });
    const unemployment = procedure("unemployment-benefit", { en: "Claim unemployment benefit", zh: "申领失业金" },
      { en: ["unemployment benefit"], zh: ["失业金"] }, { en: ["my employer let me go and I need monthly payments"], zh: ["失业金怎么领"] });
    const m = buildMatcher(knowledgeOf([pension, unemployment, ...PROCEDURES]));
    const story = queryTokens(m.index, "after 30 years my employer says I must file papers before I leave so my monthly pension payments start");
    const scored = scoreAll(m.index, story);
    const at = (id: string, score: number) => ({ ...scored.find((x) => x.id === id)!, score });
    expect(namedInStory(m.index, story, [at("pension-application", 0.6), at("unemployment-benefit", 0.55)], 6)).toBe(true);
    // The other way round the best is not named at all; and a short question is left to the margin.
    expect(namedInStory(m.index, story, [at("unemployment-benefit", 0.6), at("pension-application", 0.55)], 6)).toBe(false);
    const short = queryTokens(m.index, "monthly pension payments");
    expect(namedInStory(m.index, short, [at("pension-application", 0.6), at("unemployment-benefit", 0.55)], 6)).toBe(false);
  });

  it("answers on a lead a story that has a name of the procedure whole, though it explains only half of the story", () => {
    const r = matcher.explain("I have never had a passport, my boss sends me to a fair");
    expect(r.scored[0]!.queryCov).toBeLessThan(0.6);
    expect(r).toMatchObject({ outcome: "answer", procedureId: "passport-first-application" });
    // Less than half explained is too little, whole name or not.
    expect(matcher.explain("never had a passport, my boss is sending me abroad in spring").outcome).toBe("clarify");
  });

  it("does not answer on a lead alone when the procedure explains less than most of the question", () => {
    const r = matcher.explain("passport nearly expired, family holiday abroad, flights booked, hotel paid, kids excited, what do we bring");
    expect(r.outcome).toBe("clarify");
    expect(r.candidates[0]?.id).toBe("passport-renewal");
    expect(r.noLead).toMatch(/unexplained/);
  });

  it("does not count what the citizen says they do NOT want as evidence for it", () => {
    expect(ask("I am not planning to move my hukou, I just need a residence permit")).toMatchObject({
      outcome: "answer",
      procedureId: "residence-permit",
    });
    expect(ask("不想迁户口 就想办个居住证")).toMatchObject({ outcome: "answer", procedureId: "residence-permit" });
  });
});

describe("asks when several procedures are plausible", () => {
  it("offers the candidates, best first, when an English question fits more than one", () => {
    const r = ask("passport");
    expect(r.outcome).toBe("clarify");
    expect(r.candidates.map((c) => c.id).sort()).toEqual(["passport-first-application", "passport-renewal"]);
    expect(r.procedureId).toBeNull();
  });

  it("offers the candidates for a Chinese question that fits more than one", () => {
    const r = ask("护照");
    expect(r.outcome).toBe("clarify");
    expect(r.candidates.map((c) => c.id)).toContain("passport-renewal");
    expect(r.candidates.map((c) => c.id)).toContain("passport-first-application");
  });

  it("asks which one when a short question mixes two matters (a marriage certificate, and replacing something lost)", () => {
    // Even when the admin accepts low scores, the mix is a reason to ask rather than answer.
    const lenient = knowledgeOf(PROCEDURES, { ...SETTINGS, matching: { ...SETTINGS.matching, answerScore: 0.3, clarifyScore: 0.3 } });
    const r = buildMatcher(lenient).explain("结婚证丢了怎么补办");
    expect(r.outcome).toBe("clarify");
    expect(r.candidates.map((c) => c.id)).toEqual(["marriage-registration", "passport-renewal"]);
    expect(r.noAnswer).not.toBeNull();
  });

  it("answers when another procedure shares only a word in passing, none of its names ('living' of 'minimum living allowance')", () => {
    expect(ask("renew expired passport, living alone")).toMatchObject({ outcome: "answer", procedureId: "passport-renewal" });
    expect(ask("护照过期了换护照 生活")).toMatchObject({ outcome: "answer", procedureId: "passport-renewal" });
  });

  it("does not answer a procedure that only shares words in passing when another one's name is in the question", () => {
    // Divorce examples mention marrying and the office; the question names getting married.
    const divorce = procedure("divorce-registration", { en: "Register a divorce", zh: "离婚登记" }, { en: ["divorce by agreement"], zh: ["协议离婚"] },
      { en: ["we married young and now both agree to divorce at the civil affairs office"], zh: ["两个人都同意 去民政局离婚"] });
    const r = buildMatcher(knowledgeOf([...PROCEDURES, divorce])).explain("what do we bring to get married at the civil affairs office");
    expect(r.scored[0]?.id).toBe("divorce-registration");
    expect(r.outcome).not.toBe("answer");
    expect(r.noAnswer).toMatch(/marriage-registration is named/);
  });

  it("answers two related procedures asked for together with the first, whose answer offers the second", () => {
    const q = "下周结婚登记 领结婚证 然后户口迁移 户口怎么迁过来 都要带什么";
    // Unrelated, two whole names about equally strong are a reason to ask which one.
    expect(ask(q).outcome).toBe("clarify");
    const linked = PROCEDURES.map((p) =>
      p.id === "marriage-registration" ? { ...p, related: [{ id: "hukou-transfer", reason: { en: "Moving to join a spouse needs the marriage registered first." } }] } : p,
    );
    const r = buildMatcher(knowledgeOf(linked)).explain(q);
    expect(r).toMatchObject({ outcome: "answer", procedureId: "marriage-registration", marginWaived: "both are named and related" });
    expect(r.candidates.map((c) => c.id)).toContain("hukou-transfer");
  });

  it("treats a bare topic word as a topic: asks about it, unless it is a whole name of one procedure", () => {
    expect(ask("hukou")).toMatchObject({ outcome: "clarify", candidates: [expect.objectContaining({ id: "hukou-transfer" })] });
    expect(ask("dibao")).toMatchObject({ outcome: "answer", procedureId: "subsistence-allowance" });
    expect(ask("低保")).toMatchObject({ outcome: "answer", procedureId: "subsistence-allowance" });
  });

  it("answers a few words that are all the procedure's own name words, though no name is there whole", () => {
    expect(ask("living allowance")).toMatchObject({ outcome: "answer", procedureId: "subsistence-allowance" });
    expect(ask("household registration")).toMatchObject({ outcome: "answer", procedureId: "hukou-transfer" });
    // Words only an example question uses are not enough: "district" is no name of hukou-transfer.
    expect(ask("hukou district")).toMatchObject({ outcome: "clarify", candidates: [expect.objectContaining({ id: "hukou-transfer" })] });
  });

  it("reads 'what are the conditions', 'some kind of', 'somewhere' and 'whatever it's called' as the boilerplate of asking", () => {
    expect(ask("低保有什么条件")).toMatchObject({ outcome: "answer", procedureId: "subsistence-allowance" });
    expect(ask("what kind of paperwork for dibao")).toMatchObject({ outcome: "answer", procedureId: "subsistence-allowance" });
    expect(ask("lost passport somewhere")).toMatchObject({ outcome: "answer", procedureId: "passport-renewal" });
    expect(ask("the dibao scheme or whatever it's called")).toMatchObject({ outcome: "answer", procedureId: "subsistence-allowance" });
  });

  it("never answers a short question that contains a word the knowledge does not know", () => {
    // "court" is nowhere in the knowledge: this is not the passport procedure, whatever else matches.
    const r = ask("renew passport at the court");
    expect(r.outcome).not.toBe("answer");
    // Nor when the unknown words are in the clause that asks: they may change what is asked.
    expect(matcher.explain("my passport expired. how can I track it")).toMatchObject({ outcome: "clarify", noAnswer: expect.stringMatching(/never uses/) });
    expect(ask("低保揭不开锅咋申请").outcome).toBe("clarify");
  });

  it("does not take a place the knowledge never mentions for another matter (Seoul), as it does an unknown word", () => {
    expect(ask("passport expired, need a new one for my trip to Seoul")).toMatchObject({ outcome: "answer", procedureId: "passport-renewal" });
    expect(ask("passport expired, need a new one for my trip to Narnia")).toMatchObject({ outcome: "clarify" });
  });

  it("answers a short question whose unknown words only tell the citizen's story, in a clause of their own", () => {
    expect(ask("低保咋申请啊 家里揭不开锅了")).toMatchObject({ outcome: "answer", procedureId: "subsistence-allowance" });
    expect(ask("家里揭不开锅了，低保咋申请")).toMatchObject({ outcome: "answer", procedureId: "subsistence-allowance" });
  });
});

describe("hands off when nothing fits", () => {
  it("hands an off-topic English question to staff", () => {
    expect(ask("what is the weather like tomorrow")).toMatchObject({ outcome: "handoff", procedureId: null });
  });

  it("hands an off-topic Chinese question to staff", () => {
    expect(ask("附近有什么好吃的餐厅")).toMatchObject({ outcome: "handoff", procedureId: null, lang: "zh" });
  });
});

describe("replies to smalltalk without a ticket", () => {
  it("recognises English greetings and thanks, typos included", () => {
    expect(ask("hello")).toMatchObject({ outcome: "smalltalk", smalltalk: "greeting" });
    expect(ask("thank you!")).toMatchObject({ outcome: "smalltalk", smalltalk: "thanks" });
    expect(ask("thnks")).toMatchObject({ outcome: "smalltalk", smalltalk: "thanks" });
    expect(ask("thank u so much 🙏")).toMatchObject({ outcome: "smalltalk", smalltalk: "thanks" });
  });

  it("recognises Chinese greetings and thanks", () => {
    expect(ask("你好")).toMatchObject({ outcome: "smalltalk", smalltalk: "greeting", lang: "zh" });
    expect(ask("谢谢啦")).toMatchObject({ outcome: "smalltalk", smalltalk: "thanks" });
  });

  it("reads words addressing the bot ('thanks man', '谢谢师傅', 'dude …') as padding, not as words it does not know", () => {
    expect(ask("thanks man")).toMatchObject({ outcome: "smalltalk", smalltalk: "thanks" });
    expect(ask("谢谢师傅")).toMatchObject({ outcome: "smalltalk", smalltalk: "thanks" });
    expect(ask("dude i lost my passport")).toMatchObject({ outcome: "answer", procedureId: "passport-renewal" });
  });

  it("replies to small talk with a tail that asks nothing and names no procedure, but hands a question with a greeting to staff", () => {
    expect(ask("thanks, I'm a community worker")).toMatchObject({ outcome: "smalltalk", smalltalk: "thanks" });
    expect(ask("你好，我是社区工作者")).toMatchObject({ outcome: "smalltalk", smalltalk: "greeting" });
    expect(ask("hi, how do I register my dog?").outcome).not.toBe("smalltalk");
    expect(ask("hi, my passport expired")).toMatchObject({ outcome: "answer", procedureId: "passport-renewal" });
  });

  it("reads the Filipino 'po' of politeness as padding ('thank you po')", () => {
    expect(ask("thank you po")).toMatchObject({ outcome: "smalltalk", smalltalk: "thanks" });
  });

  it("reads a message of only emoji or laughter by the examples that name it ('👍', '哈哈'), and emoji beside words as decoration", () => {
    const withAck = knowledgeOf(PROCEDURES, {
      ...SETTINGS,
      smalltalk: [...SETTINGS.smalltalk, { id: "ack", examples: { en: ["ok", "lol", "👍"], zh: ["好的", "哈哈"] }, reply: { en: "Good." }, offerStaff: false }],
    });
    const chat = buildMatcher(withAck);
    expect(chat.match("👍")).toMatchObject({ outcome: "smalltalk", smalltalk: "ack" });
    expect(chat.match("哈哈哈哈")).toMatchObject({ outcome: "smalltalk", smalltalk: "ack" });
    expect(chat.match("lol")).toMatchObject({ outcome: "smalltalk", smalltalk: "ack" });
    expect(chat.match("thanks 😊")).toMatchObject({ outcome: "smalltalk", smalltalk: "thanks" });
    expect(ask("😊")).toMatchObject({ outcome: "handoff" });
  });

  it("reads another form of a smalltalk word as that word ('that helped'), but never a word the procedures use as a misspelt one ('food' is no 'good')", () => {
    const food = procedure("food-permit", { en: "Food business permit", zh: "食品经营许可" }, { en: ["food permit"], zh: ["食品许可"] }, { en: ["how long does a food permit take"], zh: [] });
    const chatty = knowledgeOf([...PROCEDURES, food], {
      ...SETTINGS,
      smalltalk: [
        { id: "greeting", examples: { en: ["good morning", "how are you", "long time no see"], zh: [] }, reply: { en: "Hello!" }, offerStaff: false },
        { id: "thanks", examples: { en: ["thanks", "that helps", "does that take long"], zh: [] }, reply: { en: "You're welcome." }, offerStaff: false },
      ],
    });
    const m = buildMatcher(chatty);
    expect(m.match("thanks, that helped")).toMatchObject({ outcome: "smalltalk", smalltalk: "thanks" });
    expect(m.match("food?").outcome).not.toBe("smalltalk");
    expect(m.match("goood morning")).toMatchObject({ outcome: "smalltalk", smalltalk: "greeting" });
  });

  it("treats a greeting followed by a real question as the question", () => {
    expect(ask("hi, how do I apply for dibao")).toMatchObject({ outcome: "answer", procedureId: "subsistence-allowance" });
    expect(ask("你好 低保怎么申请")).toMatchObject({ outcome: "answer", procedureId: "subsistence-allowance" });
  });
});

describe("decision rule comes from settings.json", () => {
  it("asks instead of answering when the admin demands more certainty than any match has", () => {
    const strict = knowledgeOf(PROCEDURES, { ...SETTINGS, matching: { ...SETTINGS.matching, answerScore: 1, margin: 1 } });
    const r = buildMatcher(strict).match("my passport expired, what do I need to renew it?");
    expect(r.outcome).toBe("clarify");
    expect(r.candidates[0]?.id).toBe("passport-renewal");
  });

  it("offers at most maxClarify candidates", () => {
    const two = knowledgeOf(PROCEDURES, { ...SETTINGS, matching: { ...SETTINGS.matching, maxClarify: 2, clarifyScore: 0 } });
    expect(buildMatcher(two).match("passport hukou dibao residence").candidates.length).toBeLessThanOrEqual(2);
  });
});

describe("index is built once per knowledge load", () => {
  it("does not rebuild the index when matching", () => {
    const m = buildMatcher(knowledgeOf());
    const built = m.index.buildNumber;
    for (let i = 0; i < 50; i++) m.match(i % 2 ? "renew passport" : "低保怎么申请");
    expect(m.index.buildNumber).toBe(built);
    // A new knowledge load is a new build.
    expect(buildMatcher(knowledgeOf()).index.buildNumber).toBe(built + 1);
  });
});
