import { describe, expect, it } from "vitest";
import {
  escapeAttribute,
  escapeHtml,
  isValidCallbackData,
  keyboardFor,
  renderMessage,
  TEXT_LIMIT,
  truncateLabel,
} from "../adapters/telegram/render.ts";
import type { OutMessage } from "../src/core/events.ts";
import { parseTelegramHtml } from "./fakes/telegram-api.ts";

const checklist: OutMessage = {
  parts: [
    { kind: "title", text: "Passport renewal" },
    { kind: "text", text: "For citizens whose passport expires within 6 months." },
    { kind: "section", title: "Bring", items: ["ID card (original)", "2 colour photos, 33×48 mm"] },
    { kind: "section", title: "Only if the applicant is under 16", items: ["Household register (original and copy)"] },
    { kind: "field", label: "Where", value: "Window 12, ground floor" },
    { kind: "field", label: "Fee", value: "free" },
  ],
};

/** A checklist of `count` items of about `length` characters each. */
function longChecklist(count: number, length: number): OutMessage {
  const items = Array.from({ length: count }, (_, i) => `${i + 1}. ${"Certificate & <copy> ".repeat(Math.ceil(length / 21))}`.slice(0, length));
  return { parts: [{ kind: "title", text: "Business licence" }, { kind: "section", title: "Bring", items }], options: [{ id: "rate:vs:T-1", label: "Solved" }] };
}

describe("Telegram rendering", () => {
  it("shows a checklist readable on a phone: bold title and headings, one bullet per item, bold field labels", () => {
    const { messages } = renderMessage(checklist);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.html).toBe(
      [
        "<b>Passport renewal</b>",
        "",
        "For citizens whose passport expires within 6 months.",
        "",
        "<b>Bring</b>",
        "• ID card (original)",
        "• 2 colour photos, 33×48 mm",
        "",
        "<b>Only if the applicant is under 16</b>",
        "• Household register (original and copy)",
        "",
        "<b>Where:</b> Window 12, ground floor",
        "<b>Fee:</b> free",
      ].join("\n"),
    );
  });

  it("uses the full-width colon after Chinese field labels", () => {
    const { messages } = renderMessage({ parts: [{ kind: "field", label: "收费", value: "免费" }, { kind: "field", label: "Fee", value: "free" }] });
    expect(messages[0]!.html).toBe("<b>收费：</b>免费\n<b>Fee:</b> free");
  });

  it("escapes every piece of knowledge and user text so it shows literally and cannot inject markup", () => {
    const { messages } = renderMessage({
      parts: [
        { kind: "title", text: "<script>alert(1)</script>" },
        { kind: "text", text: 'Tom & Jerry said "<b>hi</b>"' },
        { kind: "section", title: "A<B", items: ["x > y & z"] },
        { kind: "field", label: "Fee & tax", value: "<5 yuan>" },
      ],
    });
    const html = messages[0]!.html;
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("Tom &amp; Jerry");
    const parsed = parseTelegramHtml(html);
    expect(parsed).toEqual({ ok: true, text: expect.stringContaining('Tom & Jerry said "<b>hi</b>"') });
    expect(parsed.ok && parsed.text).toContain("Fee & tax: <5 yuan>");
    expect(escapeHtml("a&b<c>d")).toBe("a&amp;b&lt;c&gt;d");
    expect(escapeAttribute('say "hi" & <go>')).toBe("say &quot;hi&quot; &amp; &lt;go&gt;");
  });

  it("splits a 5,000-character checklist between items into parts Telegram accepts, buttons on the last", () => {
    const message = longChecklist(50, 100);
    const { messages } = renderMessage(message);
    expect(messages.length).toBeGreaterThan(1);
    const allItems = (message.parts[1] as { items: string[] }).items;
    for (const [i, part] of messages.entries()) {
      expect(part.html.length).toBeLessThanOrEqual(TEXT_LIMIT);
      expect(parseTelegramHtml(part.html).ok).toBe(true);
      expect(Boolean(part.keyboard)).toBe(i === messages.length - 1);
    }
    // Every item appears exactly once, whole, in order.
    const lines = messages.flatMap((m) => m.html.split("\n")).filter((l) => l.startsWith("• "));
    expect(lines).toEqual(allItems.map((item) => `• ${escapeHtml(item)}`));
  });

  it("starts each continued message with its section heading and never ends one on a bare heading", () => {
    const { messages } = renderMessage(longChecklist(50, 100));
    for (const m of messages.slice(1)) expect(m.html.startsWith("<b>Bring</b>\n• ")).toBe(true);
    for (const m of messages) expect(m.html.split("\n").at(-1)!.startsWith("<b>")).toBe(false);
    // A heading that would be the last line of a full message moves to the next one, with its first item.
    const sized = renderMessage(
      { parts: [{ kind: "text", text: "a".repeat(30) }, { kind: "section", title: "Bring", items: ["passport", "photo"] }] },
      45,
    );
    expect(sized.messages.map((m) => m.html)).toEqual(["a".repeat(30), "<b>Bring</b>\n• passport\n• photo"]);
    // A section without items keeps its heading.
    expect(renderMessage({ parts: [{ kind: "section", title: "Bring", items: [] }] }).messages[0]!.html).toBe("<b>Bring</b>");
  });

  it("cuts a single line longer than the limit at spaces and keeps each piece valid HTML", () => {
    const long = "word & <more> ".repeat(800); // about 11,000 characters escaped
    const { messages } = renderMessage({ parts: [{ kind: "title", text: long }, { kind: "text", text: long }] });
    expect(messages.length).toBeGreaterThan(2);
    let visible = "";
    for (const m of messages) {
      expect(m.html.length).toBeLessThanOrEqual(TEXT_LIMIT);
      const parsed = parseTelegramHtml(m.html);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) visible += parsed.text.replace(/\n/g, "");
    }
    expect(visible.replace(/\s+/g, "")).toBe((long + long).replace(/\s+/g, ""));
  });

  it("never splits inside an entity or a surrogate pair when the limit is small", () => {
    const { messages } = renderMessage({ parts: [{ kind: "text", text: "&&&&&&&&&&😀😀😀😀😀😀&&&&&&&&" }] }, 20);
    for (const m of messages) {
      expect(m.html.length).toBeLessThanOrEqual(20);
      expect(parseTelegramHtml(m.html).ok).toBe(true);
      expect(m.html).not.toMatch(/[\uD800-\uDBFF]$/);
    }
    expect(messages.map((m) => parseTelegramHtml(m.html)).map((p) => (p.ok ? p.text : "")).join("")).toBe("&&&&&&&&&&😀😀😀😀😀😀&&&&&&&&");
  });

  it("puts short options side by side and long ones one per row, with callback_data = option id", () => {
    const short = keyboardFor([
      { id: "lang:en", label: "English" },
      { id: "lang:zh", label: "中文" },
    ]);
    expect(short.keyboard?.inline_keyboard).toEqual([
      [
        { text: "English", callback_data: "lang:en" },
        { text: "中文", callback_data: "lang:zh" },
      ],
    ]);
    const long = keyboardFor([
      { id: "p:passport-renewal", label: "Passport renewal (adults and children)" },
      { id: "none", label: "None of these" },
    ]);
    expect(long.keyboard?.inline_keyboard).toEqual([
      [{ text: "Passport renewal (adults and children)", callback_data: "p:passport-renewal" }],
      [{ text: "None of these", callback_data: "none" }],
    ]);
  });

  it("truncates very long button labels at a word with an ellipsis", () => {
    const label = "Replacement of a lost resident identity card for applicants living outside their registered district";
    const cut = truncateLabel(label);
    expect(cut.endsWith("…")).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(48);
    expect(label.startsWith(cut.slice(0, -1))).toBe(true);
    expect(truncateLabel("  Short   label ")).toBe("Short label");
  });

  it("leaves out buttons whose id Telegram would reject, and reports them", () => {
    const tooLong = `p:${"x".repeat(70)}`;
    const { messages, dropped } = renderMessage({
      parts: [{ kind: "text", text: "Pick one" }],
      options: [
        { id: "p:hukou-transfer", label: "Hukou" },
        { id: tooLong, label: "Too long" },
        { id: "bad id!", label: "Bad" },
      ],
    });
    expect(dropped.map((o) => o.id)).toEqual([tooLong, "bad id!"]);
    expect(messages[0]!.keyboard?.inline_keyboard.flat().map((b) => ("callback_data" in b ? b.callback_data : ""))).toEqual(["p:hukou-transfer"]);
  });

  it("accepts the option ids the core sends and refuses forged ones", () => {
    for (const id of ["p:passport-renewal", "rate:vs:T-12", "lang:zh", "none", "staff", "skip"]) expect(isValidCallbackData(id)).toBe(true);
    for (const id of ["", "<script>", "p:a b", "P:x", `p:${"a".repeat(63)}`, "p:护照", "rate:vs:T-12;drop"]) expect(isValidCallbackData(id)).toBe(false);
  });

  it("still sends buttons that come without text", () => {
    const { messages } = renderMessage({ parts: [], options: [{ id: "skip", label: "Skip" }] });
    expect(messages).toHaveLength(1);
    expect(parseTelegramHtml(messages[0]!.html).ok).toBe(true);
    expect(messages[0]!.keyboard).toBeDefined();
  });
});
