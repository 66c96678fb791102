// Sending rendered messages to one chat, and telling "this citizen can no longer be reached" apart
// from "try again later".
import { GrammyError, HttpError, type Api } from "grammy";
import type { OutMessage } from "../../src/core/events.ts";
import type { Logger } from "../../src/core/ports.ts";
import { renderMessage } from "./render.ts";

/** Sends each message in order, each split into as many Telegram messages as it needs. */
export async function sendMessages(api: Api, chatId: string | number, messages: OutMessage[], log: Logger): Promise<void> {
  for (const message of messages) {
    const { messages: parts, dropped } = renderMessage(message);
    if (dropped.length) {
      log.warn(
        { optionIds: dropped.map((o) => o.id) },
        "telegram: left out buttons whose id is not valid callback_data (≤ 64 bytes, like p:passport-renewal)",
      );
    }
    for (const part of parts) {
      await api.sendMessage(chatId, part.html, {
        parse_mode: "HTML",
        // Knowledge often ends with an official web address; a big preview card would bury the checklist.
        link_preview_options: { is_disabled: true },
        ...(part.keyboard ? { reply_markup: part.keyboard } : {}),
      });
    }
  }
}

/** Telegram's answer when the citizen blocked the bot, deleted their account, or the chat does not exist. */
export function unreachableReason(error: unknown): "blocked" | "not-found" | undefined {
  if (!(error instanceof GrammyError)) return undefined;
  // 403 covers "bot was blocked by the user", "user is deactivated", "bot can't initiate conversation with a user".
  if (error.error_code === 403) return "blocked";
  if (error.error_code === 400 && /chat not found|user not found|PEER_ID_INVALID/i.test(error.description)) return "not-found";
  return undefined;
}

/** What may be logged about a failed call: never the payload, which holds the citizen's messages. */
export function describeError(error: unknown): { code?: string | number; method?: string; message: string } {
  if (error instanceof GrammyError) return { code: error.error_code, method: error.method, message: error.description };
  if (error instanceof HttpError) return { code: "HTTP_ERROR", message: error.message };
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { ...(typeof code === "string" || typeof code === "number" ? { code } : {}), message: error.message };
  }
  return { message: String(error) };
}

/** A send failure the core can keep and log: a code and Telegram's reason, without the message text. */
export function deliveryError(error: unknown): Error & { code: string } {
  const described = describeError(error);
  return Object.assign(
    new Error(`Telegram did not accept the message (${described.code ?? "?"}: ${described.message}); it will be retried.`),
    { code: "TELEGRAM_SEND_FAILED" },
  );
}

/** Why the adapter could not start, in words that say what to check. */
export function startError(error: unknown, apiRoot: string, port?: number): Error & { code: string } {
  const fail = (message: string) => Object.assign(new Error(message), { code: "TELEGRAM_START_FAILED" });
  if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
    return fail(`Telegram refused the bot token (${error.error_code} ${error.description}). Check TELEGRAM_BOT_TOKEN: copy it again from @BotFather (/mybots → API Token).`);
  }
  if (error instanceof GrammyError) return fail(`Telegram refused ${error.method} (${error.error_code}: ${error.description}).`);
  if (error instanceof HttpError) {
    return fail(`Could not reach the Telegram Bot API at ${apiRoot} (${error.message}). Check the network, or TELEGRAM_API_ROOT if you run your own Bot API server.`);
  }
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === "EADDRINUSE" || code === "EACCES") {
    return fail(`Cannot listen for the Telegram webhook on port ${port ?? "?"} (${String(code)}). Set PORT to a free port.`);
  }
  return fail(`The Telegram channel could not start: ${describeError(error).message}`);
}
