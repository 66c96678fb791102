// The store on disk: one JSON file written atomically by lowdb, owned by one process through a lock file.
import { mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { unlinkSync } from "node:fs";
import path from "node:path";
import { Low } from "lowdb";
import { JSONFile } from "lowdb/node";
import { Data, emptyData } from "../core/data.ts";
import type { Store } from "../core/ports.ts";

export type StoreErrorCode = "STORE_LOCKED" | "STORE_CORRUPT" | "STORE_CLOSED";

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string) {
    super(message);
    this.name = "StoreError";
    this.code = code;
  }
}

export type LowdbStoreOptions = {
  /** Folder for the data file and its lock; created when missing. */
  dir: string;
  /** Data file name inside `dir`. Default: onerun.json. */
  file?: string;
};

const LOCK_FILE = "onerun.lock";

/**
 * Opens (or creates) the data file. Fails with STORE_LOCKED when another live process holds the lock and
 * with STORE_CORRUPT when the file is not valid onerun data — that file is never overwritten.
 */
export async function openLowdbStore({ dir, file = "onerun.json" }: LowdbStoreOptions): Promise<Store> {
  // Tickets hold personal data: a folder we create is readable by its owner only.
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const dataPath = path.join(dir, file);
  const lockPath = path.join(dir, LOCK_FILE);
  await acquireLock(lockPath, dataPath);
  // A crash or process.exit still frees the lock; only SIGKILL leaves a stale one (taken over next start).
  const releaseOnExit = () => {
    try {
      unlinkSync(lockPath);
    } catch {
      // already gone
    }
  };
  process.once("exit", releaseOnExit);

  let db: Low<Data>;
  try {
    db = new Low<Data>(new JSONFile<Data>(dataPath), emptyData());
    const existed = await loadInto(db, dataPath);
    if (!existed) await db.write();
  } catch (err) {
    process.off("exit", releaseOnExit);
    await unlink(lockPath).catch(() => {});
    throw err;
  }

  let closed = false;
  // Writes run one after another; changes made while a write waits its turn share the next write.
  let tail: Promise<void> = Promise.resolve();
  let queued: Promise<void> | null = null;
  const persist = (): Promise<void> => {
    if (queued) return queued;
    const next = tail
      .catch(() => {})
      .then(() => {
        queued = null;
        return db.write();
      });
    queued = next;
    tail = next;
    return next;
  };
  const assertOpen = () => {
    if (closed) throw new StoreError("STORE_CLOSED", "The store is closed.");
  };

  return {
    read(fn) {
      assertOpen();
      return fn(db.data);
    },
    async update(fn) {
      assertOpen();
      // fn runs now, on a copy: a throw leaves the data as it was and nothing is written.
      const draft = structuredClone(db.data);
      const result = fn(draft);
      db.data = draft;
      await persist();
      return result;
    },
    async close() {
      if (closed) return;
      closed = true;
      await tail.catch(() => {});
      process.off("exit", releaseOnExit);
      await releaseLock(lockPath);
    },
  };
}

/** Reads and validates the file into `db`; false when there is no file yet. */
async function loadInto(db: Low<Data>, dataPath: string): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(dataPath, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw err;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw corrupt(dataPath, `it is not valid JSON (${(err as Error).message})`);
  }
  const parsed = Data.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join(".") || "(top level)"}: ${i.message}`)
      .join("; ");
    throw corrupt(dataPath, `it is not onerun data (${issues})`);
  }
  db.data = parsed.data;
  return true;
}

function corrupt(dataPath: string, why: string): StoreError {
  return new StoreError(
    "STORE_CORRUPT",
    `The data file ${dataPath} cannot be used: ${why}. Move it aside or fix it, then start again; ` +
      `onerun will not overwrite it.`,
  );
}

async function acquireLock(lockPath: string, dataPath: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lockPath, `${process.pid}\n`, { flag: "wx" });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const owner = Number.parseInt(await readFile(lockPath, "utf8").catch(() => ""), 10);
    if (Number.isInteger(owner) && isAlive(owner)) {
      throw new StoreError(
        "STORE_LOCKED",
        `Another onerun (pid ${owner}) is using ${dataPath}; stop it or set DATA_DIR to another folder.`,
      );
    }
    // The owner is gone (killed, or the machine restarted): the lock is stale and ours to take.
    await unlink(lockPath).catch(() => {});
  }
  throw new StoreError(
    "STORE_LOCKED",
    `Another onerun is starting on ${dataPath} at the same moment; stop it or set DATA_DIR to another folder.`,
  );
}

async function releaseLock(lockPath: string): Promise<void> {
  const owner = await readFile(lockPath, "utf8").catch(() => "");
  // Only remove our own lock: never one a later process took over.
  if (Number.parseInt(owner, 10) === process.pid) await unlink(lockPath).catch(() => {});
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
