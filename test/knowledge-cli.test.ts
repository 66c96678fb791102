import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { runKb } from "../cli/kb.ts";
import { copyFixture, editJson, FIXTURE_DIR, removeCopies } from "./knowledge-fixture.ts";

afterEach(removeCopies);

const ROOT = fileURLToPath(new URL("..", import.meta.url));

async function kb(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runKb(args, { out: (l) => out.push(l), err: (l) => err.push(l), today: new Date("2026-11-23T09:00:00Z") });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("npm run kb -- validate", () => {
  it("prints a one-line summary and exits 0 on valid knowledge", async () => {
    const r = await kb("validate", "--dir", FIXTURE_DIR);
    expect(r).toEqual({ code: 0, out: "3 procedures, 9 staff, 3 departments: OK", err: "" });
  });

  it("lists warnings but still passes", async () => {
    const dir = await copyFixture();
    await editJson(dir, "procedures/passport-renewal.json", (p) => {
      delete p.fee.zh;
    });
    const r = await kb("validate", "--dir", dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain("procedures/passport-renewal.json → fee: has no Chinese (zh) text; English is shown instead");
    expect(r.out.split("\n").at(-1)).toBe("3 procedures, 9 staff, 3 departments: OK, 1 warning");
  });

  it("prints every error and exits 1", async () => {
    const dir = await copyFixture();
    await editJson(dir, "procedures/passport-renewal.json", (p) => {
      p.materials[2].copies = "two";
      p.owner = "li-ming";
    });
    const r = await kb("validate", `--dir=${dir}`);
    expect(r.code).toBe(1);
    expect(r.err).toContain('procedures/passport-renewal.json → materials[2].copies: must be a whole number of at least 1, got "two"');
    expect(r.err).toContain("2 errors, 0 warnings. The bot will not load this knowledge until the errors are fixed.");
  });

  it("exits 1 from a real process when the knowledge is broken, 0 when it is fine", async () => {
    const dir = await copyFixture();
    const run = (d: string) => spawnSync(process.execPath, ["--import", "tsx", "cli/kb.ts", "validate", "--dir", d], { cwd: ROOT, encoding: "utf8" });
    expect(run(dir).status).toBe(0);
    await editJson(dir, "procedures/passport-renewal.json", (p) => {
      p.related[0].id = "visa-application";
    });
    const broken = run(dir);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('related[0].id: must be the id of a procedure in procedures/, got "visa-application"');
  });
});

describe("npm run kb -- stats", () => {
  it("shows counts per department, translation coverage and entries not reviewed in over a year", async () => {
    const dir = await copyFixture();
    await editJson(dir, "procedures/hk-macau-travel-permit.json", (p) => {
      p.reviewed = "2025-11-22";
      delete p.title.zh;
    });
    await editJson(dir, "procedures/id-card-replacement.json", (p) => {
      p.reviewed = "2025-11-23"; // exactly a year ago: not yet overdue
    });
    const r = await kb("stats", "--dir", dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Exit-Entry Administration \(exit-entry\)\s+2\s+3/);
    expect(r.out).toMatch(/Household Registration \(household-registration\)\s+1\s+3/);
    expect(r.out).toContain("Languages: 2 of 3 procedures have full English and Chinese text");
    expect(r.out).toContain("hk-macau-travel-permit: one language only in title");
    expect(r.out).toContain("Not reviewed in over a year (before 2025-11-23): 1\n  hk-macau-travel-permit (reviewed 2025-11-22)");
  });
});

describe("npm run kb -- test", () => {
  it("passes when every example question finds its own procedure", async () => {
    const r = await kb("test", "--dir", FIXTURE_DIR);
    expect(r).toEqual({ code: 0, out: "All 12 example questions are answered with their own procedure.", err: "" });
  });

  it("lists an example question that does not find its procedure and exits 1", async () => {
    const dir = await copyFixture();
    await editJson(dir, "procedures/passport-renewal.json", (p) => {
      p.examples.en.push("thank you"); // the matcher takes this as smalltalk
    });
    const r = await kb("test", "--dir", dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('✗ passport-renewal: "thank you" → got ');
    expect(r.err).toContain("1 of 13 example questions were not answered with their own procedure.");
  });
});

describe("kb usage", () => {
  it("lists the subcommands on help", async () => {
    const r = await kb("help");
    expect(r.code).toBe(0);
    for (const command of ["validate", "stats", "test", "help"]) expect(r.out).toMatch(new RegExp(`^  ${command} `, "m"));
  });

  it("rejects an unknown subcommand with exit code 2", async () => {
    const r = await kb("vaildate");
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown command "vaildate"');
  });
});
