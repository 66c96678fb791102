// Citizen data is personal: message text never reaches the logs above debug level, and an answered
// question leaves nothing behind but a count.
import { describe, expect, it } from "vitest";
import type { Logger } from "../src/core/ports.ts";
import { harness, says } from "./core-harness.ts";

function recordingLogger() {
  const lines: Array<{ level: string; line: string }> = [];
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, line: `${msg ?? ""} ${JSON.stringify(obj)}` });
  const log: Logger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
  return { log, lines };
}

describe("personal data", () => {
  it("logs message text only at debug level", async () => {
    const { log, lines } = recordingLogger();
    const h = await harness({ log, matcher: "scripted" });
    await h.say("can I bring my dog Zorblax to the service centre");
    await h.say("Zorblax is very calm");
    await h.act({ type: "staff.reply", staffId: "fang-zhou", ticketId: "T-1", text: "Zorblax may come in a carrier." });
    await h.act({ type: "staff.note", staffId: "fang-zhou", ticketId: "T-1", text: "Zorblax note" });
    await h.act({ type: "staff.resolve", staffId: "fang-zhou", ticketId: "T-1" });
    await h.press("rate:ns:T-1");
    await h.say("Zorblax was still not let in");

    expect(lines.filter((l) => l.level === "info").length).toBeGreaterThan(5);
    expect(lines.filter((l) => l.level !== "debug" && l.line.includes("Zorblax"))).toEqual([]);
    expect(lines.some((l) => l.level === "debug" && l.line.includes("Zorblax"))).toBe(true);
  });

  it("keeps nothing of an answered question but its count, even one that needed clarifying", async () => {
    const h = await harness({ matcher: "scripted" });
    const answered = "I am Li Hua, how do I renew my passport";
    const clarified = "I am Li Hua from Flat 3, passport please";
    h.script(answered, says.answer("passport-renewal"));
    h.script(clarified, says.clarify([{ id: "passport-first-application", score: 0.5 }, { id: "passport-renewal", score: 0.45 }]));

    await h.say(answered);
    await h.say(clarified);
    await h.press("p:passport-first-application");

    const stored = h.snapshot();
    expect(JSON.stringify(stored)).not.toContain("Li Hua");
    expect(JSON.stringify(stored)).not.toContain("Flat 3");
    expect(stored.counters.answered).toEqual({ "passport-renewal": 1, "passport-first-application": 1 });
    expect(stored.tickets).toEqual([]);
  });
});
