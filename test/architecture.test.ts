// The core is channel-agnostic: nothing under src/ may depend on a chat platform or on an adapter.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : Promise.resolve(/\.[cm]?[jt]s$/.test(e.name) ? [path.join(dir, e.name)] : []))),
  );
  return nested.flat();
}

/** Module specifiers of static imports, re-exports and dynamic imports. */
function importsOf(source: string): string[] {
  const specs: string[] = [];
  const patterns = [/\bfrom\s*["']([^"']+)["']/g, /\bimport\s*["']([^"']+)["']/g, /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g, /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g];
  for (const re of patterns) for (const m of source.matchAll(re)) specs.push(m[1]!);
  return specs;
}

const forbidden = (spec: string, file: string): boolean => {
  if (spec === "grammy" || spec.startsWith("grammy/") || spec.startsWith("@grammyjs/")) return true;
  if (spec === "@slack/bolt" || spec.startsWith("@slack/")) return true;
  if (!spec.startsWith(".")) return false;
  const resolved = path.relative(process.cwd(), path.resolve(path.dirname(file), spec));
  return resolved === "adapters" || resolved.startsWith(`adapters${path.sep}`);
};

describe("architecture", () => {
  it("keeps src/ free of grammy, @slack/bolt and the adapters", async () => {
    const files = await sourceFiles("src");
    expect(files.length).toBeGreaterThan(10);
    const offending: string[] = [];
    for (const file of files) {
      for (const spec of importsOf(await readFile(file, "utf8"))) if (forbidden(spec, file)) offending.push(`${file} imports ${spec}`);
    }
    expect(offending).toEqual([]);
  });

  it("recognises the imports it forbids", () => {
    const file = path.join("src", "core", "x.ts");
    for (const spec of importsOf(`import { Bot } from "grammy";\nimport("@slack/bolt");\nexport * from "../../adapters/telegram/bot.ts";`)) {
      expect(forbidden(spec, file), spec).toBe(true);
    }
    expect(forbidden("../knowledge/schema.ts", file)).toBe(false);
  });
});
