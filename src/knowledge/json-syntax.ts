// Finds where a JSON text first goes wrong and says why in plain words. JSON.parse's own messages
// differ between Node versions (Node 20 often gives no position at all), so we scan the text ourselves.

export type JsonSyntaxError = { offset: number; message: string };

const END = "the file ends too early; a closing } or ] or quote is missing";
const SINGLE_QUOTES = "text must be in double quotes \"…\", not single quotes '…'";
const VALUE = "expected a value here: text in double quotes, a number, true, false, null, { … } or [ … ]";

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly why: string,
  ) {
    super(why);
  }
}

/** The first syntax error in `text`, or null when it is valid JSON. */
export function findJsonError(text: string): JsonSyntaxError | null {
  let i = 0;
  const fail = (why: string, at = i): never => {
    throw new Stop(at, at >= text.length ? END : why);
  };
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };

  const string = () => {
    if (text[i] === "'") fail(SINGLE_QUOTES);
    if (text[i] !== '"') fail("expected text in double quotes here");
    i++;
    for (;;) {
      if (i >= text.length) fail(END);
      const ch = text[i]!;
      if (ch === '"') return void i++;
      if (ch === "\n" || ch === "\r") fail('a closing " is missing on this line (text cannot span lines; write \\n for a line break)');
      if (ch < " ") fail("text contains a control character; remove it or write it as \\t or \\n");
      if (ch === "\\") {
        const next = text[i + 1];
        if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else if (next === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else fail('a backslash \\ in text must be written \\\\ (or start an escape like \\n or \\")');
      } else i++;
    }
  };

  const number = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail("is not a valid number");
    i += m![0].length;
  };

  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === undefined) fail(END);
    if (ch === "{") return object();
    if (ch === "[") return array();
    if (ch === '"' || ch === "'") return string();
    if (ch === "-" || (ch! >= "0" && ch! <= "9")) return number();
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail(ch === "}" || ch === "]" ? `there is an extra comma before this ${ch}, or a value is missing` : VALUE);
  };

  const object = () => {
    i++;
    ws();
    if (text[i] === "}") return void i++;
    for (;;) {
      ws();
      if (text[i] === "}") fail("there is an extra comma before this }");
      if (text[i] !== '"' && text[i] !== "'") fail("expected a field name in double quotes here");
      string();
      ws();
      if (text[i] !== ":") fail("expected a colon : after the field name");
      i++;
      value();
      ws();
      if (text[i] === "}") return void i++;
      if (text[i] !== ",") fail(text[i] === '"' ? "a comma is missing before this field" : "expected a comma or a closing } here");
      i++;
    }
  };

  const array = () => {
    i++;
    ws();
    if (text[i] === "]") return void i++;
    for (;;) {
      value();
      ws();
      if (text[i] === "]") return void i++;
      if (text[i] !== ",") fail(text[i] === "}" ? "expected ] to close the list, got }" : "a comma is missing before this item, or a closing ] is missing");
      i++;
      ws();
      if (text[i] === "]") fail("there is an extra comma before this ]");
    }
  };

  try {
    ws();
    if (i >= text.length) return { offset: 0, message: "the file is empty; it must hold one JSON object { … }" };
    value();
    ws();
    if (i < text.length) fail("unexpected text after the end of the JSON; is there an extra } or ]?");
    return null;
  } catch (err) {
    if (err instanceof Stop) return { offset: err.offset, message: err.why };
    throw err;
  }
}
