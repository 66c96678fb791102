// The few things the Telegram adapter says by itself (everything else comes from the core), and the
// command menu Telegram shows next to the text box.
import type { Lang } from "../../src/knowledge/schema.ts";
import type { CitizenCommand } from "../../src/core/events.ts";

export const TEXTS = {
  staleButton: {
    en: "Sorry, this button no longer works. Please type your question or send /start.",
    zh: "抱歉，这个按钮已失效。请直接输入您的问题，或发送 /start。",
  },
  textOnly: {
    en: "Sorry, I can only read text messages. Please type your question.",
    zh: "抱歉，我只能读取文字消息。请用文字输入您的问题。",
  },
  failed: {
    en: "Sorry, something went wrong on our side. Please try again in a moment.",
    zh: "抱歉，系统出了点问题。请稍后再试。",
  },
} satisfies Record<string, Record<Lang, string>>;

export const COMMANDS: { command: CitizenCommand; description: Record<Lang, string> }[] = [
  { command: "start", description: { en: "Start and see the most asked procedures", zh: "开始，查看常办事项" } },
  { command: "help", description: { en: "What I can do and how to ask", zh: "使用帮助" } },
  { command: "language", description: { en: "Switch between English and Chinese", zh: "切换中文 / English" } },
  { command: "ticket", description: { en: "Your open question and who is handling it", zh: "查看您的问题由谁处理" } },
];
