// Turns the core's platform-free OutMessage into Telegram HTML messages: escaped, readable on a phone,
// split under Telegram's length limit between lines, with the buttons on the last part. Pure.
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import type { OutMessage, Option, Part } from "../../src/core/events.ts";

/** Telegram refuses longer message texts. We measure the HTML source, which is never shorter than what Telegram counts. */
export const TEXT_LIMIT = 4096;
const CALLBACK_DATA_MAX_BYTES = 64;
/** Option ids the core may use for buttons, e.g. "p:passport-renewal", "rate:vs:T-12", "lang:zh", "none". */
const CALLBACK_DATA_PATTERN = /^[a-z]+(?::[A-Za-z0-9_.-]+)*$/;
/** Longer button labels are cut: phones show about this many characters on a full-width button. */
const LABEL_MAX_WIDTH = 48;
/** Buttons this narrow share a row (up to three), e.g. "English" | "中文". */
const SHORT_LABEL_WIDTH = 14;

export type TelegramMessage = { html: string; keyboard?: InlineKeyboardMarkup };
export type Rendered = {
  /** Send in order; the keyboard, if any, is on the last one. */
  messages: TelegramMessage[];
  /** Options left out because Telegram would reject their id as callback_data (a core bug: log it). */
  dropped: Option[];
};

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** For attribute values (an `<a href="…">`), where a quote would end the value. */
export function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, "&quot;");
}

export function isValidCallbackData(data: string): boolean {
  return Buffer.byteLength(data, "utf8") <= CALLBACK_DATA_MAX_BYTES && CALLBACK_DATA_PATTERN.test(data);
}

/** A run of plain text, optionally bold. A line is a list of these and always renders to balanced HTML. */
type Segment = { text: string; bold?: boolean };
type Line = {
  segments: Segment[];
  /** A section heading: kept together with the item after it. */
  isHeading?: boolean;
  /** The heading of the section this item belongs to, repeated when a split starts a new message inside it. */
  heading?: Segment[];
};

const segmentHtml = (s: Segment) => (s.bold ? `<b>${escapeHtml(s.text)}</b>` : escapeHtml(s.text));
const segmentsHtml = (segments: Segment[]) => segments.map(segmentHtml).join("");
const BLANK: Line = { segments: [] };
const CJK_END = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]$/;

function textLines(text: string, bold = false): Line[] {
  return text.split(/\r?\n/).map((t) => (t === "" ? BLANK : { segments: [{ text: t, bold }] }));
}

function partLines(part: Part): Line[] {
  switch (part.kind) {
    case "title":
      return textLines(part.text, true);
    case "text":
      return textLines(part.text);
    case "field":
      // Chinese labels take the full-width colon, which brings its own spacing: "收费：免费".
      return [
        {
          segments: CJK_END.test(part.label)
            ? [{ text: `${part.label}：`, bold: true }, { text: part.value }]
            : [{ text: `${part.label}:`, bold: true }, { text: ` ${part.value}` }],
        },
      ];
    case "section": {
      const title = part.title.replace(/\s+/g, " ").trim();
      const heading: Segment[] | undefined = title ? [{ text: title, bold: true }] : undefined;
      return [
        ...(heading ? [{ segments: heading, isHeading: true }] : []),
        // An item's own line breaks stay inside the item, indented, so it still reads as one bullet.
        ...part.items.map((item) => ({ segments: [{ text: `• ${item.replace(/\r?\n/g, "\n   ")}` }], ...(heading ? { heading } : {}) })),
      ];
    }
  }
}

/** Parts become lines; a blank line separates parts, except consecutive fields (Fee, Time, …) which stack. */
function toLines(parts: Part[]): Line[] {
  const lines: Line[] = [];
  let previous: Part["kind"] | undefined;
  for (const part of parts) {
    if (previous !== undefined && !(previous === "field" && part.kind === "field")) lines.push(BLANK);
    lines.push(...partLines(part));
    previous = part.kind;
  }
  return lines;
}

/** Cuts one over-long line into lines that each fit, preferring spaces, never inside a tag, entity or character. */
function cutLine(line: Line, limit: number): Line[] {
  const out: Line[] = [];
  let current: Segment[] = [];
  let used = 0;
  const flush = () => {
    if (current.length) out.push({ ...line, segments: current });
    current = [];
    used = 0;
  };
  for (const segment of line.segments) {
    const overhead = segment.bold ? "<b></b>".length : 0;
    let rest = [...segment.text]; // code points, so surrogate pairs stay whole
    while (rest.length) {
      let room = limit - used - overhead;
      if (room < 8 && used > 0) {
        flush();
        room = limit - overhead;
      }
      let take = 0;
      let width = 0;
      while (take < rest.length && width + escapeHtml(rest[take]!).length <= room) width += escapeHtml(rest[take++]!).length;
      if (take < rest.length) {
        const space = rest.lastIndexOf(" ", take - 1);
        if (space > take / 2) take = space + 1;
      }
      current.push({ text: rest.slice(0, take).join(""), ...(segment.bold ? { bold: true } : {}) });
      used += overhead + escapeHtml(rest.slice(0, take).join("")).length;
      rest = rest.slice(take);
      if (rest.length) flush();
    }
  }
  flush();
  return out;
}

/**
 * Packs lines into texts of at most `limit` characters, breaking only between lines. A heading never
 * ends a message; a message that starts inside a section starts with that section's heading again.
 */
function splitLines(lines: Line[], limit = TEXT_LIMIT): string[] {
  const chunks: string[] = [];
  let current: { html: string; isHeading?: boolean }[] = [];
  let length = 0;
  const flush = (overflow: boolean) => {
    const trim = () => {
      while (current.length && current[current.length - 1]!.html === "") current.pop();
    };
    trim();
    if (overflow && current.length > 1 && current[current.length - 1]!.isHeading) current.pop();
    trim();
    if (current.length) chunks.push(current.map((l) => l.html).join("\n"));
    current = [];
    length = 0;
  };
  const push = (html: string, isHeading?: boolean) => {
    length += current.length === 0 ? html.length : html.length + 1;
    current.push({ html, ...(isHeading ? { isHeading } : {}) });
  };
  for (const line of lines) {
    for (const piece of segmentsHtml(line.segments).length > limit ? cutLine(line, limit) : [line]) {
      const html = segmentsHtml(piece.segments);
      if (current.length === 0 && html === "") continue; // no message starts with a blank line
      if (length + (current.length === 0 ? 0 : 1) + html.length > limit) {
        flush(true);
        if (html === "") continue;
      }
      if (current.length === 0 && piece.heading) {
        const heading = segmentsHtml(piece.heading);
        if (heading.length + 1 + html.length <= limit) push(heading, true);
      }
      push(html, piece.isHeading);
    }
  }
  flush(false);
  return chunks;
}

/** Display width: CJK and emoji take about two Latin letters' room on a button. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! >= 0x2e80 ? 2 : 1;
  return w;
}

export function truncateLabel(label: string, max = LABEL_MAX_WIDTH): string {
  const clean = label.replace(/\s+/g, " ").trim();
  if (!clean) return "…"; // Telegram refuses a button without text
  if (width(clean) <= max) return clean;
  let cut = "";
  for (const ch of clean) {
    if (width(cut + ch) > max - 1) break;
    cut += ch;
  }
  const space = cut.lastIndexOf(" ");
  if (space > cut.length * 0.6) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,;:.(\-–—]+$/, "")}…`;
}

export function keyboardFor(options: Option[]): { keyboard?: InlineKeyboardMarkup; dropped: Option[] } {
  const valid = options.filter((o) => isValidCallbackData(o.id));
  const dropped = options.filter((o) => !isValidCallbackData(o.id));
  if (valid.length === 0) return { dropped };
  const buttons: InlineKeyboardButton[] = valid.map((o) => ({ text: truncateLabel(o.label), callback_data: o.id }));
  const allShort = buttons.every((b) => width(b.text) <= SHORT_LABEL_WIDTH);
  const perRow = allShort ? 3 : 1;
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return { keyboard: { inline_keyboard: rows }, dropped };
}

export function renderMessage(message: OutMessage, limit = TEXT_LIMIT): Rendered {
  const texts = splitLines(toLines(message.parts), limit);
  const { keyboard, dropped } = keyboardFor(message.options ?? []);
  // Telegram needs some text to hang buttons on.
  if (texts.length === 0 && keyboard) texts.push("⬇️");
  const messages: TelegramMessage[] = texts.map((html) => ({ html }));
  const last = messages[messages.length - 1];
  if (last && keyboard) last.keyboard = keyboard;
  return { messages, dropped };
}
