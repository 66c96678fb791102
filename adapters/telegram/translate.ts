// Telegram updates in, platform-free events out. Pure: the adapter feeds it what grammY parsed.
import type { Chat, User } from "grammy/types";
import type { CitizenCommand, CitizenRef, IncomingEvent } from "../../src/core/events.ts";
import type { Lang } from "../../src/knowledge/schema.ts";
import { isValidCallbackData } from "./render.ts";
import { COMMANDS } from "./texts.ts";

export const CHANNEL = "telegram";

/** The commands in the menu are the ones the bot knows. */
const KNOWN: readonly string[] = COMMANDS.map((c) => c.command);

/** Telegram's language_code ("zh-hans", "en-GB", …) as a language we serve; undefined lets the core guess from the text. */
export function langFromCode(code: string | undefined): Lang | undefined {
  if (!code) return undefined;
  return code.toLowerCase().startsWith("zh") ? "zh" : "en";
}

/** The conversation is the chat; the person is `from`. Only what is needed to reply and to name them to staff. */
export function citizenRef(chat: Pick<Chat, "id">, from: User): CitizenRef {
  const displayName = [from.first_name, from.last_name].filter(Boolean).join(" ").trim();
  const lang = langFromCode(from.language_code);
  return {
    channel: CHANNEL,
    conversationId: String(chat.id),
    userId: String(from.id),
    ...(displayName ? { displayName } : {}),
    ...(lang ? { lang } : {}),
  };
}

/** "/language zh" → command "language", arg "zh". Commands the bot does not know show the help. */
function commandEvent(from: CitizenRef, name: string, arg: string): IncomingEvent {
  const command = KNOWN.includes(name.toLowerCase()) ? (name.toLowerCase() as CitizenCommand) : "help";
  const trimmed = arg.trim();
  return { type: "citizen.command", from, command, ...(trimmed ? { arg: trimmed } : {}) };
}

/** Splits "/start@onerun_bot payload" into name and argument; undefined when the text is not a command. */
function parseCommand(text: string): { name: string; arg: string } | undefined {
  const m = /^\/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!m) return undefined;
  return { name: m[1]!, arg: m[2] ?? "" };
}

export function messageEvent(from: CitizenRef, text: string): IncomingEvent {
  const command = parseCommand(text);
  if (command) return commandEvent(from, command.name, command.arg);
  return { type: "citizen.message", from, text };
}

/** A button press, or undefined when its data is not something this bot could have sent (forged, or from an old version). */
export function optionEvent(from: CitizenRef, data: string | undefined): IncomingEvent | undefined {
  if (data === undefined || !isValidCallbackData(data)) return undefined;
  return { type: "citizen.option", from, option: data };
}
