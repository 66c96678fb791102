// Text going into Slack and coming back out of it. Citizen and knowledge text is untrusted: it must
// never ping a channel, mention a person or hide a link behind a label.

/** Zero-width word joiner: "@​here" still reads as "@here" but Slack no longer treats it as a mention. */
const JOINER = "\u2060";

/**
 * Escape text for a Slack mrkdwn field: &, < and > as Slack asks (which turns `<!channel>`, `<@U1>` and
 * `<https://x|label>` into harmless text), and break up bare `@here` / `@channel` / `@everyone`, which
 * Slack would otherwise parse as a broadcast in fields without `verbatim`.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@(channel|here|everyone)/gi, `@${JOINER}$1`);
}

/** Escaped and shown as a block quote, line by line (a quote in mrkdwn only lasts one line). */
export function quote(text: string, max = 2800): string {
  return escapeMrkdwn(truncate(text, max))
    .split("\n")
    .map((line) => `>${line}`)
    .join("\n");
}

/** A report in a code block: escaped, and with ``` broken so the text cannot close the block early. */
export function codeBlock(text: string, max = 2800): string {
  return "```" + escapeMrkdwn(truncate(text, max)).replace(/```/g, "`\u200b``") + "```";
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * What a staff member typed in Slack, as the citizen should read it: Slack sends mrkdwn with
 * escaped &<> and angle-bracket links and mentions; the citizen's chat knows none of that.
 */
export function slackToPlain(text: string, userName: (slackUserId: string) => string | undefined = () => undefined): string {
  return text
    .replace(/<([^<>]*)>/g, (_all, inner: string) => {
      const [target = "", label] = inner.split("|", 2);
      if (target.startsWith("@")) {
        const name = label ?? userName(target.slice(1));
        return name ? `@${name}` : "@colleague";
      }
      if (target.startsWith("#")) return label ? `#${label}` : "#channel";
      if (target.startsWith("!")) {
        // <!date^…|fallback>, <!here>, <!subteam^ID|@team>
        if (label) return label;
        const word = target.slice(1).split("^")[0] ?? "";
        return `@${word}`;
      }
      const url = target.replace(/^mailto:/, "");
      return label && label !== url && label !== target ? `${label} (${url})` : url;
    })
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** `<@U…>` when the person has a Slack id, else their name in bold. */
export function mention(slackUserId: string | undefined, name: string): string {
  return slackUserId ? `<@${slackUserId}>` : `*${escapeMrkdwn(name)}*`;
}

/** Slack shows `<!date^…>` in each reader's own time zone; the fallback is UTC for clients that cannot. */
export function slackDate(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const fallback = new Date(ms).toISOString().slice(0, 16).replace("T", " ") + " UTC";
  return `<!date^${seconds}^{date_short_pretty} {time}|${fallback}>`;
}
