import { afterEach, describe, expect, it } from "vitest";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { formatProblem, type LoadReport } from "../src/knowledge/problems.ts";
import { copyFixture, editJson, removeCopies, writeText } from "./knowledge-fixture.ts";

afterEach(removeCopies);

const errorsOf = (r: LoadReport) => r.errors.map(formatProblem);
const warningsOf = (r: LoadReport) => r.warnings.map(formatProblem);

async function withGlossary(glossary: object): Promise<LoadReport> {
  const dir = await copyFixture();
  await writeText(dir, "glossary.json", JSON.stringify({ $schema: "./schema/glossary.schema.json", ...glossary }));
  return loadKnowledge(dir);
}

describe("knowledge/glossary.json", () => {
  it("is optional: without one the knowledge loads with an empty glossary", async () => {
    const report = await loadKnowledge(await copyFixture());
    expect(report.errors).toEqual([]);
    expect(report.knowledge?.glossary).toEqual({ en: [], zh: [] });
  });

  it("loads everyday words and what they mean in both languages", async () => {
    const report = await withGlossary({ en: [{ means: "passport", words: ["pp"] }], zh: [{ means: "护照", words: ["护照本"] }] });
    expect(errorsOf(report)).toEqual([]);
    expect(warningsOf(report)).toEqual([]);
    expect(report.knowledge?.glossary.zh).toEqual([{ means: "护照", words: ["护照本"] }]);
  });

  it("refuses a word listed twice, naming both places", async () => {
    const report = await withGlossary({ en: [{ means: "passport", words: ["pp"] }, { means: "permit", words: ["PP"] }] });
    expect(report.knowledge).toBeNull();
    expect(errorsOf(report)).toEqual(['glossary.json → en[1].words[0]: "PP" is already listed at en[0].words[0]; a word can mean only one thing']);
  });

  it("refuses Chinese entries with letters or punctuation, which could never match inside Chinese text", async () => {
    const report = await withGlossary({ zh: [{ means: "护照", words: ["护照/本"] }] });
    expect(errorsOf(report)).toEqual(['glossary.json → zh[0].words[0]: must be Chinese characters only (no punctuation or Latin letters), got "护照/本"']);
  });

  it("warns when no procedure uses what a word means, so the entry cannot help", async () => {
    const report = await withGlossary({ en: [{ means: "spaceship", words: ["rocket"] }] });
    expect(report.knowledge).not.toBeNull();
    expect(warningsOf(report)).toEqual([
      `glossary.json → en[0].means: no procedure's title, alias or example uses "spaceship" or one of its words, so this entry cannot help a question match; use a word the procedures use, or add it to one`,
    ]);
  });

  it("warns when a listed word is everyday grammar, which would be read as the meaning in every question", async () => {
    const report = await withGlossary({ en: [{ means: "passport", words: ["us", "pp"] }] });
    expect(report.knowledge).not.toBeNull();
    expect(warningsOf(report)).toEqual([
      `glossary.json → en[0].words[0]: "us" is an everyday word questions use in other senses ("help us", "我想"), so it would be read as "passport" everywhere; leave it out or list a longer phrase`,
    ]);
  });

  it("reports broken JSON with line and column and keeps the rest of the report", async () => {
    const dir = await copyFixture();
    await writeText(dir, "glossary.json", '{ "en": [ { "means": "x" ');
    const report = await loadKnowledge(dir);
    expect(report.knowledge).toBeNull();
    expect(errorsOf(report)[0]).toMatch(/^glossary\.json → line 1, column \d+: /);
  });
});

describe("notFor phrases", () => {
  it("refuses a notFor phrase that is also the procedure's own example", async () => {
    const dir = await copyFixture();
    let example = "";
    await editJson(dir, "procedures/passport-renewal.json", (p) => {
      example = p.examples.en[0];
      p.notFor = { en: [example.toUpperCase()] };
    });
    const report = await loadKnowledge(dir);
    expect(errorsOf(report)).toEqual([
      `procedures/passport-renewal.json → notFor.en[0]: ${JSON.stringify(example.toUpperCase())} is also an alias or example of this procedure; remove it from one of the two`,
    ]);
  });
});
