// The whole bot as `npm start` runs it: configuration in, terminal chat out, data on disk, clean stop.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp, type App } from "../cli/app.ts";
import { loadConfig } from "../src/config.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { createLogger } from "../src/log.ts";
import { buildMatcher } from "../src/match/match.ts";

const REPO = path.resolve(import.meta.dirname, "..");
const TSX = path.join(REPO, "node_modules", ".bin", "tsx");

/**
 * Questions whose outcome does not hang on how the matcher is tuned: one of a procedure's own example
 * questions (which `npm run kb test` keeps answered) and the first of a few off-topic questions that the
 * matcher hands to staff. Each off-topic one mentions a boat, so the logs can be searched for it.
 */
async function questions() {
  const { knowledge } = await loadKnowledge(path.join(REPO, "knowledge"));
  if (!knowledge) throw new Error("the sample knowledge does not load");
  const matcher = buildMatcher(knowledge);
  const renewal = knowledge.byId.get("passport-renewal")!;
  const offTopic = [
    "Can my neighbour park his boat in the courtyard of our building?",
    "Is the boat race on the river this Sunday?",
    "Who won the dragon boat race last year?",
  ].find((q) => matcher.match(q).outcome === "handoff");
  if (!offTopic) throw new Error("the matcher no longer hands over any of these off-topic questions; add one that it does");
  return { answered: renewal.examples.en![0]!, title: renewal.title.en!, offTopic, secret: "boat" };
}
const ask = await questions();

let tmp: string;
let dataDir: string;
let knowledgeDir: string;
const apps: App[] = [];

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "onerun-app-"));
  dataDir = path.join(tmp, "data");
  knowledgeDir = path.join(tmp, "knowledge");
  await cp(path.join(REPO, "knowledge"), knowledgeDir, { recursive: true, filter: (src) => !src.includes(`${path.sep}drafts`) });
});
afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop();
  await rm(tmp, { recursive: true, force: true });
});

async function until(condition: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

async function startApp() {
  const input = new PassThrough();
  const output = new PassThrough();
  const logs: string[] = [];
  let screen = "";
  output.on("data", (chunk: Buffer) => (screen += chunk.toString("utf8")));
  const log = createLogger("info", { write: (line: string) => void logs.push(line) });
  const config = loadConfig({ DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir });
  const app = await createApp(config, { input, output, log, debounceMs: 20 });
  apps.push(app);
  return { app, input, screen: () => screen, logs };
}

describe("the app", () => {
  it("runs the terminal chat for citizens and staff when neither Telegram nor Slack is configured", async () => {
    const { app } = await startApp();
    expect(app.roles).toEqual({ citizens: ["console"], staff: "console" });
  });

  it("keeps tickets in DATA_DIR and releases the folder on stop", async () => {
    const { app, input, screen } = await startApp();
    input.write(`${ask.offTopic}\n`);
    await until(() => /── staff ── T-1 new question/.test(screen()), "the handoff notice");
    const onDisk = JSON.parse(await readFile(path.join(dataDir, "onerun.json"), "utf8"));
    expect(onDisk.tickets.map((t: { id: string }) => t.id)).toEqual(["T-1"]);
    expect(existsSync(path.join(dataDir, "onerun.lock"))).toBe(true);
    await app.stop();
    expect(existsSync(path.join(dataDir, "onerun.lock"))).toBe(false);
  });

  it("refuses to start a second bot on the same data folder, leaving the first one serving", async () => {
    const first = await startApp();
    await expect(startApp()).rejects.toMatchObject({ code: "STORE_LOCKED" });
    first.input.write(`${ask.answered}\n`);
    await until(() => first.screen().includes(ask.title), "the first bot to answer");
  });

  it("tells staff about a broken knowledge edit and keeps answering from the last good version", async () => {
    const { input, screen, logs } = await startApp();
    await writeFile(path.join(knowledgeDir, "settings.json"), "{ this is not json");
    await until(() => screen().includes("── staff ── a knowledge edit was refused"), "the refused-edit notice");
    expect(screen()).toContain("settings.json");
    expect(logs.join("")).toContain("knowledge edit refused");
    input.write(`${ask.answered}\n`);
    await until(() => screen().includes(ask.title), "an answer after the broken edit");
  });

  it("never writes a citizen's question to the log at info level", async () => {
    const { input, screen, logs } = await startApp();
    input.write(`${ask.offTopic}\n`);
    await until(() => /── staff ── T-1 new question/.test(screen()), "the handoff notice");
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join("")).not.toContain(ask.secret);
  });

  it("finishes when the person at the terminal quits", async () => {
    const { app, input } = await startApp();
    input.write("/quit\n");
    await app.finished;
  });
});

describe("npm start", () => {
  const run = (env: Record<string, string>, stdin: string) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      // A clean environment and a folder without .env: exactly what the configuration says, nothing inherited.
      const child = spawn(TSX, [path.join(REPO, "cli", "start.ts")], {
        cwd: tmp,
        env: { PATH: process.env.PATH ?? "", ...env },
        stdio: ["pipe", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d));
      child.stderr.on("data", (d: Buffer) => (stderr += d));
      child.on("exit", (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(stdin);
    });

  it("answers piped questions on the terminal chat and exits cleanly, releasing the data folder", async () => {
    const result = await run({ DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir }, `${ask.answered}\n`);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`you › ${ask.answered}`);
    expect(result.stdout).toContain(ask.title);
    expect(result.stdout).toMatch(/bot › .*\n(.*\n)*\s+• /);
    // Logs go to stderr, so they never mix into the conversation on stdout.
    expect(result.stderr).toContain('"msg":"onerun started"');
    expect(result.stdout).not.toContain("onerun started");
    expect(existsSync(path.join(dataDir, "onerun.json"))).toBe(true);
    expect(existsSync(path.join(dataDir, "onerun.lock"))).toBe(false);
  });

  it("stops gracefully on SIGTERM, releasing the data folder", async () => {
    const child = spawn(TSX, [path.join(REPO, "cli", "start.ts")], {
      cwd: tmp,
      env: { PATH: process.env.PATH ?? "", DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    await until(() => stdout.includes("terminal chat") && existsSync(path.join(dataDir, "onerun.lock")), "the bot to start", 15_000);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(existsSync(path.join(dataDir, "onerun.lock"))).toBe(false);
  });

  it("stops with a clear message and exit code 1 on a bad setting", async () => {
    const result = await run({ DATA_DIR: dataDir, KNOWLEDGE_DIR: knowledgeDir, PORT: "abc" }, "");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PORT: must be a whole number between 1 and 65535, got "abc"');
    expect(result.stdout).toBe("");
  });
});
