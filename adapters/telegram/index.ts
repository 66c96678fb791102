// Citizens talk to the bot on Telegram. A thin translation layer: updates become core events, the
// core's messages become Telegram HTML. Long polling by default; webhook when a URL is configured.
import type { Server } from "node:http";
import { autoRetry } from "@grammyjs/auto-retry";
import { run, sequentialize, type RunnerHandle } from "@grammyjs/runner";
import { Bot, type Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Adapter, Core } from "../../src/core/api.ts";
import type { IncomingEvent, OutMessage } from "../../src/core/events.ts";
import type { CitizenChannel, DeliveryResult, Logger } from "../../src/core/ports.ts";
import type { Lang } from "../../src/knowledge/schema.ts";
import { deliveryError, describeError, sendMessages, startError, unreachableReason } from "./send.ts";
import { COMMANDS, TEXTS } from "./texts.ts";
import { CHANNEL, citizenRef, langFromCode, messageEvent, optionEvent } from "./translate.ts";
import { startWebhookServer, validateWebhookOptions, type WebhookOptions } from "./webhook.ts";

export type TelegramAdapterOptions = {
  /** From @BotFather. */
  token: string;
  /** Bot API server; point it at a self-hosted telegram-bot-api. Default: https://api.telegram.org */
  apiRoot?: string;
  /** Receive updates by webhook instead of long polling. */
  webhook?: WebhookOptions | null;
  /** The bot's own account; given, the adapter skips getMe (tests). */
  botInfo?: UserFromGetMe;
  /** Default: silent. Message text only ever at debug level. */
  log?: Logger;
  retry?: {
    /** A 429 asking to wait longer than this fails the call instead (deliveries are retried by the core). Default 60. */
    maxDelaySeconds?: number;
  };
};

export type TelegramAdapter = Adapter &
  CitizenChannel & {
    /** The port the webhook server listens on (useful with port 0), once started in webhook mode. */
    webhookPort(): number | undefined;
    /**
     * Resolves if long polling gives up for good (Telegram answers 401: token revoked, or 409: another
     * bot polls with the same token). Citizens get no answers from then on, so the app stops and says why
     * instead of running on deaf.
     */
    failed: Promise<Error>;
  };

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const DEFAULT_API_ROOT = "https://api.telegram.org";
const ALLOWED_UPDATES = ["message", "callback_query"] as const;

export function createTelegramAdapter(options: TelegramAdapterOptions): TelegramAdapter {
  if (!options.token.trim()) {
    throw Object.assign(new Error("The Telegram bot token is empty. Create a bot with @BotFather and set TELEGRAM_BOT_TOKEN."), {
      code: "TELEGRAM_TOKEN_MISSING",
    });
  }
  if (options.webhook) validateWebhookOptions(options.webhook);
  const log = options.log ?? silent;
  const bot = new Bot(options.token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    client: { apiRoot: options.apiRoot ?? DEFAULT_API_ROOT },
  });
  bot.api.config.use(
    autoRetry({
      maxDelaySeconds: options.retry?.maxDelaySeconds ?? 60,
      maxRetryAttempts: 3,
      // A network failure surfaces at once: the runner and the core have their own retries, and a delivery must not hang.
      rethrowHttpErrors: true,
    }),
  );
  bot.api.config.use(async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    if (!result.ok && method === "getUpdates") log.warn({ code: result.error_code, message: result.description }, "telegram: getUpdates failed");
    return result;
  });

  let core: Core | undefined;
  let runner: RunnerHandle | undefined;
  let reportFailure: (error: Error) => void = () => {};
  const failed = new Promise<Error>((resolve) => (reportFailure = resolve));
  let server: Server | undefined;

  const langOf = (ctx: Context): Lang => langFromCode(ctx.from?.language_code) ?? "en";

  /** Runs one citizen event through the core and sends the replies; a failure gets an apology, not silence. */
  async function forward(ctx: Context, chatId: number, event: IncomingEvent): Promise<void> {
    if (!core) throw new Error("The Telegram adapter received an update before start(core).");
    log.debug({ chatId, event }, "telegram: citizen event");
    let messages: OutMessage[];
    try {
      messages = (await core.handle(event)).messages;
    } catch (error) {
      log.error({ chatId, error: describeError(error) }, "telegram: the core failed on a citizen event");
      await ctx.api.sendMessage(chatId, TEXTS.failed[langOf(ctx)]).catch(() => undefined);
      return;
    }
    try {
      await sendMessages(ctx.api, chatId, messages, log);
    } catch (error) {
      // Blocked in the meantime, or Telegram kept failing after retries: nothing more to do in this turn.
      log.warn({ chatId, error: describeError(error) }, "telegram: could not send a reply");
    }
  }

  // One chat's updates in order; different chats in parallel.
  bot.use(sequentialize((ctx: Context) => String(ctx.chat?.id ?? ctx.from?.id ?? "")));

  // Every press is answered so the client's spinner stops, whatever happens next.
  bot.on("callback_query", async (ctx) => {
    const message = ctx.callbackQuery.message;
    const chat = message?.chat ?? { id: ctx.from.id, type: "private" as const };
    const event = chat.type === "private" ? optionEvent(citizenRef(chat, ctx.from), ctx.callbackQuery.data) : undefined;
    if (!event) {
      log.info({ chatId: chat.id }, "telegram: refused a button press with unknown data");
      await ctx.answerCallbackQuery({ text: TEXTS.staleButton[langOf(ctx)] }).catch((e) => log.debug({ error: describeError(e) }, "telegram: answerCallbackQuery failed"));
      return;
    }
    await ctx.answerCallbackQuery().catch((e) => log.debug({ error: describeError(e) }, "telegram: answerCallbackQuery failed"));
    // The pressed message's keyboard goes: a rating, a clarifying choice or a language is answered once, so
    // nothing can be pressed twice and stale choices disappear. Menus come back with /start or the next answer.
    if (message && message.date !== 0) {
      await ctx.api
        .editMessageReplyMarkup(chat.id, message.message_id)
        .catch((e) => log.debug({ error: describeError(e) }, "telegram: could not remove the keyboard"));
    }
    await forward(ctx, chat.id, event);
  });

  // Groups are not served: questions and staff replies are personal.
  const privateChats = bot.chatType("private");
  privateChats.on("message:text", (ctx) => forward(ctx, ctx.chat.id, messageEvent(citizenRef(ctx.chat, ctx.from), ctx.message.text)));
  privateChats.on("message", (ctx) => ctx.reply(TEXTS.textOnly[langOf(ctx)]).then(() => undefined));

  bot.catch((err) => {
    log.error({ updateId: err.ctx.update.update_id, error: describeError(err.error) }, "telegram: update failed");
  });

  async function registerCommands(): Promise<void> {
    try {
      await bot.api.setMyCommands(COMMANDS.map((c) => ({ command: c.command, description: c.description.en })));
      await bot.api.setMyCommands(
        COMMANDS.map((c) => ({ command: c.command, description: c.description.zh })),
        { language_code: "zh" },
      );
    } catch (error) {
      log.warn({ error: describeError(error) }, "telegram: could not register the command menu (the bot works without it)");
    }
  }

  return {
    name: CHANNEL,
    failed,

    async start(c) {
      core = c;
      try {
        // getMe (unless botInfo was given): a wrong token fails here, with a message, not later in the background.
        await bot.init();
        await registerCommands();
        if (options.webhook) {
          const webhook = options.webhook;
          await bot.api.setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: [...ALLOWED_UPDATES] });
          server = await startWebhookServer(bot, webhook, log);
        } else {
          // Telegram refuses getUpdates while a webhook is set (e.g. after running in webhook mode).
          await bot.api.deleteWebhook();
          runner = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] }, silent: true } });
          // The runner retries network trouble itself; it only gives up on a revoked token or a second bot on the same token.
          runner.task()?.catch((error: unknown) => {
            const why = describeError(error);
            log.error({ error: why }, "telegram: long polling stopped; citizens get no answers");
            const detail = why.code === undefined ? why.message : `${why.code} ${why.message}`;
            reportFailure(
              Object.assign(new Error(`Telegram stopped delivering messages (${detail}). Check TELEGRAM_BOT_TOKEN with @BotFather and that no other copy of the bot is running.`), {
                code: "TELEGRAM_POLLING_STOPPED",
              }),
            );
          });
        }
      } catch (error) {
        throw startError(error, options.apiRoot ?? DEFAULT_API_ROOT, options.webhook?.port);
      }
      log.info({ mode: options.webhook ? "webhook" : "polling", bot: bot.botInfo.username }, "telegram: receiving updates");
    },

    async stop() {
      const r = runner;
      runner = undefined;
      if (r?.isRunning()) await r.stop();
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },

    async deliver(to, messages): Promise<DeliveryResult> {
      try {
        await sendMessages(bot.api, to.conversationId, messages, log);
        return { ok: true };
      } catch (error) {
        const reason = unreachableReason(error);
        if (reason) {
          log.info({ chatId: to.conversationId, reason }, "telegram: citizen can no longer be reached");
          return { ok: false, reason, detail: describeError(error).message };
        }
        throw deliveryError(error);
      }
    },

    webhookPort() {
      const address = server?.address();
      return address && typeof address === "object" ? address.port : undefined;
    },
  };
}
