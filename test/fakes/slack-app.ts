// Slack's side of the conversation as the app sees it (signed requests to its request URL, Socket
// Mode payloads) and a wired-up world for the Slack tests: the real core with the sample knowledge,
// matcher, memory store and fake clock, the real adapter over HTTP on 127.0.0.1, the fake Web API.
import { createHmac } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSlackAdapter, type SlackAdapter } from "../../adapters/slack/index.ts";
import type { Loaded } from "../../src/core/api.ts";
import { createFakeClock } from "../../src/core/clock.ts";
import { createCore } from "../../src/core/core.ts";
import type { Ticket } from "../../src/core/data.ts";
import { type OutMessage, toPlainText } from "../../src/core/events.ts";
import type { CitizenChannel, DeliveryResult } from "../../src/core/ports.ts";
import type { Knowledge } from "../../src/knowledge/schema.ts";
import type { MatchResult } from "../../src/match/types.ts";
import { createMemoryStore } from "../../src/store/memory.ts";
import { sampleKnowledge, says, scriptedMatcher, type ScriptedMatcher } from "../core-harness.ts";
import { BOT, type FakeSlackApi, type SlackCall, startFakeSlackApi } from "./slack-api.ts";

export const TEAM = { id: BOT.team_id, domain: "onerun-test" };

export type SendOptions = {
  secret: string;
  /** Seconds since the epoch that Slack claims to have signed at. Default: now. */
  timestamp?: number;
  /** Replace the computed signature (to forge one). */
  signature?: string;
  /** Slack's redelivery counter, sent when it thinks the app missed an event. */
  retryNum?: number;
};

/** Signs like Slack: v0=hex(HMAC-SHA256(secret, `v0:${timestamp}:${body}`)). */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

async function send(url: string, body: string, contentType: string, options: SendOptions): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": contentType,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": options.signature ?? slackSignature(options.secret, timestamp, body),
  };
  if (options.retryNum !== undefined) {
    headers["x-slack-retry-num"] = String(options.retryNum);
    headers["x-slack-retry-reason"] = "http_timeout";
  }
  return fetch(url, { method: "POST", headers, body });
}

/** An Events API delivery (JSON). */
export function sendEvent(url: string, event: Record<string, unknown>, eventId: string, options: SendOptions): Promise<Response> {
  return send(url, JSON.stringify(eventCallback(event, eventId)), "application/json", options);
}

/** The Events API wrapper around one event: the HTTP body, or the payload of a Socket Mode envelope. */
export function eventCallback(event: Record<string, unknown>, eventId: string): Record<string, unknown> {
  return {
    token: "legacy-token",
    team_id: TEAM.id,
    api_app_id: "A0ONERUN",
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event,
    authorizations: [{ team_id: TEAM.id, user_id: BOT.user_id, is_bot: true }],
  };
}

/** An interactivity delivery (form-encoded `payload=<json>`): block_actions, view_submission. */
export function sendInteraction(url: string, payload: Record<string, unknown>, options: SendOptions): Promise<Response> {
  const body = new URLSearchParams({ payload: JSON.stringify(interaction(payload)) }).toString();
  return send(url, body, "application/x-www-form-urlencoded", options);
}

export function interaction(payload: Record<string, unknown>): Record<string, unknown> {
  return { token: "legacy-token", api_app_id: "A0ONERUN", team: TEAM, ...payload };
}

export function slackUser(id: string) {
  return { id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: TEAM.id };
}

/** A click on a button of a message in `channel`. */
export function buttonClick(args: { user: string; channel: string; messageTs: string; actionId: string; value: string }) {
  return {
    type: "block_actions",
    user: slackUser(args.user),
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    container: { type: "message", message_ts: args.messageTs, channel_id: args.channel, is_ephemeral: false },
    channel: { id: args.channel, name: "handoff" },
    message: { type: "message", ts: args.messageTs, text: "ping" },
    actions: [{ type: "button", action_id: args.actionId, block_id: "onerun.actions", value: args.value, action_ts: "1763888400.1" }],
  };
}

type StateValue = { type: string; value?: string; selected_option?: { text: { type: "plain_text"; text: string }; value: string } | null };

/** Submitting `view` (as the app opened it) with the given input values, by block id then action id. */
export function viewSubmission(args: { user: string; view: Record<string, unknown>; values: Record<string, Record<string, StateValue>> }) {
  return {
    type: "view_submission",
    user: slackUser(args.user),
    trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
    view: { id: "V0MODAL", team_id: TEAM.id, ...args.view, state: { values: args.values }, hash: "h1" },
  };
}

// --- The world the Slack tests run in ---------------------------------------------------------------

export const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
export const CHANNEL = "C0HANDOFF1";
export const STRANGER = "U0NOTSTAFF9";
export const MINUTE = 60_000;

/** The procedure `QUESTION` is about: its owner gets the question. */
export const PASSPORT = "passport-renewal";

/** A question the sample knowledge cannot answer outright, carrying every Slack injection trick. */
export const QUESTION = "Can my grandmother renew her passport at home if she cannot walk? <!channel> @here <https://evil.example|click> <@U123>";

export const alice = { channel: "telegram", conversationId: "c-alice", userId: "u-alice", displayName: "Alice", lang: "en" as const };

/** A member of staff as the tests need them: directory id, English name, Slack user id. */
export type StaffMember = { id: string; name: string; slack: string };

function member(knowledge: Knowledge, id: string, role: string): StaffMember {
  const person = knowledge.staffById.get(id);
  if (!person?.slackUserId) throw new Error(`the Slack tests need ${role} ("${id}") in knowledge/directory.json, with a slackUserId`);
  return { id, name: person.name.en ?? id, slack: person.slackUserId };
}

// The people around `QUESTION`, read from the sample knowledge: the owner of passport renewal (Gao Yang
// in the sample), who the directory names as their backup and as the head they escalate to.
const { knowledge: sample } = await sampleKnowledge();
const passport = sample.byId.get(PASSPORT);
if (!passport) throw new Error(`the Slack tests need the sample procedure "${PASSPORT}"`);
export const OWNER = member(sample, passport.owner, `the owner of ${PASSPORT}`);
export const BACKUP = member(sample, sample.staffById.get(OWNER.id)!.backup, `the backup of ${OWNER.id}`);
export const HEAD = member(sample, sample.staffById.get(OWNER.id)!.escalateTo, `the head ${OWNER.id} escalates to`);
if (new Set([OWNER.id, BACKUP.id, HEAD.id]).size !== 3) throw new Error(`the Slack tests need ${PASSPORT}'s owner, their backup and their head to be three different people`);

/**
 * What the matcher says about `QUESTION`: not sure enough to answer or ask about anything, but passport
 * renewal is a plausible guess, so the question goes to that procedure's owner.
 */
export function questionVerdict(knowledge: Knowledge): MatchResult {
  const { handoffGuessScore, clarifyScore } = knowledge.settings.matching;
  return says.handoff([{ id: PASSPORT, score: Math.round(((handoffGuessScore + clarifyScore) / 2) * 1000) / 1000 }]);
}

/**
 * The sample knowledge with the real matcher, except that `QUESTION` is scripted (`questionVerdict`):
 * the matcher is tuned on its own, and these tests are about Slack, not about how it scores one
 * sentence. A fresh matcher each call, so a test's own scripts stay in that test.
 */
export async function slackKnowledge(): Promise<Loaded & { matcher: ScriptedMatcher }> {
  const real = await sampleKnowledge();
  return { knowledge: real.knowledge, matcher: scriptedMatcher(real.matcher, { [QUESTION]: questionVerdict(real.knowledge) }) };
}

/** A citizen chat that records what reaches the citizen; it can be blocked or slowed down. */
export function fakeCitizenChannel() {
  const delivered: { conversationId: string; text: string }[] = [];
  let result: DeliveryResult = { ok: true };
  let gate: Promise<void> = Promise.resolve();
  const channel: CitizenChannel & { delivered: typeof delivered; block(): void; hold(): () => void } = {
    delivered,
    async deliver(to, messages: OutMessage[]) {
      await gate;
      if (!result.ok) return result;
      for (const m of messages) delivered.push({ conversationId: to.conversationId, text: toPlainText(m) });
      return { ok: true };
    },
    block: () => void (result = { ok: false, reason: "blocked" }),
    /** Deliveries wait until the returned function is called: a slow chat platform. */
    hold() {
      let release = () => {};
      gate = new Promise<void>((resolve) => (release = resolve));
      return release;
    },
  };
  return channel;
}

export type SlackWorld = Awaited<ReturnType<typeof startSlackWorld>>;

export async function startSlackWorld() {
  const loaded = await slackKnowledge();
  const api = await startFakeSlackApi();
  const clock = createFakeClock();
  const citizen = fakeCitizenChannel();
  const draftsDir = await mkdtemp(join(tmpdir(), "onerun-slack-drafts-"));
  const adapter: SlackAdapter = createSlackAdapter({
    botToken: "xoxb-test-token",
    channel: CHANNEL,
    signingSecret: SECRET,
    port: 0,
    host: "127.0.0.1",
    apiUrl: api.url,
    clock,
    retries: false,
  });
  const core = createCore({ knowledge: () => loaded, store: createMemoryStore(), channels: { telegram: citizen }, staff: adapter, clock, draftsDir });
  await adapter.start(core);
  await core.start();
  const url = `http://127.0.0.1:${adapter.port()}/slack/events`;
  let eventSeq = 0;
  let lastAnswer = "";

  const posts = () => api.callsTo("chat.postMessage");
  const settle = async () => {
    await adapter.idle();
    await core.idle();
  };

  const world = {
    api,
    adapter,
    core,
    clock,
    citizen,
    draftsDir,
    url,
    knowledge: loaded.knowledge,
    /** From now on, the matcher gives `question` (exactly) `result`; anything unscripted goes to the real matcher. */
    script: loaded.matcher.script,
    /** What the bot last answered the citizen in turn. */
    lastAnswer: () => lastAnswer,
    settle,
    posts,
    threadPosts: (ts: string) => posts().filter((c) => c.params.thread_ts === ts),
    ephemeralsTo: (user: string) => api.callsTo("chat.postEphemeral").filter((c) => c.params.user === user),
    lastUpdate: () => api.callsTo("chat.update").at(-1),
    /** Everything the citizen received outside a turn (staff replies, rating prompts), one per line. */
    said: () => citizen.delivered.map((d) => d.text).join("\n"),

    /** The citizen asks `QUESTION`, which is handed to passport renewal's owner. */
    async handOff(): Promise<Ticket> {
      const result = await core.handle({ type: "citizen.message", from: alice, text: QUESTION });
      lastAnswer = result.messages.map(toPlainText).join("\n");
      const ticket = core.tickets.list({ openOnly: true }).at(-1);
      if (!ticket) throw new Error(`no ticket was opened: ${lastAnswer}`);
      return ticket;
    },

    /** The ping of a ticket: its ts (as the core stored it) and the chat.postMessage call. */
    pingOf(ticket: Ticket): { ts: string; call: SlackCall } {
      const ts = core.tickets.get(ticket.id)?.refs["slack.ts"];
      const call = posts().find((c) => c.params.thread_ts === undefined && JSON.stringify(c.params.blocks).includes(`${ticket.id}:`));
      if (!ts || !call) throw new Error(`no ping for ${ticket.id}`);
      return { ts, call };
    },

    /** A message typed by `user` in the thread `threadTs`, delivered by the Events API. */
    async threadMessage(user: string, threadTs: string, text: string, options: { eventId?: string; retryNum?: number } = {}) {
      const ts = `1763889000.${String(++eventSeq).padStart(6, "0")}`;
      const event = { type: "message", channel: CHANNEL, channel_type: "channel", user, text, ts, thread_ts: threadTs };
      const res = await sendEvent(url, event, options.eventId ?? `Ev${eventSeq}`, {
        secret: SECRET,
        ...(options.retryNum !== undefined ? { retryNum: options.retryNum } : {}),
      });
      if (res.status !== 200) throw new Error(`Slack event refused: HTTP ${res.status}`);
      await settle();
    },

    /** `user` clicks a button on the ticket's ping. */
    async click(user: string, ticket: Ticket, actionId: string) {
      const { ts } = world.pingOf(ticket);
      const res = await sendInteraction(url, buttonClick({ user, channel: CHANNEL, messageTs: ts, actionId, value: ticket.id }), { secret: SECRET });
      if (res.status !== 200) throw new Error(`click refused: HTTP ${res.status}`);
      await settle();
    },

    /** Submits the modal the app opened last, filled in with `values`; returns Slack's HTTP response body. */
    async submitModal(user: string, values: Parameters<typeof viewSubmission>[0]["values"]): Promise<string> {
      const opened = api.callsTo("views.open").at(-1);
      if (!opened) throw new Error("no modal was opened");
      const res = await sendInteraction(url, viewSubmission({ user, view: opened.params.view as Record<string, unknown>, values }), { secret: SECRET });
      if (res.status !== 200) throw new Error(`submission refused: HTTP ${res.status}`);
      const body = await res.text();
      await settle();
      return body;
    },

    async close() {
      await core.stop();
      await adapter.stop();
      await api.close();
      await rm(draftsDir, { recursive: true, force: true });
    },
  };
  return world;
}

/** All the text of a message's blocks, as one string. */
export const blockText = (call: SlackCall | undefined): string => JSON.stringify(call?.params.blocks ?? "");
