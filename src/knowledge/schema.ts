// The knowledge format admins edit. Every type the bot uses for knowledge is inferred from here,
// and the JSON Schemas in knowledge/schema/ are generated from these (npm run schema).
import { z } from "zod";

export const LANGS = ["en", "zh"] as const;
export const Lang = z.enum(LANGS);
export type Lang = z.infer<typeof Lang>;

const nonBlank = z
  .string({ error: "must be text in quotes" })
  .trim()
  .min(1, { error: "must not be empty" });

/** A piece of text in one or both languages. A missing language falls back to the other (a warning). */
export const LocalText = z
  .strictObject({
    en: nonBlank.optional().describe("English text"),
    zh: nonBlank.optional().describe("Chinese text (中文)"),
  })
  .refine((t) => t.en !== undefined || t.zh !== undefined, {
    error: 'needs at least one language: "en" or "zh"',
  })
  .describe('Text per language, e.g. { "en": "Passport", "zh": "护照" }');
export type LocalText = z.infer<typeof LocalText>;

/** Several phrases per language (aliases, example questions). */
export const LocalList = z
  .strictObject({
    en: z.array(nonBlank).optional().describe("English phrases"),
    zh: z.array(nonBlank).optional().describe("Chinese phrases (中文)"),
  })
  .describe('Phrases per language, e.g. { "en": ["renew passport"], "zh": ["换护照"] }');
export type LocalList = z.infer<typeof LocalList>;

const id = z
  .string({ error: "must be an id in quotes" })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: "must be lower-case letters, digits and single hyphens, like passport-renewal",
  });

/** A calendar date written YYYY-MM-DD that really exists (no 2026-02-30). */
export const IsoDate = z
  .string({ error: "must be a date in quotes, like 2026-09-01" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "must be a date written YYYY-MM-DD, like 2026-09-01" })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
    },
    { error: "is not a real calendar date" },
  );

export const MaterialForm = z
  .enum(["original", "copy", "original-and-copy", "electronic"], {
    error: 'must be one of "original", "copy", "original-and-copy" or "electronic"',
  })
  .describe("Bring the original, a photocopy, both (original shown, copy kept), or an electronic file");

export const Material = z
  .strictObject({
    name: LocalText.describe("What to bring, as the citizen would recognise it"),
    form: MaterialForm,
    copies: z
      .number({ error: "must be a whole number of at least 1" })
      .int({ error: "must be a whole number of at least 1" })
      .min(1, { error: "must be a whole number of at least 1" })
      .default(1)
      .describe("How many to bring (default 1)"),
    notes: LocalText.optional().describe('Validity, format and details: "issued within 3 months", "colour photo 33x48 mm"'),
    condition: LocalText.optional().describe(
      'Only when this applies, in plain words: "only if the applicant is under 16". Conditional items are still listed.',
    ),
  })
  .describe("One material the citizen must bring");
export type Material = z.infer<typeof Material>;

export const Related = z.strictObject({
  id: id.describe("Id of the related procedure"),
  reason: LocalText.describe('Why the citizen may need it too: "if you just married, you may also move your hukou"'),
});

export const Procedure = z
  .strictObject({
    $schema: z.string().optional(),
    id: id.describe("Equal to the file name without .json"),
    title: LocalText.describe("The official name of the procedure"),
    summary: LocalText.optional().describe("One or two sentences: what it is and who it is for"),
    aliases: LocalList.default({}).describe("Names citizens really use: 办护照, 上户口, licence/license"),
    examples: LocalList.default({}).describe(
      "Example questions citizens ask. Used for matching and run as regression tests (npm run kb -- test)",
    ),
    notFor: LocalList.default({}).describe(
      "Questions that sound like this procedure but are another matter (补领结婚证 is not marriage registration). " +
        "The bot never answers them with this procedure; a person does",
    ),
    department: id.describe("Department id from knowledge/directory.json"),
    owner: id.describe("Staff id from knowledge/directory.json: the named person who answers questions about it"),
    eligibility: LocalText.optional().describe("Who may apply"),
    materials: z
      .array(Material)
      .min(1, { error: "must list at least one material" })
      .describe("Everything to bring. List conditional items with a condition; never leave them out"),
    where: z.strictObject({
      place: LocalText.describe("Office and window"),
      address: LocalText,
      hours: LocalText,
    }),
    online: z.strictObject({
      available: z.boolean({ error: "must be true or false" }),
      how: LocalText.optional().describe("Where and how to apply online, or what still needs a visit"),
    }),
    fee: LocalText.describe('"Free" or the amount and what it covers'),
    processingTime: LocalText.describe('"On the spot", "7 working days", …'),
    notes: z.array(LocalText).default([]).describe("Other things a careful clerk would tell: appointments, who must come in person"),
    legalBasis: LocalText.optional().describe("Law or regulation this follows"),
    source: z
      .url({ protocol: /^https?$/, error: "must be a full web address starting with https://" })
      .optional(),
    related: z.array(Related).default([]).describe("Procedures a citizen in this situation often needs at the same time"),
    reviewed: IsoDate.describe("When an admin last checked this against the official guide (YYYY-MM-DD)"),
  })
  .describe("One procedure a citizen can ask about");
export type Procedure = z.infer<typeof Procedure>;
export type ProcedureInput = z.input<typeof Procedure>;

export const Department = z.strictObject({
  id,
  name: LocalText,
  head: id.describe("Staff id of the head of department: escalations go to them"),
});
export type Department = z.infer<typeof Department>;

export const Staff = z.strictObject({
  id,
  name: LocalText,
  title: LocalText.describe('Job title as the citizen is told it: "secretary of the Human Resources office"'),
  department: id,
  slackUserId: z
    .string()
    .regex(/^[UW][A-Z0-9]{2,}$/, { error: "must be a Slack member id like U0123ABCD (Profile → ⋮ → Copy member ID)" })
    .optional(),
  backup: id.describe("Staff id of the person who covers when this person does not reply"),
  escalateTo: id.describe("Staff id of the department head this person escalates to"),
});
export type Staff = z.infer<typeof Staff>;

export const Directory = z
  .strictObject({
    $schema: z.string().optional(),
    departments: z.array(Department).min(1),
    staff: z.array(Staff).min(1),
  })
  .describe("Departments and the staff who answer citizens' questions");
export type Directory = z.infer<typeof Directory>;

export const MatchingSettings = z
  .strictObject({
    answerScore: z.number().min(0).max(1).default(0.55).describe("Best candidate's score needed to answer outright"),
    margin: z.number().min(0).max(1).default(0.12).describe("How far the best must lead the second to answer outright"),
    clarifyScore: z.number().min(0).max(1).default(0.35).describe("Score a candidate needs to be offered in a clarifying question"),
    handoffGuessScore: z
      .number()
      .min(0)
      .max(1)
      .default(0.25)
      .describe("Below this the best guess is not trusted to pick the department; the duty officer gets the ticket"),
    maxClarify: z.number().int().min(2).max(4).default(4),
  })
  .refine((m) => m.handoffGuessScore <= m.clarifyScore && m.clarifyScore <= m.answerScore, {
    error: "scores must rise: handoffGuessScore ≤ clarifyScore ≤ answerScore",
  })
  .default({ answerScore: 0.55, margin: 0.12, clarifyScore: 0.35, handoffGuessScore: 0.25, maxClarify: 4 });
export type MatchingSettings = z.infer<typeof MatchingSettings>;

export const SmalltalkIntent = z.strictObject({
  id,
  examples: LocalList.describe("Phrases that mean this"),
  reply: LocalText,
  offerStaff: z
    .boolean()
    .default(false)
    .describe("Also offer the button that hands the conversation to a member of staff (for complaints about the bot)"),
});

export const Settings = z
  .strictObject({
    $schema: z.string().optional(),
    serviceName: LocalText,
    dutyOfficer: id.describe("Staff id of the first-in-charge: owns questions no department matches"),
    reminderAfterMinutes: z.number().int().min(1).describe("Remind the owner when they have not replied after this long"),
    escalateAfterMinutes: z
      .number()
      .int()
      .min(1)
      .describe("Escalate to the backup and department head when still unanswered after this long"),
    popular: z.array(id).default([]).describe("Procedures offered on greetings until enough questions are counted"),
    matching: MatchingSettings,
    smalltalk: z.array(SmalltalkIntent).default([]).describe("Greetings, thanks and chit-chat with their replies"),
  })
  .describe("Service-wide settings");
export type Settings = z.infer<typeof Settings>;

const GlossaryEntry = z.strictObject({
  means: nonBlank.describe("The word the knowledge uses, e.g. \"child\" or \"孩子\""),
  words: z.array(nonBlank).min(1, { error: "needs at least one word" }).describe("What citizens say instead, e.g. [\"kid\", \"kids\"] or [\"娃\", \"小孩\"]"),
});
export type GlossaryEntry = z.infer<typeof GlossaryEntry>;

export const Glossary = z
  .strictObject({
    $schema: z.string().optional(),
    en: z.array(GlossaryEntry).default([]).describe("English: each of `words` in a question is read as `means`"),
    zh: z.array(GlossaryEntry).default([]).describe("Chinese (中文): each of `words` in a question is read as `means`"),
  })
  .describe("Everyday words citizens use for the words the knowledge uses (kid → child, 娃 → 孩子), for every procedure at once");
export type Glossary = z.infer<typeof Glossary>;

/** Everything the bot knows, validated and cross-checked. */
export type Knowledge = {
  procedures: Procedure[];
  byId: ReadonlyMap<string, Procedure>;
  directory: Directory;
  staffById: ReadonlyMap<string, Staff>;
  departmentById: ReadonlyMap<string, Department>;
  settings: Settings;
  glossary: Glossary;
};
