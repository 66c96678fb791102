// The terminal chat: the person at the keyboard is a citizen talking to the bot, and staff notices and
// staff commands share the same terminal. A thin translation between lines of text and core events.
import readline from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Adapter, Core } from "../../src/core/api.ts";
import type { CitizenRef, HandleResult, Option, OutMessage } from "../../src/core/events.ts";
import type { CitizenChannel, DeliveryResult, StaffNotifier, TicketNoticeKind } from "../../src/core/ports.ts";
import { pick } from "../../src/knowledge/text.ts";
import { CITIZEN_HELP, parseLine, STAFF_HELP } from "./commands.ts";
import { bold, botColour, clean, dim, labelled, renderMessage, staffColour, wrap, type Style } from "./render.ts";
import { renderStaffNotice } from "./staff-notice.ts";

export type ConsoleAdapterOptions = {
  input: Readable;
  output: Writable;
  /** The staff member staff commands act as. Default: the duty officer in settings.json. */
  staffId?: string;
  /** ANSI styling. Default: when the output is a terminal. */
  color?: boolean;
  /**
   * Which side the terminal plays. Default both. With Telegram for citizens it serves staff only; with
   * Slack for staff it serves citizens only (staff act in Slack, under their own names).
   */
  serves?: { citizens: boolean; staff: boolean };
};

export type ConsoleAdapter = Adapter &
  CitizenChannel &
  StaffNotifier & {
    /** Resolves when the person quits (/quit, Ctrl+C, Ctrl+D or the end of piped input). */
    readonly closed: Promise<void>;
    /** Resolves when every line received so far has been handled. */
    idle(): Promise<void>;
  };

const BOT = "bot › ";
const YOU = "you › ";
const STAFF = "── staff ── ";
const OWN_ACTIONS = new Set<TicketNoticeKind>(["replied", "note", "resolved"]);

/** The citizen at the terminal. One fixed conversation, so a restart finds the same tickets. */
const CITIZEN: CitizenRef = { channel: "console", conversationId: "terminal", userId: "terminal", displayName: "Terminal user" };

export function createConsoleAdapter(options: ConsoleAdapterOptions): ConsoleAdapter {
  const { input, output } = options;
  const serves = options.serves ?? { citizens: true, staff: true };
  const tty = Boolean((output as { isTTY?: boolean }).isTTY);
  // Typing at a real terminal: readline echoes and prompts. Piped input: we echo each line ourselves so the
  // output reads like the conversation it was.
  const interactive = tty && Boolean((input as { isTTY?: boolean }).isTTY);
  const style = (): Style => ({
    color: options.color ?? tty,
    width: tty ? (output as { columns?: number }).columns : undefined,
  });

  let core: Core | undefined;
  let rl: readline.Interface | undefined;
  let actingAs = options.staffId;
  let offered: Option[] = [];
  let busy = false;
  let ended = false;
  const held: Array<[string, string[]]> = [];
  let queue: Promise<void> = Promise.resolve();
  let markClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => (markClosed = resolve));

  const staffId = () => actingAs ?? core?.knowledge().settings.dutyOfficer ?? "";
  const staffPerson = (id: string) => {
    const s = core?.knowledge().staffById.get(id);
    return s ? { name: pick(s.name, "en"), title: pick(s.title, "en") } : undefined;
  };
  const whoAmI = () => {
    const p = staffPerson(staffId());
    return p ? `${p.name} (${staffId()}), ${p.title}` : staffId();
  };

  /** Prints a block; at an idle interactive prompt it clears the prompt first and redraws it after. */
  const print = (text: string) => {
    if (interactive && rl && !busy && !ended) {
      readline.clearLine(output, 0);
      readline.cursorTo(output, 0);
      output.write(`${text}\n`);
      rl.prompt(true);
    } else output.write(`${text}\n`);
  };

  const showCitizen = (messages: OutMessage[]) => {
    for (const message of messages) {
      if (message.options?.length) offered = message.options;
      print(labelled(BOT, renderMessage(message, style(), BOT.length), botColour(style())));
    }
  };
  const showStaff = (head: string, lines: string[]) => {
    const s = style();
    const width = s.width ? s.width - 3 : undefined;
    const heading = wrap(`${STAFF}${head}`, s.width, "   ").map(staffColour(s));
    print([...heading, ...lines.flatMap((l) => wrap(l, width, "  ")).map((l) => `   ${l}`)].join("\n"));
  };
  const showStaffResult = (result: HandleResult) => {
    for (const message of result.messages) {
      const [first = "", ...rest] = renderMessage(message, style(), 3);
      showStaff(first, rest);
    }
    if (result.error) showStaff(`refused (${result.error.code})`, [clean(result.error.message)]);
  };
  const note = (text: string) => print(dim(style())(text));

  const help = () => {
    const s = style();
    const rows = (list: Array<[string, string]>) => list.map(([cmd, what]) => `  ${bold(s)(cmd.padEnd(32))} ${what}`);
    print(
      [
        ...(serves.citizens ? [bold(s)("As a citizen:"), ...rows(CITIZEN_HELP)] : []),
        ...(serves.staff ? [bold(s)(`As staff (now acting as ${whoAmI()}):`), ...rows(STAFF_HELP)] : []),
        bold(s)("Terminal:"),
        ...rows([
          ["/help", "this list"],
          ["/quit", "stop the bot (Ctrl+D works too); tickets stay saved"],
        ]),
      ].join("\n"),
    );
  };

  const welcome = () => {
    const k = core!.knowledge();
    const s = style();
    const paragraphs = [
      serves.citizens
        ? `You are a citizen talking to the bot. Ask in your own words, e.g. "what do I need to renew my passport?"`
        : "Citizens write to the bot on Telegram; this terminal is for staff.",
      serves.staff
        ? `Staff notices appear here${serves.citizens ? " too" : ""}, marked ${STAFF.trim()}; you answer them as ${whoAmI()} ` +
          `with /reply, /reassign and /resolve. Type /help for every command, /quit to stop.`
        : "Staff get the questions the bot cannot answer in Slack. Type /help for commands, /quit to stop.",
    ];
    const lines = [bold(s)(`${pick(k.settings.serviceName, "en")} — terminal chat`), ...paragraphs.flatMap((p) => wrap(p, s.width))];
    output.write(`${lines.join("\n")}\n`);
  };

  const handleLine = async (raw: string) => {
    if (!core) return;
    // Escape sequences typed or pasted in are not text: drop them before anything sees or stores the line.
    const text = clean(raw).trim();
    const line = parseLine(text, offered.length);
    if (!interactive && line.kind !== "empty") output.write(`\n${YOU}${text}\n`);
    if (!serves.staff && (line.kind === "staff" || line.kind === "as"))
      return note("Staff answer in Slack in this setup, under their own names; this terminal is a citizen's chat.");
    if (!serves.citizens && line.kind.startsWith("citizen-"))
      return note("This terminal is for staff: citizens write to the bot on Telegram. Type /help for staff commands.");
    switch (line.kind) {
      case "empty":
        return;
      case "help":
        return help();
      case "quit":
        rl?.close();
        return;
      case "usage":
        return note(line.text);
      case "as": {
        if (!line.staffId) return note(`Acting as ${whoAmI()}.`);
        if (!core.knowledge().staffById.has(line.staffId))
          return note(`There is no staff id "${clean(line.staffId)}" in directory.json.`);
        actingAs = line.staffId;
        return note(`Now acting as ${whoAmI()}.`);
      }
      case "staff":
        return showStaffResult(await core.handle(line.event(staffId())));
      case "citizen-option": {
        const option = offered[line.index];
        offered = [];
        if (option) showCitizen((await core.handle({ type: "citizen.option", from: CITIZEN, option: option.id })).messages);
        return;
      }
      case "citizen-command":
        offered = [];
        return showCitizen((await core.handle({ type: "citizen.command", from: CITIZEN, command: line.command, ...(line.arg ? { arg: line.arg } : {}) })).messages);
      case "citizen-message":
        offered = [];
        return showCitizen((await core.handle({ type: "citizen.message", from: CITIZEN, text: line.text })).messages);
    }
  };

  const enqueue = (raw: string) => {
    queue = queue.then(async () => {
      busy = true;
      try {
        await handleLine(raw);
      } catch (err) {
        note(`Something went wrong: ${clean((err as Error).message)}. Your line was not handled; try again.`);
      } finally {
        for (const [head, lines] of held.splice(0)) showStaff(head, lines);
        busy = false;
        if (interactive && !ended) {
          output.write("\n");
          rl?.prompt();
        }
      }
    });
  };

  return {
    name: "console",
    closed,
    idle: () => queue,
    async start(c) {
      core = c;
      rl = readline.createInterface({ input, output, terminal: interactive, prompt: YOU });
      rl.on("line", enqueue);
      rl.on("SIGINT", () => rl?.close());
      // Lines still queued (piped input) are answered before the terminal counts as closed.
      rl.on("close", () => {
        ended = true;
        void queue.then(markClosed);
      });
      welcome();
      if (interactive) {
        output.write("\n");
        rl.prompt();
      }
    },
    async stop() {
      rl?.close();
      await queue;
    },
    async deliver(_to, messages): Promise<DeliveryResult> {
      // One terminal, one citizen: everything for the console channel is for the person at the keyboard.
      showCitizen(messages);
      return { ok: true };
    },
    async notify(notice) {
      // Your own reply, note or resolve is already confirmed by the command's answer.
      if (notice.type === "ticket" && notice.by === staffId() && OWN_ACTIONS.has(notice.kind)) return;
      const { head, lines } = renderStaffNotice(notice, staffPerson);
      // During a turn, staff notices wait until the citizen's reply is on screen: the conversation reads in order.
      if (busy) held.push([head, lines]);
      else showStaff(head, lines);
    },
  };
}
