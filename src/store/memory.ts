import { emptyData, type Data } from "../core/data.ts";
import type { Store } from "../core/ports.ts";

/** The store without a disk: for tests, `npm run ask` and one-off tools. Same contract as the lowdb store. */
export function createMemoryStore(initial: Data = emptyData()): Store & { snapshot(): Data } {
  let data: Data = structuredClone(initial);
  let closed = false;
  const assertOpen = () => {
    if (closed) throw Object.assign(new Error("The store is closed."), { code: "STORE_CLOSED" });
  };
  return {
    read(fn) {
      assertOpen();
      return fn(data);
    },
    async update(fn) {
      assertOpen();
      // Work on a copy so a throwing mutation leaves the data as it was, as a failed disk write would.
      const draft = structuredClone(data);
      const result = fn(draft);
      data = draft;
      return result;
    },
    async close() {
      closed = true;
    },
    snapshot: () => structuredClone(data),
  };
}
