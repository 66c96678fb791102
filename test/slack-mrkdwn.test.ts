import { describe, expect, it } from "vitest";
import { codeBlock, escapeMrkdwn, quote, slackToPlain } from "../adapters/slack/mrkdwn.ts";

/** Slack's mention and link syntax: `<!…>`, `<@…>`, `<#…>`, `<url|label>`, and bare broadcasts. */
const ACTIVE = /<[!@#]|<https?:|(^|[^\u2060])@(here|channel|everyone)/i;

describe("text going into Slack", () => {
  it.each([
    ["<!channel> urgent", "&lt;!channel&gt; urgent"],
    ["<!here|here>", "&lt;!here|here&gt;"],
    ["<!everyone>", "&lt;!everyone&gt;"],
    ["ask <@U123ABC>", "ask &lt;@U123ABC&gt;"],
    ["<https://evil.example|click here for your form>", "&lt;https://evil.example|click here for your form&gt;"],
    ["<#C0123|general>", "&lt;#C0123|general&gt;"],
    ["Tom & Jerry > cats", "Tom &amp; Jerry &gt; cats"],
    ["&lt;!channel&gt; pre-escaped", "&amp;lt;!channel&amp;gt; pre-escaped"],
  ])("cannot ping, mention or hide a link: %s", (input, escaped) => {
    expect(escapeMrkdwn(input)).toBe(escaped);
    expect(escapeMrkdwn(input)).not.toMatch(ACTIVE);
  });

  it("breaks up bare @here, @channel and @everyone but keeps them readable", () => {
    const out = escapeMrkdwn("hey @here and @Channel and @everyone");
    expect(out).not.toMatch(ACTIVE);
    expect(out.replace(/\u2060/g, "")).toBe("hey @here and @Channel and @everyone");
  });

  it("quotes every line of a multi-line question", () => {
    expect(quote("line one\n<!here> two")).toBe(">line one\n>&lt;!here&gt; two");
  });

  it("keeps a report inside its code block even when it contains ```", () => {
    const block = codeBlock("bad ``` file <x>");
    expect(block.startsWith("```")).toBe(true);
    expect(block.endsWith("```")).toBe(true);
    expect(block.slice(3, -3)).not.toContain("```");
    expect(block).toContain("&lt;x&gt;");
  });
});

describe("text coming out of Slack, for the citizen", () => {
  it("turns Slack links, mentions and escapes into plain text", () => {
    const names = (id: string) => (id === "U0C2E67B329" ? "Lin Xiaowen" : undefined);
    expect(slackToPlain("Bring A &amp; B &lt;both&gt;, see <https://gov.example/p|the guide> or <https://gov.example/q>", names)).toBe(
      "Bring A & B <both>, see the guide (https://gov.example/p) or https://gov.example/q",
    );
    expect(slackToPlain("ask <@U0C2E67B329> or <@U999> in <#C1|front-desk>", names)).toBe("ask @Lin Xiaowen or @colleague in #front-desk");
    expect(slackToPlain("write to <mailto:desk@gov.example|desk@gov.example>")).toBe("write to desk@gov.example");
  });
});
