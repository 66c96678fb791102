// Turns core messages into terminal text. ANSI styling only when writing to a terminal; wrapping only
// at spaces, and only when the terminal's width is known.
import type { Option, OutMessage } from "../../src/core/events.ts";

export type Style = {
  /** ANSI bold/underline/colours. */
  color: boolean;
  /** Terminal columns; undefined: never wrap (pipes, files, tests). */
  width?: number;
};

const ansi = (code: string, style: Style) => (text: string) => (style.color ? `\x1b[${code}m${text}\x1b[0m` : text);
export const bold = (style: Style) => ansi("1", style);
const titleStyle = (style: Style) => ansi("1;4", style);
export const dim = (style: Style) => ansi("2", style);
export const staffColour = (style: Style) => ansi("33", style);
export const botColour = (style: Style) => ansi("36", style);

/**
 * Removes control characters and escape sequences: text from citizens, staff and knowledge files must
 * not be able to move the cursor, clear the screen or recolour the terminal.
 */
export function clean(text: string): string {
  return text
    .replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, "")
    .replace(/\x1b[\]P^_][\s\S]*?(?:\x07|\x1b\\)/g, "")
    .replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, "");
}

/** Display width: CJK and full-width characters take two columns. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text.replace(/\x1b\[[0-9;]*m/g, "")) {
    const code = ch.codePointAt(0) ?? 0;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      code >= 0x20000;
    width += wide ? 2 : 1;
  }
  return width;
}

/** Greedy wrap at spaces; continuation lines start with `hang`. A word longer than the line stays whole. */
export function wrap(text: string, width: number | undefined, hang = ""): string[] {
  if (!width) return [text];
  const lead = /^ */.exec(text)?.[0] ?? "";
  const lines: string[] = [];
  let line = "";
  for (const word of text.slice(lead.length).split(/ +/)) {
    const candidate = line ? `${line} ${word}` : `${lead}${word}`;
    if (line && displayWidth(candidate) > width) {
      lines.push(line);
      line = `${hang}${word}`;
    } else line = candidate;
  }
  lines.push(line);
  return lines;
}

/** "[1] Renew a passport  [2] Replace an ID card" on one line if it fits, else one per line. */
function renderOptions(options: Option[], style: Style): string[] {
  const labels = options.map((o, i) => `${bold(style)(`[${i + 1}]`)} ${clean(o.label)}`);
  const plain = options.map((o, i) => `[${i + 1}] ${clean(o.label)}`).join("  ");
  const limit = style.width ?? 100;
  return displayWidth(plain) <= limit ? [labels.join("  ")] : labels;
}

/** The message as lines, without any prefix. `indent` is how far the caller indents them (for wrapping). */
export function renderMessage(message: OutMessage, style: Style, indent = 0): string[] {
  const width = style.width ? Math.max(20, style.width - indent) : undefined;
  const lines: string[] = [];
  for (const part of message.parts) {
    if (part.kind === "title") lines.push(...wrap(clean(part.text), width).map(titleStyle(style)));
    else if (part.kind === "text") {
      for (const paragraph of clean(part.text).split("\n")) lines.push(...wrap(paragraph, width));
    } else if (part.kind === "field") {
      lines.push(...wrap(`${bold(style)(`${clean(part.label)}:`)} ${clean(part.value)}`, width, "  "));
    } else {
      lines.push(...wrap(`${clean(part.title)}:`, width, "  ").map(bold(style)));
      for (const item of part.items) lines.push(...wrap(`  • ${clean(item)}`, width, "    "));
    }
  }
  if (message.options?.length) lines.push(...renderOptions(message.options, { ...style, width }).flatMap((l) => wrap(l, width, "    ")));
  return lines;
}

/** "bot › first line" with the following lines aligned under the text. */
export function labelled(label: string, lines: string[], colourLabel: (s: string) => string = (s) => s): string {
  const pad = " ".repeat(displayWidth(label));
  return lines.map((line, i) => (i === 0 ? `${colourLabel(label)}${line}` : line ? `${pad}${line}` : "")).join("\n");
}
