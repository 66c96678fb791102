import type { Clock } from "./ports.ts";

/** `promise`'s result, or "timeout" once `ms` have passed on `clock` (the promise keeps running). */
export async function within<T>(clock: Clock, ms: number, promise: Promise<T>): Promise<T | "timeout"> {
  let handle: unknown = null;
  const timeout = new Promise<"timeout">((resolve) => {
    handle = clock.setTimeout(() => resolve("timeout"), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clock.clearTimeout(handle);
  }
}
