// What a Chinese clause of a question says is the story around the request rather than the request: a matter
// done (办了, 办完了, 已经…了), a paper had (我们都有居住证, 我都有), a life event not yet happened or the state one
// left (还没退休, 结婚两年), who the citizen is (我是…), what comes "besides" (除了…还), a paper asked about as a
// material (要带结婚证吗). Such words are reported `done` (weighed ×0.3 by query.ts). The index reads the
// knowledge's Chinese plainly.
import type { Sink } from "./tokens.ts";
import { zhSpans } from "./zh.ts";

/** "Besides": what follows, up to ZH_BESIDES_END, is had already or not asked ("除了居住证还要带什么"). */
const ZH_BESIDES = "除了";
const ZH_BESIDES_END = /以外|之外|还|也/;

/** Says what follows is already done, up to the next 了 (English "already": english.ts). */
const ZH_DONE = "已经";
/**
 * A procedure's verb with a result that says it is finished (办完, 上好, 办下来, 批下来), not negated (还没办好): the
 * clause up to it tells what is done. Losing or expiring (丢了, 过期了) is no such result: it is the citizen's
 * problem; nor is reaching a place (迁到本区) or getting a paper (拿到), which as often lies ahead.
 */
const ZH_FINISHED = /(?<![没未])(?:办|弄|搞|上|迁|领|换|补)(?:完|好)了?|(?<![没未])(?:搞定|办妥|办下来|申请下来|批下来)了?/;

/**
 * A procedure's verb with 了 that tells it was done ("去年办了居住证", "身份证上周补了"), not what follows once it
 * is ("办了有补贴", "办了以后", "办了就能"), nor negated, wished for or heard of (没办了, 想办了, "听说办了那个证就能
 * 落户"), nor what the citizen means to do (想把证领了, 打算下个月办了); or someone having what it gives
 * ("我们都有居住证", "居住证早就有了"), not "有个…" or "有没有…".
 */
const ZH_DID = /(?<![没未]|(?:说|想|要|打算|准备).*)(?:办|迁|领|换|补)了(?![有就能可以后才])|(?:^|我|我们|俺|咱|咱们|他|她|他们|都|也|只)有(?![没点些个一])|(?<!没)有了$/;

/** A life event that has not happened (他还没退休, 我们没结婚, 没有退休金): the story around the request, not the request. */
const ZH_NOT_YET = /[没未]有?(?:退休|结婚|离婚|领证)/;
/**
 * …or the state one left (我和老公结婚两年, 我爸妈离婚了, 他退休好几年了, 刚退休), unless it is what the citizen means to do
 * (想离婚了, 打算退休了).
 */
const ZH_STATE = /(?<!(?:想|要|打算|准备|没|未).*)(?:(?:结婚|离婚|退休)(?:了|[一二两三四五六七八九十几多好]+年)|(?:刚|已|早就)(?:结婚|离婚|退休))/;
/** A clause that says who the citizen is (我是做装修的个体户, 我们是外地人): the story around the request. */
const ZH_WHO = /^(?:我|我们|俺|咱|他|她|他们|她们)是/;

/**
 * A clause that only says the citizen has it all, or has done it: "我都有", "这些都有了", "都办好了", "早就准备好了".
 * What it refers to is named in the clause before.
 */
export const ZH_HAD_ONLY = /^(?:这些|这几样|这两样|这俩|那些|上面的|这个|那个)?(?:我|我们|俺|咱|咱们|他|她|他们|她们|家里)?(?:都|也|全|早就|早都|已经|都已经)?(?:有|有了|办了|办好了|弄好了|准备好了|备好了|带齐了|齐了|拿到了)$/;

/**
 * Asking whether a paper is needed, at the end of a clause: 要带结婚证吗, 需要带户口本不, 需要居住证吗, 要不要居住证 —
 * not which papers to bring (要带哪些单子), taking someone somewhere (要带孩子去香港), or whether or how to do
 * something (要补办吗, 要怎么注销, 要弄个执照不).
 */
const ZH_BRING = /(?:(?:要|需要|得|用不用|要不要|还要|需不需要)带上?([^吗么嘛不？?哪啥什几去来到回]{1,8})(吗|么|嘛|不|$)|(?:需要|要)(?!带)([^吗么嘛不？?哪啥什几去来到回办换补迁领怎咋多弄搞跑做]{1,8})(吗|么|不$)|(?:要不要|需不需要|用不用)(?!带)([^吗么嘛不？?哪啥什几去来到回办换补迁领怎咋多弄搞跑做]{1,8})($))/;

/**
 * Reports text[from, to), a Chinese run; what it says is already done is `done`: what comes "besides"
 * (ZH_BESIDES), a paper asked about as a material (ZH_BRING), a finished matter (ZH_FINISHED), a clause that
 * only tells what was done or is had, a life event not yet happened or the state one left, or who the citizen
 * is (ZH_DID, ZH_NOT_YET, ZH_STATE, ZH_WHO), and from 已经 to the 了 after it. `tells`: the run is a question's
 * clause that asks nothing.
 */
export function scanZh(text: string, from: number, to: number, sink: Sink, tells: boolean): void {
  // The index (no `mark`) reads the knowledge plainly: what is done matters only in a question.
  if (!sink.mark) {
    zhSpans(text, from, to, false, sink);
    return;
  }
  // "除了居住证还要带什么": what the citizen already has or is not asking about, up to 以外/之外/还/也.
  const besides = indexIn(text, ZH_BESIDES, from, to);
  if (besides >= 0) {
    const rest = besides + ZH_BESIDES.length;
    const stop = text.slice(rest, to).search(ZH_BESIDES_END);
    const cut = stop < 0 ? to : rest + stop;
    if (besides > from) scanZh(text, from, besides, sink, tells);
    zhSpans(text, rest, cut, true, sink);
    if (cut < to) scanZh(text, cut, to, sink, tells);
    return;
  }
  const clause = text.slice(from, to);
  // "离婚要带结婚证吗": a paper the citizen asks whether to bring is a material of the matter, not the matter.
  const bring = ZH_BRING.exec(clause);
  if (bring) {
    const paper = bring[1] ?? bring[3] ?? bring[5]!;
    const after = bring[2] ?? bring[4] ?? bring[6]!;
    const start = from + bring.index + bring[0].length - paper.length - after.length;
    if (start > from) scanZh(text, from, start, sink, tells);
    zhSpans(text, start, start + paper.length, true, sink);
    return;
  }
  const at = indexIn(text, ZH_DONE, from, to);
  const end = at < 0 ? -1 : indexIn(text, "了", at + ZH_DONE.length, to);
  // "过户已经办完了", "户口刚上完", "已经办好居住证了": a matter finished, named before or after its verb; the
  // clause from its start up to the verb, or to the 了 after 已经.
  const finished = ZH_FINISHED.exec(clause);
  if (finished) {
    const verbEnd = from + finished.index + finished[0].length;
    // In a clause that only tells, what follows the verb was done too (刚办完结婚登记).
    const cut = tells ? to : Math.max(verbEnd, end + 1);
    // The result character (完, 好 after a one-character verb) says "finished", not what: no word of its own.
    const result = "完好".includes(finished[0][1]!) ? from + finished.index + 1 : -1;
    if (result < 0) zhSpans(text, from, cut, true, sink);
    else {
      zhSpans(text, from, result, true, sink);
      if (result + 1 < cut) zhSpans(text, result + 1, cut, true, sink);
    }
    if (cut < to) zhSpans(text, cut, to, false, sink);
    return;
  }
  if (tells && (ZH_DID.test(clause) || ZH_NOT_YET.test(clause) || ZH_STATE.test(clause) || ZH_WHO.test(clause))) {
    zhSpans(text, from, to, true, sink);
    return;
  }
  if (at < 0) {
    zhSpans(text, from, to, false, sink);
    return;
  }
  const cut = end < 0 ? to : end + 1;
  zhSpans(text, from, cut, true, sink);
  if (cut < to) zhSpans(text, cut, to, false, sink);
}

/** Where `word` first stands in text[from, to), or -1. */
function indexIn(text: string, word: string, from: number, to: number): number {
  const at = text.indexOf(word, from);
  return at >= 0 && at + word.length <= to ? at : -1;
}

