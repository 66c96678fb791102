// One clock timer for whatever is due first (a ticket reminder, an escalation, an outbox retry),
// re-armed after every change, instead of one timer per ticket.
import type { Data } from "./data.ts";
import { nextOutboxDue } from "./outbox.ts";
import type { Clock } from "./ports.ts";
import { nextDue } from "./tickets.ts";

/** The earliest moment anything in the data needs attention, or null. */
export function earliestDue(data: Readonly<Data>): number | null {
  const times = data.tickets.map(nextDue).filter((x): x is number => x !== null);
  const outbox = nextOutboxDue(data.outbox);
  if (outbox !== null) times.push(outbox);
  return times.length > 0 ? Math.min(...times) : null;
}

export type Scheduler = {
  /** Arms the single timer for `at` (ms since epoch; past means now), or disarms it for null. */
  schedule(at: number | null): void;
  stop(): void;
};

export function createScheduler(clock: Clock, run: () => void): Scheduler {
  let handle: unknown = null;
  let armedFor: number | null = null;
  const disarm = () => {
    if (handle !== null) clock.clearTimeout(handle);
    handle = null;
    armedFor = null;
  };
  return {
    schedule(at) {
      if (at === armedFor && handle !== null) return;
      disarm();
      if (at === null) return;
      armedFor = at;
      // Node caps a timer at ~24.8 days; anything later is re-armed when this one fires.
      handle = clock.setTimeout(() => {
        handle = null;
        armedFor = null;
        run();
      }, Math.min(Math.max(0, at - clock.now()), 2 ** 31 - 1));
    },
    stop() {
      disarm();
    },
  };
}
