// The same contract for every Store: the core must not be able to tell the memory store from the disk one.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { emptyData, type Data } from "../src/core/data.ts";
import type { Store } from "../src/core/ports.ts";
import { openLowdbStore } from "../src/store/lowdb.ts";
import { createMemoryStore } from "../src/store/memory.ts";

type Opened = { store: Store; cleanup: () => Promise<void> };

const implementations: Array<[string, () => Promise<Opened>]> = [
  ["memory store", async () => ({ store: createMemoryStore(), cleanup: async () => {} })],
  [
    "lowdb store",
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), "onerun-store-"));
      const store = await openLowdbStore({ dir });
      return { store, cleanup: () => rm(dir, { recursive: true, force: true }) };
    },
  ],
];

const addTicketCounter = (data: Data) => {
  const n = data.nextTicket;
  data.nextTicket = n + 1;
  return n;
};

describe.each(implementations)("%s", (_name, open) => {
  let opened: Opened | undefined;
  const start = async () => {
    opened = await open();
    return opened.store;
  };
  afterEach(async () => {
    if (!opened) return;
    await opened.store.close();
    await opened.cleanup();
    opened = undefined;
  });

  it("starts empty and reads back what an update wrote", async () => {
    const store = await start();
    expect(store.read((d) => d)).toEqual(emptyData());
    await store.update((d) => {
      d.counters.answered["passport-renewal"] = 3;
    });
    expect(store.read((d) => d.counters.answered["passport-renewal"])).toBe(3);
  });

  it("returns what the update function returned", async () => {
    const store = await start();
    await expect(store.update(addTicketCounter)).resolves.toBe(1);
    await expect(store.update(addTicketCounter)).resolves.toBe(2);
  });

  it("leaves the data unchanged when the update function throws", async () => {
    const store = await start();
    await store.update((d) => {
      d.counters.handedOff = 5;
    });
    await expect(
      store.update((d) => {
        d.counters.handedOff = 99;
        d.nextTicket = 42;
        throw new Error("half-way");
      }),
    ).rejects.toThrow("half-way");
    expect(store.read((d) => [d.counters.handedOff, d.nextTicket])).toEqual([5, 1]);
  });

  it("applies sequential updates in order", async () => {
    const store = await start();
    for (let i = 0; i < 5; i++) await store.update(addTicketCounter);
    expect(store.read((d) => d.nextTicket)).toBe(6);
  });

  it("applies every one of many concurrent updates, none lost", async () => {
    const store = await start();
    const results = await Promise.all(Array.from({ length: 50 }, () => store.update(addTicketCounter)));
    expect(results.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(store.read((d) => d.nextTicket)).toBe(51);
  });

  it("refuses reads and updates once closed", async () => {
    const store = await start();
    await store.close();
    expect(() => store.read((d) => d.nextTicket)).toThrow(expect.objectContaining({ code: "STORE_CLOSED" }));
    await expect(store.update(addTicketCounter)).rejects.toMatchObject({ code: "STORE_CLOSED" });
  });
});
