// A stand-in core for adapter tests that pin down translation only: it records every event it is
// given and answers with `reply`. Round trips with the real core live in *-roundtrip tests.
import type { Core } from "../../src/core/api.ts";
import type { HandleResult, IncomingEvent, OutMessage } from "../../src/core/events.ts";

export type Reply = (event: IncomingEvent) => OutMessage[] | Promise<OutMessage[]>;

export function recordingCore(reply: Reply = (e) => [{ parts: [{ kind: "text", text: `got ${e.type}` }] }]) {
  const events: IncomingEvent[] = [];
  const core = {
    events,
    async handle(event: IncomingEvent): Promise<HandleResult> {
      events.push(event);
      return { messages: await reply(event) };
    },
    async start() {},
    async stop() {},
    tickets: { get: () => undefined, findByRef: () => undefined, list: () => [] },
    knowledge: () => {
      throw new Error("not used by the adapter");
    },
  };
  return core satisfies Core;
}
