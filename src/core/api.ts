// The shape of the core as adapters and tests see it. `createCore` (core.ts) returns a `Core`.
import type { Knowledge, Lang } from "../knowledge/schema.ts";
import type { Matcher } from "../match/types.ts";
import type { Ticket } from "./data.ts";
import type { HandleResult, IncomingEvent } from "./events.ts";
import type { CitizenChannel, Clock, Logger, StaffNotice, StaffNotifier, Store } from "./ports.ts";

/** A staff notice that is about no ticket, e.g. a knowledge reload. */
export type Announcement = Exclude<StaffNotice, { type: "ticket" }>;

/** The knowledge currently served and its matcher; swapped atomically on a good reload. */
export type Loaded = { knowledge: Knowledge; matcher: Matcher };

export type CoreOptions = {
  /** Called per event, so a reload takes effect on the next message. */
  knowledge: () => Loaded;
  store: Store;
  /** Citizen channels by name (`CitizenRef.channel`), for messages sent outside a reply. */
  channels: Record<string, CitizenChannel>;
  staff: StaffNotifier;
  /** Default: the system clock. */
  clock?: Clock;
  /** Default: silent. Message text is only ever logged at debug level. */
  log?: Logger;
  /** Where "Add to knowledge" writes drafts. Default: knowledge/drafts. */
  draftsDir?: string;
  /** Language of the confirmations returned to staff for their actions. Default: "en". */
  staffLang?: Lang;
};

export interface Core {
  /** The one entry point for every adapter and every test. */
  handle(event: IncomingEvent): Promise<HandleResult>;
  /** Resume ticket timers and flush the staff outbox (after a restart). */
  start(): Promise<void>;
  /** Cancel timers; the store stays open (the caller closes it). */
  stop(): Promise<void>;
  tickets: {
    get(id: string): Ticket | undefined;
    findByRef(key: string, value: string): Ticket | undefined;
    list(filter?: { openOnly?: boolean; ownerId?: string }): Ticket[];
  };
  knowledge(): Knowledge;
  /**
   * Tells staff something that is about no ticket (a knowledge reload or a refused edit) through the
   * outbox: stored before it is sent, retried while the staff side is down. Resolves once stored (and
   * sent, or given up on for now after a few seconds); rejects only when it could not be stored.
   * `createCore` always provides it; optional so that test doubles of a Core need not.
   */
  announce?(notice: Announcement): Promise<void>;
}

/** A channel adapter: started with the core it forwards events to. */
export interface Adapter {
  readonly name: string;
  start(core: Core): Promise<void>;
  stop(): Promise<void>;
}
