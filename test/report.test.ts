// The admins' report over hand-built data (made with the core's own ticket transitions) and the real sample knowledge.
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { runReport } from "../cli/report.ts";
import { Data, emptyData, type Ticket } from "../src/core/data.ts";
import { fireDue, newTicket, withCitizenMessage, withComment, withRating, withReopen, withReply, withReplyDelivered, withResolve } from "../src/core/tickets.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import type { Knowledge } from "../src/knowledge/schema.ts";
import { buildReport, formatReport } from "../src/report.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const MIN = 60_000;
const HOUR = 60 * MIN;
const timing = { remindAfterMs: HOUR, escalateAfterMs: 4 * HOUR };

let knowledge: Knowledge;
beforeAll(async () => {
  const loaded = await loadKnowledge(path.join(ROOT, "knowledge"));
  if (!loaded.knowledge) throw new Error("the sample knowledge does not load");
  knowledge = loaded.knowledge;
});

function ask(id: string, question: string, ownerId: string, at: number, candidates: Array<{ id: string; score: number }>): Ticket {
  const citizen = { channel: "telegram", conversationId: `c-${id}`, userId: `u-${id}`, displayName: "Citizen Kane", lang: "en" as const };
  return newTicket({ id, citizen, question, candidates, ownerId, now: at, timing });
}

/** Five tickets an admin would care about, timed relative to `now`. */
function sampleData(now: number): Data {
  // Nobody answered for 5 hours: the reminder and the escalation fired.
  const overdue = fireDue(ask("T-1", "Can I renew my passport at the airport?", "gao-yang", now - 5 * HOUR, [{ id: "passport-renewal", score: 0.41 }, { id: "passport-first-application", score: 0.37 }]), now - HOUR).ticket;
  const fresh = ask("T-2", "My neighbour's dog barks all night", "fang-zhou", now - 30 * MIN, []);
  const replied = withReply(ask("T-3", "Must my spouse come to move our hukou?", "chen-jing", now - 30 * HOUR, [{ id: "hukou-transfer", score: 0.38 }]), "chen-jing", "No.", now - 29 * HOUR);
  let unhappy = ask("T-4", "Passport for a baby born abroad?", "gao-yang", now - 48 * HOUR, [{ id: "passport-renewal", score: 0.33 }]);
  unhappy = withResolve(withReplyDelivered(withReply(unhappy, "gao-yang", "Bring the birth certificate.", now - 47 * HOUR)), "gao-yang", now - 46 * HOUR);
  unhappy = withReopen(withComment(withRating(unhappy, "not-satisfied", now - 20 * MIN), "The office said a birth certificate is not enough"), now - 20 * MIN, timing);
  let happy = ask("T-5", "Where do I pick up my ID card?", "li-na", now - 72 * HOUR, [{ id: "id-card-replacement", score: 0.5 }]);
  happy = withResolve(withReplyDelivered(withReply(happy, "li-na", "Window 3.", now - 71 * HOUR)), "li-na", now - 70 * HOUR);
  happy = withRating(happy, "very-satisfied", now - 69 * HOUR);
  // Replied long ago, but the citizen followed up 2 hours ago and only the reminder has fired since.
  let followUp = ask("T-6", "Which window for the residence permit?", "li-na", now - 30 * HOUR, [{ id: "residence-permit", score: 0.3 }]);
  followUp = withCitizenMessage(withReply(followUp, "li-na", "Window 5.", now - 29 * HOUR), "It was closed, where now?", now - 2 * HOUR, timing);
  followUp = fireDue(followUp, now - HOUR).ticket;
  return Data.parse({
    ...emptyData(),
    nextTicket: 7,
    tickets: [overdue, fresh, replied, unhappy, happy, followUp],
    counters: { answered: { "hukou-transfer": 3, "passport-renewal": 12, "id-card-replacement": 7, "retired-procedure": 2 }, handedOff: 6 },
  });
}

const NOW = Date.parse("2026-11-23T14:00:00Z");
const PASSPORT = "Renew or replace a passport (expired, full, lost or damaged) (passport-renewal)";

describe("buildReport and formatReport", () => {
  const report = () => buildReport(sampleData(NOW), knowledge, NOW, { drafts: ["passport-renewal.examples.json", "dog-noise-t-2.json"] });

  it("lists overdue tickets with their owner's name and everyone the escalation alerted (backup and head), and nothing that got a reply", () => {
    const r = report();
    expect(r.tickets).toMatchObject({ total: 6, open: 4, replied: 1, resolved: 1 });
    expect(r.tickets.overdue.map((o) => o.id)).toEqual(["T-1", "T-6"]);
    const text = formatReport(r);
    expect(text).toContain("T-1  owner Gao Yang (gao-yang)  waiting 5h  ESCALATED to Lin Xiaowen (lin-xiaowen), Zhao Guoqiang (zhao-guoqiang)");
    // The owner's clock restarted with the follow-up; the reminder fired, escalation is still to come.
    expect(text).toMatch(/T-6  owner Li Na \(li-na\)  waiting 2h\n/);
    expect(text).toContain('"Can I renew my passport at the airport?"');
    const overdueSection = text.slice(text.indexOf("Overdue"), text.indexOf("3. What the knowledge"));
    expect(overdueSection).not.toContain("T-3");
    expect(overdueSection).not.toContain("T-2");
  });

  it("puts the most asked procedure first with its title and lists procedures nobody asked about", () => {
    const r = report();
    expect(r.asked.top.map((p) => [p.id, p.count])).toEqual([
      ["passport-renewal", 12],
      ["id-card-replacement", 7],
      ["hukou-transfer", 3],
      ["retired-procedure", 2],
    ]);
    const text = formatReport(r);
    expect(text).toContain("The bot answered 24 questions; 6 went to staff (80% answered by the bot).");
    const lines = text.split("\n");
    const first = lines.findIndex((l) => l.includes("answered by the bot)."));
    expect(lines[first + 1]).toBe(`  12  ${PASSPORT}`);
    expect(text).toContain("retired-procedure (no longer in the knowledge files)");
    expect(r.asked.neverAsked.map((p) => p.id)).toContain("marriage-registration");
    expect(r.asked.neverAsked.map((p) => p.id)).not.toContain("passport-renewal");
  });

  it("groups handed-off questions under the procedure they nearly matched, saying whether staff replied", () => {
    const r = report();
    expect(r.gaps.map((g) => [g.nearMiss?.id ?? null, g.tickets.map((t) => t.id)])).toEqual([
      ["passport-renewal", ["T-1", "T-4"]],
      ["hukou-transfer", ["T-3"]],
      ["id-card-replacement", ["T-5"]],
      ["residence-permit", ["T-6"]],
      [null, ["T-2"]],
    ]);
    const text = formatReport(r);
    const passport = text.indexOf(`Near ${PASSPORT} — 2`);
    expect(passport).toBeGreaterThan(-1);
    const group = text.slice(passport, text.indexOf("Near Move your household"));
    expect(group).toContain('T-1  [no staff reply] 0.41  "Can I renew my passport at the airport?"');
    expect(group).toContain('T-4  [staff replied] 0.33  "Passport for a baby born abroad?"');
    expect(text).toContain("No near miss — 1");
  });

  it("counts ratings and shows the not-satisfied comment next to the ticket", () => {
    const r = report();
    expect(r.ratings.counts).toEqual({ "very-satisfied": 1, satisfied: 0, "not-satisfied": 1 });
    const text = formatReport(r);
    expect(text).toContain("very satisfied 1 · satisfied 0 · not satisfied 1");
    expect(text).toMatch(/T-4 {2}2026-11-23 13:40 UTC {2}open {2}owner Gao Yang/);
    expect(text).toContain('"The office said a birth certificate is not enough"');
  });

  it("lists drafts waiting for review and what each one proposes", () => {
    const text = formatReport(report());
    expect(text).toContain("5. Drafts waiting for review in knowledge/drafts/ (2)");
    expect(text).toContain(`passport-renewal.examples.json — proposed example questions for ${PASSPORT}`);
    expect(text).toContain("dog-noise-t-2.json — new procedure");
  });

  it("never shows the citizen's name or id to the admin, and strips terminal control codes from questions", () => {
    const data = sampleData(NOW);
    data.tickets[1]!.question = "dog\u001b[2J\u001b[31m barks\nall night";
    const text = formatReport(buildReport(data, knowledge, NOW));
    expect(text).not.toContain("\u001b");
    expect(text).toContain('"dog [2J [31m barks all night"');
    expect(text).not.toContain("Citizen Kane");
    expect(text).not.toContain("u-T-1");
  });

  it("writes the report in Chinese with Chinese titles and names", () => {
    const text = formatReport(report(), "zh");
    expect(text).toContain("换发、补发普通护照 (passport-renewal)");
    expect(text).toContain("负责人 高洋 (gao-yang)  已等待 5小时  已上报给 林晓文 (lin-xiaowen)、赵国强 (zhao-guoqiang)");
    expect(text).toContain("不满意 1");
  });

  it("says so plainly when nothing happened yet", () => {
    const text = formatReport(buildReport(emptyData(), knowledge, NOW));
    expect(text).toContain("The bot answered 0 questions; 0 went to staff.");
    expect(text).toContain("Nothing overdue");
    expect(text).toContain("No questions were handed to staff.");
    expect(text).toContain("No ratings yet.");
  });
});

describe("npm run report", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });
  async function dataDir(content?: string): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), "onerun-report-"));
    dirs.push(dir);
    if (content !== undefined) await writeFile(path.join(dir, "onerun.json"), content);
    return dir;
  }
  async function run(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runReport(args, { out: (t) => out.push(t), err: (t) => err.push(t), now: () => NOW });
    return { code, out: out.join("\n"), err: err.join("\n") };
  }

  it("prints the report from the bot's data file in a real process, naming the overdue ticket's owner", async () => {
    const dir = await dataDir(JSON.stringify(sampleData(Date.now())));
    const r = spawnSync(process.execPath, ["--import", "tsx", "cli/report.ts", "--data", dir, "--knowledge", "knowledge"], { cwd: ROOT, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/T-1 {2}owner Gao Yang \(gao-yang\) {2}waiting 5h/);
  });

  it("tells the admin to start the bot when there is no data file yet", async () => {
    const r = await run("--data", await dataDir(), "--knowledge", "knowledge");
    expect(r).toEqual({ code: 0, out: "No data yet: start the bot and ask something.", err: "" });
  });

  it("prints the same report as JSON with --json", async () => {
    const r = await run("--json", "--data", await dataDir(JSON.stringify(sampleData(NOW))), "--knowledge", "knowledge");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.tickets.overdue[0]).toMatchObject({ id: "T-1", owner: { id: "gao-yang", name: { en: "Gao Yang" } } });
  });

  it("refuses a file that is not onerun data, with a code, and leaves it untouched", async () => {
    const dir = await dataDir('{"tickets": "oops"');
    const r = await run("--data", dir, "--knowledge", "knowledge");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^DATA_CORRUPT: .*onerun\.json is not valid JSON/);
    expect(await readFile(path.join(dir, "onerun.json"), "utf8")).toBe('{"tickets": "oops"');
  });

  it("rejects an unknown option with the usage text", async () => {
    const r = await run("--dat", "x");
    expect(r.code).toBe(2);
    expect(r.err).toContain('report: unknown option "--dat"');
    expect(r.err).toContain("Usage: npm run report");
  });
});
