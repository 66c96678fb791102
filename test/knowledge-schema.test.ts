import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { generateSchemaFiles } from "../src/knowledge/json-schema.ts";

describe("the JSON Schemas editors use", () => {
  it("are up to date with src/knowledge/schema.ts", async () => {
    for (const [name, expected] of Object.entries(generateSchemaFiles())) {
      const committed = await readFile(new URL(`../knowledge/schema/${name}`, import.meta.url), "utf8").catch(() => "(missing)");
      expect(committed, `knowledge/schema/${name} is out of date: run npm run schema`).toBe(expected);
    }
  });

  it("let editors flag a misspelt field and a wrong type", () => {
    const procedure = JSON.parse(generateSchemaFiles()["procedure.schema.json"]!);
    expect(procedure.additionalProperties).toBe(false);
    expect(procedure.required).toEqual(expect.arrayContaining(["id", "title", "owner", "materials", "reviewed"]));
    // Fields with defaults are optional for the admin writing the file.
    expect(procedure.required).not.toContain("aliases");
    expect(procedure.properties.materials.items.properties.copies.type).toBe("integer");
  });
});
