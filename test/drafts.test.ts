import { cp, mkdtemp, readFile, readdir, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Ticket } from "../src/core/data.ts";
import { type ExamplesDraft, PLACEHOLDER, writeDraft } from "../src/core/drafts.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { type Knowledge, Procedure } from "../src/knowledge/schema.ts";

const NOW = Date.UTC(2026, 10, 23, 9, 30);

let knowledge: Knowledge;
const temps: string[] = [];

beforeAll(async () => {
  const report = await loadKnowledge("knowledge");
  if (!report.knowledge) throw new Error(`sample knowledge does not load: ${JSON.stringify(report.errors)}`);
  knowledge = report.knowledge;
});

afterEach(async () => {
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "onerun-drafts-"));
  temps.push(dir);
  return dir;
}

function ticket(over: Partial<Ticket> = {}): Ticket {
  return {
    id: "T-7",
    status: "replied",
    citizen: { channel: "telegram", conversationId: "42", userId: "42", displayName: "Alice", lang: "en" },
    question: "Can my grandmother renew her passport at home if she cannot walk?",
    candidates: [{ id: "passport-renewal", score: 0.41 }],
    ownerId: "lin-xiaowen",
    repliedSinceOpen: true,
    createdAt: NOW - 3_600_000,
    remindAt: null,
    escalateAt: null,
    escalated: false,
    unreachable: false,
    history: [
      { at: NOW - 3_600_000, kind: "question", text: "Can my grandmother renew her passport at home if she cannot walk?" },
      { at: NOW - 1_800_000, kind: "reply", by: "lin-xiaowen", text: "First answer" },
      { at: NOW - 600_000, kind: "reply", by: "lin-xiaowen", text: "Yes: call 12345 to book a home visit; bring her ID card." },
    ],
    ratings: [],
    refs: {},
    ...over,
  };
}

describe("Add to knowledge: drafts for an admin", () => {
  it("drafts a new procedure that passes the schema, owned by the ticket's owner, with the staff answer as a note", async () => {
    const dir = await tempDir();
    const { path, kind } = await writeDraft({ ticket: ticket(), knowledge, draftsDir: dir, now: NOW });

    expect(kind).toBe("procedure");
    expect(path).toBe(join(dir, "can-my-grandmother-renew-her-passport-t-7.json"));
    const json = JSON.parse(await readFile(path, "utf8")) as unknown;
    const parsed = Procedure.safeParse(json);
    expect(parsed.error?.issues ?? []).toEqual([]);
    const procedure = parsed.data!;
    expect(procedure.id).toBe("can-my-grandmother-renew-her-passport-t-7");
    expect(procedure.title.en).toBe("Can my grandmother renew her passport at home if she cannot walk");
    expect(procedure.owner).toBe("lin-xiaowen");
    expect(procedure.department).toBe("exit-entry");
    expect(procedure.examples.en).toEqual(["Can my grandmother renew her passport at home if she cannot walk?"]);
    expect(procedure.notes).toEqual([{ en: "Yes: call 12345 to book a home visit; bring her ID card." }]);
    expect(procedure.materials).toEqual([{ name: PLACEHOLDER, form: "original", copies: 1 }]);
    expect(procedure.reviewed).toBe("2026-11-23");
  });

  it("is ignored by the loader in drafts/, and loads cleanly once an admin moves it into procedures/", async () => {
    const dir = await tempDir();
    await cp("knowledge", dir, { recursive: true });
    const before = (await loadKnowledge(dir)).knowledge!.procedures.length;
    const { path } = await writeDraft({ ticket: ticket(), knowledge, draftsDir: join(dir, "drafts"), now: NOW });

    expect((await loadKnowledge(dir)).knowledge!.procedures.length).toBe(before);

    await rename(path, join(dir, "procedures", "can-my-grandmother-renew-her-passport-t-7.json"));
    const report = await loadKnowledge(dir);
    expect(report.errors).toEqual([]);
    expect(report.knowledge!.byId.has("can-my-grandmother-renew-her-passport-t-7")).toBe(true);
  });

  it("names a Chinese question's draft after the ticket and keeps the text in Chinese", async () => {
    const dir = await tempDir();
    const zh = ticket({
      id: "T-12",
      question: "老人行动不便可以上门办理护照吗？",
      citizen: { channel: "telegram", conversationId: "9", userId: "9", lang: "zh" },
      history: [{ at: NOW, kind: "reply", by: "lin-xiaowen", text: "可以预约上门服务。" }],
    });
    const { path } = await writeDraft({ ticket: zh, knowledge, draftsDir: dir, now: NOW });

    const procedure = Procedure.parse(JSON.parse(await readFile(path, "utf8")));
    expect(path.endsWith("question-t-12.json")).toBe(true);
    expect(procedure.title).toEqual({ zh: "老人行动不便可以上门办理护照吗" });
    expect(procedure.examples.zh).toEqual(["老人行动不便可以上门办理护照吗？"]);
    expect(procedure.notes).toEqual([{ zh: "可以预约上门服务。" }]);
  });

  it("proposes the question as a new example of an existing procedure, appending to one file per procedure", async () => {
    const dir = await tempDir();
    const first = await writeDraft({ ticket: ticket(), knowledge, procedureId: "passport-renewal", draftsDir: dir, now: NOW });
    await writeDraft({
      ticket: ticket({ id: "T-8", question: "passport renew for elderly?" }),
      knowledge,
      procedureId: "passport-renewal",
      draftsDir: dir,
      now: NOW + 86_400_000,
    });
    // Pressing the button twice for the same ticket does not add it twice.
    await writeDraft({ ticket: ticket(), knowledge, procedureId: "passport-renewal", draftsDir: dir, now: NOW });

    expect(first).toEqual({ path: join(dir, "passport-renewal.examples.json"), kind: "example" });
    expect(await readdir(dir)).toEqual(["passport-renewal.examples.json"]);
    const draft = JSON.parse(await readFile(first.path, "utf8")) as ExamplesDraft;
    expect(draft.procedureId).toBe("passport-renewal");
    expect(draft.examples).toEqual([
      {
        lang: "en",
        question: "Can my grandmother renew her passport at home if she cannot walk?",
        answer: "Yes: call 12345 to book a home visit; bring her ID card.",
        ticketId: "T-7",
        date: "2026-11-23",
      },
      { lang: "en", question: "passport renew for elderly?", answer: "Yes: call 12345 to book a home visit; bring her ID card.", ticketId: "T-8", date: "2026-11-24" },
    ]);
  });

  it("refuses an unknown procedure with a code and a hint", async () => {
    const dir = await tempDir();
    await expect(writeDraft({ ticket: ticket(), knowledge, procedureId: "no-such-thing", draftsDir: dir, now: NOW })).rejects.toMatchObject({
      code: "UNKNOWN_PROCEDURE",
      message: expect.stringContaining("leave it empty"),
    });
  });

  it("never overwrites an examples file it cannot read", async () => {
    const dir = await tempDir();
    const path = join(dir, "passport-renewal.examples.json");
    await import("node:fs/promises").then((fs) => fs.writeFile(path, "{ half-edited", "utf8"));
    await expect(writeDraft({ ticket: ticket(), knowledge, procedureId: "passport-renewal", draftsDir: dir, now: NOW })).rejects.toMatchObject({
      code: "DRAFT_FILE_INVALID",
    });
    expect(await readFile(path, "utf8")).toBe("{ half-edited");
  });
});
