import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { formatProblem } from "../src/knowledge/problems.ts";

const SAMPLE = fileURLToPath(new URL("../knowledge", import.meta.url));

describe("the sample knowledge shipped in knowledge/", () => {
  it("validates without errors and covers all 31 sample procedures", async () => {
    const report = await loadKnowledge(SAMPLE);
    expect(report.errors.map(formatProblem)).toEqual([]);
    expect(report.knowledge?.procedures).toHaveLength(31);
    expect(report.knowledge?.directory.staff).toHaveLength(48);
    expect(report.knowledge?.directory.departments).toHaveLength(16);
  });
});
