// What the notifier and the Slack listeners share.
import type { webApi } from "@slack/bolt";
import type { Core } from "../../src/core/api.ts";
import type { Clock, Logger } from "../../src/core/ports.ts";
import type { Lang, Staff } from "../../src/knowledge/schema.ts";
import type { View } from "./blocks.ts";

export type SlackContext = {
  client: webApi.WebClient;
  /** The handoff channel id. */
  channel: string;
  core(): Core | undefined;
  log: Logger;
  clock: Clock;
  lang: Lang;
  /** Replies and notes typed in a ticket's thread: already visible there, so the notice is not echoed. */
  fromThread: RecentSet;
};

export const REF_CHANNEL = "slack.channel";
export const REF_TS = "slack.ts";

export function viewOf(ctx: SlackContext, core: Core): View {
  return { knowledge: core.knowledge(), lang: ctx.lang, now: ctx.clock.now() };
}

/** The directory entry of a Slack member, if they are staff. */
export function staffBySlackUser(core: Core, slackUserId: string | undefined): Staff | undefined {
  if (!slackUserId) return undefined;
  return core.knowledge().directory.staff.find((s) => s.slackUserId === slackUserId);
}

/** The error code in a failed Web API call ("invalid_auth", "channel_not_found", …), if Slack sent one. */
export function slackErrorCode(error: unknown): string | undefined {
  return (error as { data?: { error?: string } }).data?.error;
}

/** A set that forgets its oldest entries beyond `max`: enough to catch Slack's retries, bounded in memory. */
export type RecentSet = { has(key: string): boolean; add(key: string): void; delete(key: string): boolean };

export function createRecentSet(max = 1000): RecentSet {
  const keys = new Set<string>();
  return {
    has: (key) => keys.has(key),
    add(key) {
      keys.delete(key);
      keys.add(key);
      while (keys.size > max) {
        const oldest = keys.values().next().value;
        if (oldest === undefined) break;
        keys.delete(oldest);
      }
    },
    delete: (key) => keys.delete(key),
  };
}
