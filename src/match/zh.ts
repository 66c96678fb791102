// Chinese without a word segmenter: boilerplate is removed by longest match against the stop-word list,
// plus single characters that are only ever grammar (的, 了, 吗, 我, 想, 把 …). Deterministic, the same on
// every Node/ICU version, and fast enough to index 10,000 procedures in well under two seconds.
import { PairBits } from "./int-table.ts";
import { ZH_STOP } from "./stopwords.ts";

/** Characters dropped wherever they stand: they do not occur inside the words that name procedures. */
const GRAMMAR = new Set([..."的了吗呢吧啊呀哦嘛么哈啦喔呗咋啥嗯哎唉呃我你您他她它些想要把被给让都也又很挺太只带刚和是着弄搞这那"]);

/** Phrases that say the citizen does NOT want what follows ("不想迁", "不是办居住证"). */
const ZH_NEG = ["不打算", "没打算", "不准备", "不需要", "不想", "不是", "不用", "不要"];

const MULTI = [...ZH_STOP].filter((w) => w.length > 1);
const MAX_STOP = Math.max(...MULTI.map((w) => w.length));
const STOP_MULTI = new Set(MULTI);
const NEG = new Set(ZH_NEG);
const STOP_FIRST = new Set([...MULTI, ...ZH_NEG].map((w) => w[0]!));
// For the usual all-BMP text, by UTF-16 code (no one-character string or hashing per character): the
// grammar characters, and the boilerplate and negation words (2 to MAX_STOP long) by first character.
const GRAMMAR_CODE = new Uint8Array(65536);
for (const c of GRAMMAR) if (c.length === 1) GRAMMAR_CODE[c.charCodeAt(0)] = 1;
/** Lists of boilerplate and negation words, one per first character, longest first. */
const STOP_LISTS: string[][] = [];
/** By UTF-16 code: 1 + the number of the list in STOP_LISTS of the words starting with it, 0 for none. */
const STOP_FIRST_CODE = new Uint16Array(65536);
for (const w of new Set([...MULTI, ...ZH_NEG])) {
  if (w.length < 2 || w.length > MAX_STOP) continue;
  const code = w.charCodeAt(0);
  if (STOP_FIRST_CODE[code] === 0) STOP_FIRST_CODE[code] = STOP_LISTS.push([]);
  STOP_LISTS[STOP_FIRST_CODE[code]! - 1]!.push(w);
}
for (const list of STOP_LISTS) list.sort((a, b) => b.length - a.length);
/** The first two characters of every word in STOP_LISTS. */
const STOP_PAIRS = new PairBits();
for (const list of STOP_LISTS) for (const w of list) STOP_PAIRS.add(w.charCodeAt(0), w.charCodeAt(1));
const GE = "个".charCodeAt(0);
const TI = "体".charCodeAt(0);
const REN = "人".charCodeAt(0);
const QU = "去".charCodeAt(0);
const SHI = "世".charCodeAt(0);

/**
 * Whether text[start, end) has characters outside the Basic Multilingual Plane (then one character ≠ one
 * UTF-16 unit).
 */
export function hasSurrogatePairIn(text: string, start: number, end: number): boolean {
  for (let i = start; i + 1 < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) return true;
    }
  }
  return false;
}

/**
 * Receives the meaningful spans of a run of Chinese characters: text[start, end), as positions rather
 * than strings (the index build reads every character of a span by its code and needs no string).
 * `bmp`: every character of the span is one UTF-16 unit (none is outside the Basic Multilingual Plane).
 */
export type SpanSink = { span(text: string, start: number, end: number, done: boolean, bmp: boolean): void };

/**
 * Reports the open span chars[start, end), if one is open (start ≥ 0); returns -1 (none open).
 * Not a closure inside zhSpans: run through tsx (the bot, npm run bench), every closure created per call
 * also gets its name set, which made zhSpans three times slower.
 */
function flush(sink: SpanSink, done: boolean, chars: string | string[], start: number, end: number): number {
  if (start < 0) return -1;
  if (typeof chars === "string") sink.span(chars, start, end, done, true);
  else {
    const span = chars.slice(start, end).join("");
    sink.span(span, 0, span.length, done, false);
  }
  return -1;
}

/**
 * The longest word of `list` (boilerplate and negation words starting with the character at `at`, longest
 * first) that stands at `at` in `run`, compared in place: the second character first, which rules out
 * nearly all of them without a call.
 */
function stopAt(list: string[], run: string, at: number, end: number): string | undefined {
  const second = run.charCodeAt(at + 1);
  if (!STOP_PAIRS.mayHave(run.charCodeAt(at), second)) return undefined;
  for (const w of list) if (w.charCodeAt(1) === second && w.length <= end - at && run.startsWith(w, at)) return w;
  return undefined;
}

/**
 * Reports the meaningful runs of text[from, to), a run of Chinese characters, to `sink`, in order, each
 * with `done`. Words right after a negation are left out up to the next boilerplate word.
 */
export function zhSpans(text: string, from: number, to: number, done: boolean, sink: SpanSink): void {
  // The current span is always a contiguous stretch chars[start, end): every skipped character flushes
  // it first, or comes while it is empty (after a negation).
  let start = -1;
  let end = 0;
  let negated: "off" | "start" | "inside" = "off";
  // Chinese is almost always in the Basic Multilingual Plane: index the text directly when it is.
  const chars = hasSurrogatePairIn(text, from, to) ? [...text.slice(from, to)] : text;
  const n = typeof chars === "string" ? to : chars.length;
  let i = typeof chars === "string" ? from : 0;
  while (i < n) {
    let len = 0;
    const code = typeof chars === "string" ? chars.charCodeAt(i) : -1;
    if (code >= 0) {
      const list = STOP_FIRST_CODE[code]!;
      const w = list === 0 ? undefined : stopAt(STOP_LISTS[list - 1]!, chars as string, i, n);
      if (w !== undefined) {
        len = w.length;
        if (NEG.has(w)) negated = "start";
        else if (negated === "inside") negated = "off";
      }
    } else if (STOP_FIRST.has(chars[i]!)) {
      for (let l = Math.min(MAX_STOP, n - i); l >= 2; l--) {
        const w = (chars as string[]).slice(i, i + l).join("");
        if (STOP_MULTI.has(w) || NEG.has(w)) {
          len = l;
          if (NEG.has(w)) negated = "start";
          else if (negated === "inside") negated = "off";
          break;
        }
      }
    }
    if (len > 0) {
      start = flush(sink, done, chars, start, end);
      i += len;
      continue;
    }
    i++;
    // 个 as a measure word ("办个证", "开个店"), not in 个体 or 个人 (nor at the very end); 去 "go", not in 去世.
    let skip: boolean;
    if (code >= 0) {
      const next = i < n ? (chars as string).charCodeAt(i) : -1;
      skip = GRAMMAR_CODE[code] === 1 || (code === GE && next !== -1 && next !== TI && next !== REN) || (code === QU && next !== SHI);
    } else {
      const c = chars[i - 1]!;
      skip = GRAMMAR.has(c) || (c === "个" && !"体人".includes(chars[i] ?? "")) || (c === "去" && chars[i] !== "世");
    }
    if (skip) {
      start = flush(sink, done, chars, start, end);
      if (negated === "inside") negated = "off";
      continue;
    }
    if (negated !== "off") {
      negated = "inside";
      continue;
    }
    if (start < 0) start = i - 1;
    end = i;
  }
  flush(sink, done, chars, start, end);
}
