import { afterEach, describe, expect, it } from "vitest";
import type { LoadReport } from "../src/knowledge/problems.ts";
import { formatProblem } from "../src/knowledge/problems.ts";
import type { Knowledge } from "../src/knowledge/schema.ts";
import { watchKnowledge, type KnowledgeWatch } from "../src/knowledge/watch.ts";
import { copyFixture, editJson, readText, removeCopies, waitFor, writeText } from "./knowledge-fixture.ts";

let watcher: KnowledgeWatch | undefined;
afterEach(async () => {
  watcher?.close();
  watcher = undefined;
  await removeCopies();
});

const titleOf = (k: Knowledge, id: string) => k.byId.get(id)?.title.en;

describe("the running bot reloads knowledge when an admin saves a file", () => {
  it("keeps serving the last good knowledge when an edit is broken, and picks up the fix", async () => {
    const dir = await copyFixture();
    const reloaded: Knowledge[] = [];
    const rejected: LoadReport[] = [];
    watcher = await watchKnowledge({
      dir,
      debounceMs: 30,
      onReload: (k) => reloaded.push(k),
      onRejected: (r) => rejected.push(r),
    });
    expect(titleOf(watcher.current(), "passport-renewal")).toBe("Renew or replace a passport (expired, full, lost or damaged)");

    const file = "procedures/passport-renewal.json";
    const good = await readText(dir, file);
    await writeText(dir, file, good.replace('"copies": 1,', '"copies": "two",'));
    await waitFor("the broken edit to be rejected", () => rejected.length > 0);
    expect(rejected[0]!.errors.map(formatProblem)).toEqual([
      'procedures/passport-renewal.json → materials[0].copies: must be a whole number of at least 1, got "two"',
    ]);
    expect(rejected[0]!.knowledge).toBeNull();
    expect(titleOf(watcher.current(), "passport-renewal")).toBe("Renew or replace a passport (expired, full, lost or damaged)");
    expect(reloaded).toEqual([]);

    await editJson(dir, file, (p) => {
      p.materials[0].copies = 2;
      p.title.en = "Renew a passport";
    });
    await waitFor("the fixed file to be reloaded", () => reloaded.length > 0);
    expect(titleOf(reloaded.at(-1)!, "passport-renewal")).toBe("Renew a passport");
    expect(titleOf(watcher.current(), "passport-renewal")).toBe("Renew a passport");
    expect(watcher.current().byId.get("passport-renewal")?.materials[0]?.copies).toBe(2);
  });

  it("notices a new procedure file and changes to directory.json", async () => {
    const dir = await copyFixture();
    watcher = await watchKnowledge({ dir, debounceMs: 30 });
    const w = watcher;
    await editJson(dir, "directory.json", (d) => {
      d.staff[0].name.en = "Zhao G.";
    });
    await waitFor("the directory change", () => w.current().staffById.get("zhao-guoqiang")?.name.en === "Zhao G.");

    const permit = JSON.parse(await readText(dir, "procedures/hk-macau-travel-permit.json"));
    permit.id = "taiwan-travel-permit";
    permit.title = { en: "Apply for a travel permit to Taiwan", zh: "办理往来台湾通行证" };
    permit.aliases = { en: ["taiwan permit"] , zh: ["台湾通行证"] };
    permit.examples = { en: ["how do I get a permit to visit Taiwan?"], zh: ["去台湾要办什么证"] };
    await writeText(dir, "procedures/taiwan-travel-permit.json", JSON.stringify(permit, null, 2));
    await waitFor("the new procedure", () => w.current().byId.has("taiwan-travel-permit"));
  });

  it("reload() reports on demand without waiting for the file watcher", async () => {
    const dir = await copyFixture();
    watcher = await watchKnowledge({ dir, debounceMs: 10_000 });
    await editJson(dir, "settings.json", (s) => {
      s.dutyOfficer = "nobody";
    });
    const report = await watcher.reload();
    expect(report.errors.map(formatProblem)).toEqual([
      'settings.json → dutyOfficer: must be the id of a staff member in directory.json, got "nobody"',
    ]);
    expect(watcher.current().settings.dutyOfficer).toBe("fang-zhou");
  });

  it("refuses to start on broken knowledge, with code KNOWLEDGE_INVALID and every problem listed", async () => {
    const dir = await copyFixture();
    await editJson(dir, "procedures/passport-renewal.json", (p) => {
      p.owner = "li-ming";
    });
    await expect(watchKnowledge({ dir })).rejects.toMatchObject({
      code: "KNOWLEDGE_INVALID",
      message: expect.stringContaining(
        'procedures/passport-renewal.json → owner: must be the id of a staff member in directory.json, got "li-ming"',
      ),
    });
  });
});
