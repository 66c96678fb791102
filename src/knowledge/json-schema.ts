// JSON Schemas for editors, generated from the zod schemas so the two can never disagree.
import { z } from "zod";
import { Directory, Glossary, Procedure, Settings } from "./schema.ts";

/** File name under knowledge/schema/ → schema it describes. */
export const SCHEMA_FILES = {
  "procedure.schema.json": Procedure,
  "directory.schema.json": Directory,
  "settings.schema.json": Settings,
  "glossary.schema.json": Glossary,
} as const;

/** The exact text each committed schema file must hold. */
export function generateSchemaFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, schema] of Object.entries(SCHEMA_FILES)) {
    // io "input": fields with defaults stay optional for the admin writing the file.
    const json = z.toJSONSchema(schema, { target: "draft-07", io: "input" });
    out[name] = `${JSON.stringify(json, null, 2)}\n`;
  }
  return out;
}
