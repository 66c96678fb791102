// What only the disk store must do: keep data across restarts, belong to one process, never eat a bad file.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../src/core/ports.ts";
import { openLowdbStore } from "../src/store/lowdb.ts";

let dir: string;
const open: Store[] = [];
const openStore = async (d = dir) => {
  const store = await openLowdbStore({ dir: d });
  open.push(store);
  return store;
};

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "onerun-lowdb-"));
});
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** The pid of a process that has certainly exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.on("exit", resolve));
  return child.pid!;
}

describe("lowdb store", () => {
  it("creates the folder and the data file on first start", async () => {
    const nested = path.join(dir, "not", "yet");
    await openStore(nested);
    const onDisk = JSON.parse(await readFile(path.join(nested, "onerun.json"), "utf8"));
    expect(onDisk).toMatchObject({ version: 1, tickets: [] });
  });

  it("keeps the data when the bot is stopped and started again", async () => {
    const first = await openStore();
    await first.update((d) => {
      d.nextTicket = 13;
      d.counters.answered["passport-renewal"] = 2;
    });
    await first.close();
    const second = await openStore();
    expect(second.read((d) => [d.nextTicket, d.counters.answered["passport-renewal"]])).toEqual([13, 2]);
  });

  it("has the change on disk by the time the update resolves", async () => {
    const store = await openStore();
    await store.update((d) => {
      d.counters.handedOff = 7;
    });
    const onDisk = JSON.parse(await readFile(path.join(dir, "onerun.json"), "utf8"));
    expect(onDisk.counters.handedOff).toBe(7);
  });

  it("ends up with every one of many concurrent updates on disk", async () => {
    const store = await openStore();
    await Promise.all(
      Array.from({ length: 30 }, () =>
        store.update((d) => {
          d.nextTicket += 1;
        }),
      ),
    );
    const onDisk = JSON.parse(await readFile(path.join(dir, "onerun.json"), "utf8"));
    expect(onDisk.nextTicket).toBe(31);
  });

  it("refuses a second bot on the same folder and says to set DATA_DIR", async () => {
    await openStore();
    const second = openLowdbStore({ dir });
    await expect(second).rejects.toMatchObject({ code: "STORE_LOCKED" });
    await expect(second).rejects.toThrow(new RegExp(`pid ${process.pid}.*DATA_DIR`));
  });

  it("releases the folder on close so the next start succeeds", async () => {
    const first = await openStore();
    expect(existsSync(path.join(dir, "onerun.lock"))).toBe(true);
    await first.close();
    expect(existsSync(path.join(dir, "onerun.lock"))).toBe(false);
    await expect(openStore()).resolves.toBeDefined();
  });

  it("takes over a lock left behind by a bot that was killed", async () => {
    const pid = await deadPid();
    await writeFile(path.join(dir, "onerun.lock"), `${pid}\n`);
    const store = await openStore();
    expect(await readFile(path.join(dir, "onerun.lock"), "utf8")).toBe(`${process.pid}\n`);
    await store.update((d) => {
      d.counters.handedOff = 1;
    });
  });

  it.each([
    ["half-written JSON", '{"version": 1, "tickets": ['],
    ["JSON that is not onerun data", JSON.stringify({ version: 2, hello: "world" })],
  ])("refuses %s, names the file and leaves it untouched", async (_what, content) => {
    const file = path.join(dir, "onerun.json");
    await writeFile(file, content);
    const opening = openLowdbStore({ dir });
    await expect(opening).rejects.toMatchObject({ code: "STORE_CORRUPT" });
    await expect(opening).rejects.toThrow(file);
    await expect(opening).rejects.toThrow(/move it aside or fix it/i);
    expect(await readFile(file, "utf8")).toBe(content);
    // The refused start must not keep the folder locked.
    expect(existsSync(path.join(dir, "onerun.lock"))).toBe(false);
  });
});
