// A small knowledge base built in code for matcher tests: a few procedures with the kind of aliases and
// examples an admin writes, so each test shows exactly which knowledge produces which decision.
import { Directory, Glossary, Procedure, Settings, type Knowledge, type ProcedureInput } from "../src/knowledge/schema.ts";

type Names = { en: string[]; zh: string[] };

function procedure(id: string, title: { en: string; zh: string }, aliases: Names, examples: Names): Procedure {
  const input: ProcedureInput = {
    id,
    title,
    aliases,
    examples,
    department: "front-desk",
    owner: "li-na",
    materials: [{ name: { en: "Resident ID card", zh: "居民身份证" }, form: "original" }],
    where: { place: { en: "Window 1" }, address: { en: "1 Main Street" }, hours: { en: "Mon–Fri 9–17" } },
    online: { available: false },
    fee: { en: "Free" },
    processingTime: { en: "On the spot" },
    reviewed: "2026-01-01",
  };
  return Procedure.parse(input);
}

export const PROCEDURES = [
  procedure(
    "passport-renewal",
    { en: "Renew or replace a passport", zh: "换发、补发护照" },
    { en: ["renew passport", "passport expired", "lost passport"], zh: ["换护照", "护照过期", "护照丢了", "补办护照"] },
    { en: ["my passport expired, how do I get a new one"], zh: ["护照过期了怎么换"] },
  ),
  procedure(
    "passport-first-application",
    { en: "Apply for a passport for the first time", zh: "首次申领护照" },
    { en: ["first passport", "never had a passport"], zh: ["第一次办护照", "首次办护照"] },
    { en: ["I have never had a passport, what do I need"], zh: ["从来没办过护照 要带什么"] },
  ),
  procedure(
    "hukou-transfer",
    { en: "Move your household registration (hukou) here", zh: "户口迁入" },
    { en: ["move my hukou", "hukou transfer"], zh: ["迁户口", "户口迁移"] },
    { en: ["how do I move my hukou to this district"], zh: ["户口怎么迁过来"] },
  ),
  procedure(
    "residence-permit",
    { en: "Apply for a residence permit", zh: "申领居住证" },
    { en: ["residence permit", "local residence card"], zh: ["居住证", "办居住证"] },
    { en: ["how do I get a residence permit as a non-local"], zh: ["外地户口怎么办居住证"] },
  ),
  procedure(
    "marriage-registration",
    { en: "Register a marriage", zh: "结婚登记" },
    { en: ["register marriage", "marriage certificate"], zh: ["结婚登记", "领结婚证", "领证"] },
    { en: ["we are getting married, what do we bring"], zh: ["领结婚证要带什么"] },
  ),
  procedure(
    "subsistence-allowance",
    { en: "Apply for the minimum living allowance", zh: "申请最低生活保障（低保）" },
    { en: ["dibao", "minimum living allowance"], zh: ["低保", "申请低保"] },
    { en: ["how do I apply for dibao"], zh: ["低保怎么申请"] },
  ),
];

export const SETTINGS = Settings.parse({
  serviceName: { en: "Test Centre", zh: "测试中心" },
  dutyOfficer: "li-na",
  reminderAfterMinutes: 60,
  escalateAfterMinutes: 240,
  matching: { answerScore: 0.6, margin: 0.08, clarifyScore: 0.35, handoffGuessScore: 0.25, maxClarify: 4 },
  smalltalk: [
    { id: "greeting", examples: { en: ["hi", "hello", "good morning"], zh: ["你好", "在吗"] }, reply: { en: "Hello!", zh: "您好！" } },
    { id: "thanks", examples: { en: ["thanks", "thank you"], zh: ["谢谢"] }, reply: { en: "You're welcome.", zh: "不客气。" } },
  ],
});

const DIRECTORY = Directory.parse({
  departments: [{ id: "front-desk", name: { en: "Front desk" }, head: "li-na" }],
  staff: [{ id: "li-na", name: { en: "Li Na" }, title: { en: "Clerk" }, department: "front-desk", backup: "li-na", escalateTo: "li-na" }],
});

export function knowledgeOf(procedures: Procedure[] = PROCEDURES, settings: Settings = SETTINGS, glossary: Glossary = Glossary.parse({})): Knowledge {
  return {
    procedures,
    byId: new Map(procedures.map((p) => [p.id, p])),
    directory: DIRECTORY,
    staffById: new Map(DIRECTORY.staff.map((s) => [s.id, s])),
    departmentById: new Map(DIRECTORY.departments.map((d) => [d.id, d])),
    settings,
    glossary,
  };
}

export { procedure };
