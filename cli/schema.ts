// npm run schema: regenerate knowledge/schema/*.json from src/knowledge/schema.ts. Run after changing the zod schema.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { generateSchemaFiles } from "../src/knowledge/json-schema.ts";

const dir = path.resolve(process.argv[2] ?? "knowledge/schema");
await mkdir(dir, { recursive: true });
for (const [name, text] of Object.entries(generateSchemaFiles())) {
  const file = path.join(dir, name);
  const old = await readFile(file, "utf8").catch(() => null);
  if (old === text) {
    console.log(`unchanged ${path.relative(process.cwd(), file)}`);
    continue;
  }
  await writeFile(file, text);
  console.log(`wrote     ${path.relative(process.cwd(), file)}`);
}
