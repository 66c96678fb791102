// Serves the last good knowledge and reloads it when an admin saves a file. A broken edit is
// reported (onRejected) and the previous knowledge stays in use, so it can never take the bot down.
import { watch, type FSWatcher } from "node:fs";
import path from "node:path";
import { loadKnowledge, PROCEDURES_DIR } from "./load.ts";
import { formatReport, type LoadReport } from "./problems.ts";
import type { Knowledge } from "./schema.ts";

export type WatchKnowledgeOptions = {
  dir: string;
  /** Wait this long after the last change before reloading, so a save touching several files reloads once. Default 300. */
  debounceMs?: number;
  /** A changed knowledge dir loaded cleanly and is now current. */
  onReload?: (knowledge: Knowledge, report: LoadReport) => void;
  /** A changed knowledge dir has errors; the previous knowledge is still current. */
  onRejected?: (report: LoadReport) => void;
  /** A callback above threw; default: ignored, so a faulty listener cannot stop reloads. */
  onError?: (err: unknown) => void;
};

export type KnowledgeWatch = {
  /** The most recent knowledge that loaded without errors. */
  current(): Knowledge;
  /** Reloads now (also what a file change triggers after the debounce). */
  reload(): Promise<LoadReport>;
  close(): void;
};

export type KnowledgeInvalidError = Error & { code: "KNOWLEDGE_INVALID"; report: LoadReport };

export function knowledgeInvalidError(dir: string, report: LoadReport): KnowledgeInvalidError {
  const message = `The knowledge in ${dir} has errors; fix them and start again (check with: npm run kb -- validate --dir ${dir})\n${formatReport(report)}`;
  return Object.assign(new Error(message), { code: "KNOWLEDGE_INVALID" as const, report });
}

/** Changes worth a reload: knowledge files and the procedures folder itself, not schema/ or drafts/. */
const relevant = (filename: string | null) =>
  filename === null || filename === PROCEDURES_DIR || (filename.endsWith(".json") && !path.basename(filename).startsWith("."));

/**
 * Loads `dir` and keeps it current. Throws a KNOWLEDGE_INVALID error when the first load fails.
 * Watches the dir and procedures/ each without `recursive`, which Node 20 on Linux does not reliably support.
 */
export async function watchKnowledge(options: WatchKnowledgeOptions): Promise<KnowledgeWatch> {
  const { dir, debounceMs = 300, onReload, onRejected, onError = () => {} } = options;
  const first = await loadKnowledge(dir);
  if (first.knowledge === null) throw knowledgeInvalidError(dir, first);
  let current: Knowledge = first.knowledge;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  const watchers = new Map<string, FSWatcher>();

  const notify = (fn: () => void) => {
    try {
      fn();
    } catch (err) {
      onError(err);
    }
  };

  const loadOnce = async (): Promise<LoadReport> => {
    const report = await loadKnowledge(dir);
    if (report.knowledge !== null) {
      current = report.knowledge;
      const knowledge = report.knowledge;
      notify(() => onReload?.(knowledge, report));
    } else {
      notify(() => onRejected?.(report));
    }
    arm();
    return report;
  };

  // One reload at a time, in order: a change during a reload triggers another one after it.
  const reload = (): Promise<LoadReport> => {
    const next = chain.then(loadOnce);
    chain = next.catch(() => undefined);
    return next;
  };

  const schedule = () => {
    if (closed) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      reload().catch(onError);
    }, debounceMs);
  };

  // procedures/ was replaced or removed: its watcher now watches nothing; arm() makes a new one.
  const forget = (target: string) => {
    watchers.get(target)?.close();
    watchers.delete(target);
  };

  // (Re)creates missing watchers, e.g. after procedures/ was deleted and recreated.
  function arm() {
    if (closed) return;
    for (const target of [dir, path.join(dir, PROCEDURES_DIR)]) {
      if (watchers.has(target)) continue;
      try {
        const w = watch(target, (_event, filename) => {
          const name = filename === null ? null : String(filename);
          if (target === dir && name === PROCEDURES_DIR) forget(path.join(dir, PROCEDURES_DIR));
          if (relevant(name)) schedule();
        });
        w.on("error", () => {
          forget(target);
          schedule();
        });
        w.unref(); // watching alone should not keep a process alive
        watchers.set(target, w);
      } catch {
        // The folder is missing right now; the next reload reports that and tries again.
      }
    }
  }
  arm();

  return {
    current: () => current,
    reload,
    close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
