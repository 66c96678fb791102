// Test helpers: a small valid knowledge dir copied into a real temp dir, and edits a test can show.
import { cp, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const FIXTURE_DIR = fileURLToPath(new URL("./fixtures/knowledge", import.meta.url));

const made: string[] = [];

/** A fresh copy of test/fixtures/knowledge (3 procedures, 9 staff, 3 departments) to mutate. */
export async function copyFixture(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "onerun-kb-"));
  await cp(FIXTURE_DIR, dir, { recursive: true });
  made.push(dir);
  return dir;
}

export async function removeCopies(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

// The fixture is JSON we wrote ourselves; tests reach into it freely.
type Json = any;

/** Reads `file` (relative to `dir`), lets `edit` change it in place, writes it back. */
export async function editJson(dir: string, file: string, edit: (json: Json) => void): Promise<void> {
  const full = path.join(dir, file);
  const json = JSON.parse(await readFile(full, "utf8")) as Json;
  edit(json);
  await writeText(dir, file, `${JSON.stringify(json, null, 2)}\n`);
}

export const readText = (dir: string, file: string) => readFile(path.join(dir, file), "utf8");
/**
 * Saves like most editors do: write a temp file, then rename it over the old one, so a watcher
 * never sees a half-written file (the temp name does not end in .json, so it is ignored).
 */
export async function writeText(dir: string, file: string, text: string): Promise<void> {
  const full = path.join(dir, file);
  const temp = `${full}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temp, text);
  await rename(temp, full);
}

/** Polls until `check` returns true, failing with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
