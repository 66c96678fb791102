import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { formatProblem, type LoadReport } from "../src/knowledge/problems.ts";
import { copyFixture, editJson, FIXTURE_DIR, readText, removeCopies, writeText } from "./knowledge-fixture.ts";

afterEach(removeCopies);

const errorsOf = (r: LoadReport) => r.errors.map(formatProblem);
const warningsOf = (r: LoadReport) => r.warnings.map(formatProblem);

describe("loading a valid knowledge dir", () => {
  it("gives every procedure sorted by id, with lookups for procedures, staff and departments", async () => {
    const report = await loadKnowledge(FIXTURE_DIR);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    const k = report.knowledge!;
    expect(k.procedures.map((p) => p.id)).toEqual(["hk-macau-travel-permit", "id-card-replacement", "passport-renewal"]);
    expect(k.byId.get("passport-renewal")?.owner).toBe("gao-yang");
    expect(k.staffById.get("gao-yang")?.name.en).toBe("Gao Yang");
    expect(k.departmentById.get("exit-entry")?.head).toBe("zhao-guoqiang");
    expect(k.settings.dutyOfficer).toBe("fang-zhou");
  });

  it("fills in defaults admins may leave out (copies 1, no aliases)", async () => {
    const dir = await copyFixture();
    await editJson(dir, "procedures/hk-macau-travel-permit.json", (p) => {
      delete p.materials[0].copies;
      delete p.aliases;
    });
    const k = (await loadKnowledge(dir)).knowledge!;
    expect(k.byId.get("hk-macau-travel-permit")?.materials[0]?.copies).toBe(1);
    expect(k.byId.get("hk-macau-travel-permit")?.aliases).toEqual({});
  });

  it("ignores drafts/ and unknown .json files outside procedures/", async () => {
    const dir = await copyFixture();
    await mkdir(path.join(dir, "drafts"));
    await writeText(dir, "drafts/half-written.json", "{ \"id\": ");
    await writeText(dir, "notes.json", "not json at all");
    await writeText(dir, "procedures/.passport-renewal.json.swp", "editor junk");
    const report = await loadKnowledge(dir);
    expect(errorsOf(report)).toEqual([]);
    expect(report.knowledge?.procedures).toHaveLength(3);
  });
});

describe("a broken file is reported with file, JSON path and a plain sentence", () => {
  it("names a wrong type and shows the bad value", async () => {
    const dir = await copyFixture();
    await editJson(dir, "procedures/passport-renewal.json", (p) => {
      p.materials[2].copies = "two";
    });
    const report = await loadKnowledge(dir);
    expect(report.knowledge).toBeNull();
    expect(errorsOf(report)).toEqual([
      'procedures/passport-renewal.json → materials[2].copies: must be a whole number of at least 1, got "two"',
    ]);
  });

  it("says a missing required field is required", async () => {
    const dir = await copyFixture();
    await editJson(dir, "procedures/id-card-replacement.json", (p) => {
      delete p.fee;
      delete p.where.hours;
    });
    expect(errorsOf(await loadKnowledge(dir))).toEqual([
      "procedures/id-card-replacement.json → where.hours: is required",
      "procedures/id-card-replacement.json → fee: is required",
    ]);
  });

  it("points out a misspelt field name", async () => {
    const dir = await copyFixture();
    await editJson(dir, "procedures/passport-renewal.json", (p) => {
      p.materials[0].colour = "red";
    });
    expect(errorsOf(await loadKnowledge(dir))).toEqual([
      'procedures/passport-renewal.json → materials[0]: "colour" is not a known field here (check the spelling)',
    ]);
  });

  it("lists the allowed values when a choice is wrong", async () => {
    const dir = await copyFixture();
    await editJson(dir, "procedures/passport-renewal.json", (p) => {
      p.materials[1].form = "photocopy";
    });
    expect(errorsOf(await loadKnowledge(dir))).toEqual([
      'procedures/passport-renewal.json → materials[1].form: must be one of "original", "copy", "original-and-copy" or "electronic", got "photocopy"',
    ]);
  });

  it("rejects a date that does not exist", async () => {
    const dir = await copyFixture();
    await editJson(dir, "procedures/passport-renewal.json", (p) => {
      p.reviewed = "2026-02-30";
    });
    expect(errorsOf(await loadKnowledge(dir))).toEqual([
      'procedures/passport-renewal.json → reviewed: is not a real calendar date, got "2026-02-30"',
    ]);
  });

  it("gives line and column of invalid JSON", async () => {
    const dir = await copyFixture();
    const file = "procedures/id-card-replacement.json";
    const text = await readText(dir, file);
    // Drop the comma after "department": the parser stumbles at the start of the next line ("owner").
    await writeText(dir, file, text.replace('"department": "household-registration",', '"department": "household-registration"'));
    const ownerLine = text.split("\n").findIndex((l) => l.includes('"owner"')) + 1;
    expect(errorsOf(await loadKnowledge(dir))).toEqual([
      `${file} → line ${ownerLine}, column 3: a comma is missing before this field`,
    ]);
  });

  it("explains a trailing comma and an empty file", async () => {
    const dir = await copyFixture();
    await writeText(dir, "settings.json", '{\n  "dutyOfficer": "fang-zhou",\n}\n');
    await writeText(dir, "procedures/hk-macau-travel-permit.json", "");
    const report = await loadKnowledge(dir);
    expect(errorsOf(report)).toContain("settings.json → line 3, column 1: there is an extra comma before this }");
    expect(errorsOf(report)).toContain(
      "procedures/hk-macau-travel-permit.json → line 1, column 1: the file is empty; it must hold one JSON object { … }",
    );
  });
});

describe("cross-checks between files", () => {
  it("rejects an owner who is not in the staff directory", async () => {
    const dir = await copyFixture();
    await editJson(dir, "procedures/passport-renewal.json", (p) => {
      p.owner = "li-ming";
    });
    expect(errorsOf(await loadKnowledge(dir))).toEqual([
      'procedures/passport-renewal.json → owner: must be the id of a staff member in directory.json, got "li-ming"',
    ]);
  });

  it("rejects a related procedure that does not exist, or is the procedure itself", async () => {
    const dir = await copyFixture();
    await editJson(dir, "procedures/passport-renewal.json", (p) => {
      p.related[0].id = "visa-application";
      p.related[1].id = "passport-renewal";
    });
    expect(errorsOf(await loadKnowledge(dir))).toEqual([
      'procedures/passport-renewal.json → related[0].id: must be the id of a procedure in procedures/, got "visa-application"',
      "procedures/passport-renewal.json → related[1].id: points to this procedure itself; list other procedures only",
    ]);
  });

  it("rejects an id that differs from the file name, and a duplicate id", async () => {
    const dir = await copyFixture();
    await writeText(dir, "procedures/passport-renewal-copy.json", await readText(dir, "procedures/passport-renewal.json"));
    const errors = errorsOf(await loadKnowledge(dir));
    expect(errors).toContain(
      'procedures/passport-renewal-copy.json → id: must equal the file name without .json ("passport-renewal-copy"), got "passport-renewal"; rename the file or fix the id',
    );
    expect(errors).toContain(
      'procedures/passport-renewal-copy.json → id: "passport-renewal" is already the id of procedures/passport-renewal.json; ids must be unique',
    );
    expect(errors).toHaveLength(2);
  });

  it("checks the directory: heads, backups, departments, duplicate staff", async () => {
    const dir = await copyFixture();
    await editJson(dir, "directory.json", (d) => {
      d.departments[0].head = "nobody";
      d.staff[1].backup = "ghost";
      d.staff[2].department = "space-agency";
      d.staff.push({ ...d.staff[0] });
    });
    expect(errorsOf(await loadKnowledge(dir))).toEqual([
      'directory.json → staff[9].id: "zhao-guoqiang" is already the id of staff member staff[0]; ids must be unique',
      'directory.json → departments[0].head: must be the id of a staff member in this file, got "nobody"',
      'directory.json → staff[1].backup: must be the id of a staff member in this file, got "ghost"',
      'directory.json → staff[2].department: must be the id of a department in this file, got "space-agency"',
    ]);
  });

  it("checks the duty officer and the popular procedures in settings", async () => {
    const dir = await copyFixture();
    await editJson(dir, "settings.json", (s) => {
      s.dutyOfficer = "fang-zhuo";
      s.popular.push("tax-refund");
    });
    expect(errorsOf(await loadKnowledge(dir))).toEqual([
      'settings.json → dutyOfficer: must be the id of a staff member in directory.json, got "fang-zhuo"',
      'settings.json → popular[2]: must be the id of a procedure in procedures/, got "tax-refund"',
    ]);
  });

  it("rejects an example question two procedures share (ignoring case and punctuation), warns on a shared alias", async () => {
    const dir = await copyFixture();
    await editJson(dir, "procedures/passport-renewal.json", (p) => {
      p.examples.en.push("how do I get a permit to visit Hong Kong");
      p.aliases.zh.push("港澳通行证");
    });
    const report = await loadKnowledge(dir);
    expect(errorsOf(report)).toEqual([
      'procedures/passport-renewal.json → examples.en[3]: "how do I get a permit to visit Hong Kong" is also an example question of procedures/hk-macau-travel-permit.json (examples.en[0]); a question can match only one procedure, so keep it in one of them',
    ]);
    expect(warningsOf(report)).toEqual([
      'procedures/passport-renewal.json → aliases.zh[4]: "港澳通行证" is also an alias of procedures/hk-macau-travel-permit.json (aliases.zh[0]); citizens using it will be asked which one they mean',
    ]);
  });
});

describe("reporting", () => {
  it("reports every error in every file at once", async () => {
    const dir = await copyFixture();
    await editJson(dir, "procedures/passport-renewal.json", (p) => {
      p.materials[2].copies = "two";
      p.owner = "li-ming";
    });
    await writeText(dir, "procedures/hk-macau-travel-permit.json", "{ oops }");
    await editJson(dir, "settings.json", (s) => {
      s.reminderAfterMinutes = 0;
    });
    await rm(path.join(dir, "directory.json"));
    const report = await loadKnowledge(dir);
    expect(report.knowledge).toBeNull();
    expect(errorsOf(report)).toEqual([
      "directory.json: the file is missing",
      "procedures/hk-macau-travel-permit.json → line 1, column 3: expected a field name in double quotes here",
      'procedures/passport-renewal.json → materials[2].copies: must be a whole number of at least 1, got "two"',
      "settings.json → reminderAfterMinutes: must be at least 1, got 0",
    ]);
  });

  it("still checks the links of a file that has other errors", async () => {
    const dir = await copyFixture();
    await editJson(dir, "procedures/passport-renewal.json", (p) => {
      p.materials[2].copies = "two";
      p.owner = "li-ming";
      p.related[0].id = "visa-application";
    });
    expect(errorsOf(await loadKnowledge(dir))).toEqual([
      'procedures/passport-renewal.json → materials[2].copies: must be a whole number of at least 1, got "two"',
      'procedures/passport-renewal.json → owner: must be the id of a staff member in directory.json, got "li-ming"',
      'procedures/passport-renewal.json → related[0].id: must be the id of a procedure in procedures/, got "visa-application"',
    ]);
  });

  it("treats a missing translation as a warning and still loads", async () => {
    const dir = await copyFixture();
    await editJson(dir, "procedures/hk-macau-travel-permit.json", (p) => {
      delete p.title.zh;
      delete p.examples.en;
    });
    const report = await loadKnowledge(dir);
    expect(errorsOf(report)).toEqual([]);
    expect(report.knowledge?.byId.get("hk-macau-travel-permit")?.title).toEqual({ en: "Apply for a travel permit to Hong Kong and Macao" });
    expect(warningsOf(report)).toEqual([
      "procedures/hk-macau-travel-permit.json → title: has no Chinese (zh) text; English is shown instead",
      "procedures/hk-macau-travel-permit.json → examples: has no English (en) phrases; only the Chinese ones are used",
    ]);
  });

  it("warns when a file does not point at its JSON Schema", async () => {
    const dir = await copyFixture();
    await editJson(dir, "procedures/hk-macau-travel-permit.json", (p) => {
      delete p.$schema;
    });
    const report = await loadKnowledge(dir);
    expect(report.knowledge).not.toBeNull();
    expect(warningsOf(report)).toEqual([
      'procedures/hk-macau-travel-permit.json → $schema: should be "../schema/procedure.schema.json" so editors can check this file as you type; it is missing',
    ]);
  });
});
