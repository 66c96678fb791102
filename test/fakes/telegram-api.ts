// A local stand-in for the Telegram Bot API (api.telegram.org) on 127.0.0.1, for driving real grammY
// over HTTP. It checks what Telegram checks where a mistake would reach citizens (HTML that does not
// parse, texts over 4,096 characters, callback_data over 64 bytes, unanswered button presses) and
// records every call so tests can assert what a citizen would see.
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { UserFromGetMe } from "grammy/types";

export type Json = Record<string, unknown>;
export type ApiCall = { method: string; params: Json };
export type ApiError = { error_code: number; description: string; parameters?: { retry_after?: number } };
export type FakeUser = { id: number; first_name: string; last_name?: string; language_code?: string };
export type Update = Json & { update_id: number };
/** A message the bot sent, as Telegram keeps it. */
export type SentMessage = { message_id: number; chat_id: number; text: string; html: string; reply_markup?: Json };

export const BOT_INFO: UserFromGetMe = {
  id: 7000001,
  is_bot: true,
  first_name: "Riverside Service",
  username: "riverside_service_bot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

const TAGS = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "blockquote", "tg-spoiler", "span", "tg-emoji"]);

/** Parses Telegram-flavoured HTML the strict way Telegram does; returns the visible text or why it fails. */
export function parseTelegramHtml(html: string): { ok: true; text: string } | { ok: false; error: string } {
  const stack: string[] = [];
  let text = "";
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === "<") {
      const m = /^<(\/?)([a-z-]+)((?:\s+[a-z-]+="[^"<>]*")*)\s*>/.exec(html.slice(i));
      if (!m) return { ok: false, error: `Can't find end of the tag at byte offset ${i}` };
      const [whole, closing, name] = m as unknown as [string, string, string];
      if (!TAGS.has(name)) return { ok: false, error: `Unsupported start tag "${name}" at byte offset ${i}` };
      if (closing) {
        if (stack.pop() !== name) return { ok: false, error: `Unmatched end tag at byte offset ${i}, expected "</${stack.at(-1) ?? ""}>"` };
      } else stack.push(name);
      i += whole.length;
    } else if (ch === "&") {
      const m = /^&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);/.exec(html.slice(i));
      if (!m) return { ok: false, error: `Can't parse entity at byte offset ${i}: an unescaped "&"` };
      const name = m[1]!;
      text += name === "lt" ? "<" : name === "gt" ? ">" : name === "amp" ? "&" : name === "quot" ? '"' : String.fromCodePoint(Number(name.startsWith("#x") ? `0x${name.slice(2)}` : name.slice(1)));
      i += m[0].length;
    } else if (ch === ">") {
      return { ok: false, error: `Unexpected ">" at byte offset ${i}` };
    } else {
      text += ch;
      i++;
    }
  }
  if (stack.length) return { ok: false, error: `Can't find end tag corresponding to start tag "${stack.at(-1)}"` };
  return { ok: true, text };
}

export type UpdateBuilders = {
  text(user: FakeUser, text: string): Json;
  photo(user: FakeUser): Json;
  /** A button press on `message` (default: the last message to the user that has a keyboard). */
  press(user: FakeUser, data: string, message?: SentMessage): Json;
};

export type FakeTelegramApi = {
  /** Give grammY `client: { apiRoot }`. */
  apiRoot: string;
  token: string;
  calls(method?: string): ApiCall[];
  /** Resolves with the `count`-th call (1-based, counting all so far) of `method` that matches. */
  waitForCall(method: string, match?: (params: Json) => boolean, options?: { count?: number; timeoutMs?: number }): Promise<ApiCall>;
  /** Messages the bot sent to a chat, oldest first. */
  sentTo(chatId: number): SentMessage[];
  /** The answer to the next call of `method`, instead of the normal one. */
  failNext(method: string, error: ApiError): void;
  /** From now on sendMessage to this chat fails as it does for a citizen who blocked the bot. */
  block(chatId: number, description?: string): void;
  /** Queues an update for getUpdates; returns it with its update_id. */
  queue(update: Json): Update;
  /** Updates as Telegram would send them, not yet delivered (for postWebhook, or queue). */
  build: UpdateBuilders;
  userSends(user: FakeUser, text: string): Update;
  userSendsPhoto(user: FakeUser): Update;
  /** A button press on `message` (default: the last message to the user that has a keyboard). */
  userPresses(user: FakeUser, data: string, message?: SentMessage): Update;
  /** Callback query ids delivered but never answered with answerCallbackQuery. */
  unansweredCallbacks(): string[];
  /** The URL and secret registered with setWebhook. */
  webhook(): { url: string; secret_token?: string } | undefined;
  /** POSTs an update the way Telegram does to `baseUrl` + the registered webhook path; `secret: null` leaves the header out. */
  postWebhook(update: Json, options: { baseUrl: string; secret?: string | null }): Promise<number>;
  close(): Promise<void>;
};

export async function startFakeTelegramApi(options: { token?: string; maxHoldMs?: number } = {}): Promise<FakeTelegramApi> {
  const token = options.token ?? "123456:TEST-token_abc";
  const maxHoldMs = options.maxHoldMs ?? 250;
  const log: ApiCall[] = [];
  const events = new EventEmitter();
  const pendingUpdates: Update[] = [];
  const failures = new Map<string, ApiError[]>();
  const blocked = new Map<number, string>();
  const sent: SentMessage[] = [];
  const delivered = new Set<string>();
  const answered = new Set<string>();
  const waiters = new Set<() => void>();
  let webhook: { url: string; secret_token?: string } | undefined;
  let nextUpdateId = 1000;
  let nextMessageId = 1;
  let nextCallbackId = 1;

  const ok = (result: unknown) => ({ ok: true, result });
  const fail = (error_code: number, description: string) => ({ ok: false, error_code, description });
  const now = () => Math.floor(Date.now() / 1000);

  function handle(method: string, params: Json): Json | Promise<Json> {
    const scripted = failures.get(method)?.shift();
    if (scripted) return { ok: false, ...scripted };
    switch (method) {
      case "getMe":
        return ok(BOT_INFO);
      case "setWebhook":
        webhook = { url: String(params.url), ...(params.secret_token ? { secret_token: String(params.secret_token) } : {}) };
        return ok(true);
      case "deleteWebhook":
        webhook = undefined;
        return ok(true);
      case "setMyCommands":
        return ok(true);
      case "getUpdates":
        return getUpdates(params);
      case "sendMessage":
        return sendMessage(params);
      case "answerCallbackQuery": {
        const id = String(params.callback_query_id);
        if (!delivered.has(id) || answered.has(id)) return fail(400, "Bad Request: query is too old and response timeout expired or query ID is invalid");
        answered.add(id);
        return ok(true);
      }
      case "editMessageReplyMarkup": {
        const message = sent.find((m) => m.chat_id === Number(params.chat_id) && m.message_id === Number(params.message_id));
        if (!message) return fail(400, "Bad Request: message to edit not found");
        const markup = params.reply_markup as Json | undefined;
        if (JSON.stringify(markup ?? null) === JSON.stringify(message.reply_markup ?? null)) return fail(400, "Bad Request: message is not modified");
        if (markup) message.reply_markup = markup;
        else delete message.reply_markup;
        return ok({ message_id: message.message_id, date: now(), chat: { id: message.chat_id, type: "private" }, text: message.text });
      }
      default:
        return fail(404, "Not Found: method not found in the fake");
    }
  }

  function sendMessage(params: Json): Json {
    const chatId = Number(params.chat_id);
    if (!Number.isFinite(chatId)) return fail(400, "Bad Request: chat not found");
    const reason = blocked.get(chatId);
    if (reason) return fail(403, reason);
    const html = String(params.text ?? "");
    let text = html;
    if (params.parse_mode === "HTML") {
      const parsed = parseTelegramHtml(html);
      if (!parsed.ok) return fail(400, `Bad Request: can't parse entities: ${parsed.error}`);
      text = parsed.text;
    }
    if (text.trim() === "") return fail(400, "Bad Request: message text is empty");
    if (text.length > 4096) return fail(400, "Bad Request: message is too long");
    const markup = params.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined;
    for (const button of markup?.inline_keyboard?.flat() ?? []) {
      if (button.callback_data !== undefined && Buffer.byteLength(button.callback_data) > 64) return fail(400, "Bad Request: BUTTON_DATA_INVALID");
    }
    const message: SentMessage = { message_id: nextMessageId++, chat_id: chatId, text, html, ...(markup ? { reply_markup: markup as Json } : {}) };
    sent.push(message);
    return ok({ message_id: message.message_id, date: now(), chat: { id: chatId, type: "private" }, from: BOT_INFO, text, ...(markup ? { reply_markup: markup } : {}) });
  }

  function getUpdates(params: Json): Json | Promise<Json> {
    if (webhook) return fail(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    const offset = Number(params.offset ?? 0);
    const limit = Number(params.limit ?? 100);
    // Telegram forgets updates below the offset: they were confirmed.
    while (pendingUpdates.length && pendingUpdates[0]!.update_id < offset) pendingUpdates.shift();
    const take = () => {
      const batch = pendingUpdates.slice(0, limit);
      for (const u of batch) if (u.callback_query) delivered.add(String((u.callback_query as Json).id));
      return ok(batch);
    };
    if (pendingUpdates.length) return take();
    const holdMs = Math.min(Number(params.timeout ?? 0) * 1000, maxHoldMs);
    return new Promise((resolve) => {
      const wake = () => {
        waiters.delete(wake);
        clearTimeout(timer);
        resolve(take());
      };
      const timer = setTimeout(wake, holdMs);
      waiters.add(wake);
    });
  }

  async function readBody(req: IncomingMessage): Promise<Json> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    if (!raw) return {};
    if ((req.headers["content-type"] ?? "").includes("application/json")) return JSON.parse(raw) as Json;
    return Object.fromEntries(new URLSearchParams(raw));
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec((req.url ?? "").split("?")[0] ?? "");
    const reply = (status: number, body: Json) => {
      if (!res.writableEnded) res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
    };
    if (!m) return reply(404, fail(404, "Not Found"));
    if (m[1] !== token) return reply(401, fail(401, "Unauthorized"));
    const method = m[2]!;
    readBody(req)
      .then(async (params) => {
        const call = { method, params };
        log.push(call);
        events.emit("call", call);
        const body = await handle(method, params);
        const error = body.ok ? undefined : (body as unknown as ApiError);
        reply(error ? (error.error_code >= 400 && error.error_code < 600 ? error.error_code : 400) : 200, body);
      })
      .catch((e: unknown) => reply(400, fail(400, `Bad Request: ${String(e)}`)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  const privateChat = (user: FakeUser) => ({ id: user.id, type: "private", first_name: user.first_name, ...(user.last_name ? { last_name: user.last_name } : {}) });
  const fromUser = (user: FakeUser) => ({ ...user, is_bot: false });

  /** A private-chat message update from `user` with the given content fields. */
  const message = (user: FakeUser, content: Record<string, unknown>) => ({
    message: { message_id: nextMessageId++, date: now(), chat: privateChat(user), from: fromUser(user), ...content },
  });
  const build: UpdateBuilders = {
    text(user, text) {
      const command = /^\/\S+/.exec(text);
      return message(user, {
        text,
        ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
      });
    },
    photo(user) {
      return message(user, { photo: [{ file_id: "photo-1", file_unique_id: "p1", width: 90, height: 90 }] });
    },
    press(user, data, message) {
      const target = message ?? [...sent].reverse().find((m) => m.chat_id === user.id && m.reply_markup);
      if (!target) throw new Error(`No message with buttons was sent to ${user.id}`);
      return {
        callback_query: {
          id: String(nextCallbackId++),
          from: fromUser(user),
          chat_instance: `ci-${user.id}`,
          data,
          message: {
            message_id: target.message_id,
            date: now(),
            chat: privateChat(user),
            from: BOT_INFO,
            text: target.text,
            ...(target.reply_markup ? { reply_markup: target.reply_markup } : {}),
          },
        },
      };
    },
  };

  const api: FakeTelegramApi = {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    calls: (method) => log.filter((c) => method === undefined || c.method === method),
    waitForCall(method, match = () => true, { count = 1, timeoutMs = 5000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = log.filter((c) => c.method === method && match(c.params));
          if (found.length >= count) {
            events.off("call", check);
            clearTimeout(timer);
            // Let the fake answer before the test looks at the effects.
            setImmediate(() => resolve(found[count - 1]!));
          }
        };
        const timer = setTimeout(() => {
          events.off("call", check);
          reject(new Error(`No ${count}. ${method} call matching within ${timeoutMs} ms. Calls: ${log.map((c) => c.method).join(", ")}`));
        }, timeoutMs);
        events.on("call", check);
        check();
      });
    },
    sentTo: (chatId) => sent.filter((m) => m.chat_id === chatId),
    failNext(method, error) {
      failures.set(method, [...(failures.get(method) ?? []), error]);
    },
    block(chatId, description = "Forbidden: bot was blocked by the user") {
      blocked.set(chatId, description);
    },
    queue(update) {
      const full = { ...update, update_id: nextUpdateId++ };
      pendingUpdates.push(full);
      for (const wake of [...waiters]) wake();
      return full;
    },
    build,
    userSends: (user, text) => api.queue(build.text(user, text)),
    userSendsPhoto: (user) => api.queue(build.photo(user)),
    userPresses: (user, data, message) => api.queue(build.press(user, data, message)),
    unansweredCallbacks: () => [...delivered].filter((id) => !answered.has(id)),
    webhook: () => webhook,
    async postWebhook(update, { baseUrl, secret }) {
      if (!webhook) throw new Error("No webhook registered with setWebhook");
      const headerSecret = secret === undefined ? webhook.secret_token : secret;
      if (update.callback_query) delivered.add(String((update.callback_query as Json).id));
      const body = { update_id: nextUpdateId++, ...update };
      const res = await fetch(new URL(new URL(webhook.url).pathname, baseUrl), {
        method: "POST",
        headers: { "Content-Type": "application/json", ...(headerSecret !== null && headerSecret !== undefined ? { "X-Telegram-Bot-Api-Secret-Token": headerSecret } : {}) },
        body: JSON.stringify(body),
      });
      await res.arrayBuffer();
      return res.status;
    },
    async close() {
      for (const wake of [...waiters]) wake();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return api;
}
