// Chinese typed as pinyin ("jiehun dengji 要带什么", "how to bu ban my shebao ka"): citizens without a
// Chinese keyboard, or who find the characters slower, write the sound. Words the knowledge does not know
// that read wholly as pinyin syllables are read as the characters the knowledge uses for that sound, one
// run of neighbouring words at a time, and only where every two neighbouring characters are a pair the
// knowledge has side by side: "jie hun" is 结婚 because the knowledge writes 结婚, and an English word that
// happens to spell syllables ("hang", "men") finds no such chain and stays as it is.
import { normalize } from "./normalize.ts";

/** Every toneless Mandarin syllable (ü typed as v). */
const SYLLABLES = new Set(
  `a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce cen ceng cha chai chan
  chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan
  dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fo
  fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hong
  hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei
  ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo
  long lou lu luan lun luo lv lve ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao
  ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nuo nv nve o ou pa pai pan pang pao pei pen peng pi pian
  piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou
  ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai
  shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu
  tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang
  yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen
  zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo`.split(/\s+/),
);
const LONGEST = 6;
/** More words that spell syllables than this: not a message typed in pinyin. */
const MAX_WORDS = 30;
/** A longer run of words is a sentence in some other language, not pinyin. */
const MAX_SYLLABLES = 12;

/** isPinyin's answers: questions repeat their words. */
const seen = new Map<string, boolean>();
const SEEN_MAX = 10_000;

/** Whether `word` splits wholly into syllables. */
export function isPinyin(word: string): boolean {
  let known = seen.get(word);
  if (known === undefined) {
    if (seen.size > SEEN_MAX) seen.clear();
    seen.set(word, (known = splits(word)));
  }
  return known;
}

function splits(word: string): boolean {
  if (word.length > LONGEST * MAX_SYLLABLES) return false;
  const ok = [true];
  for (let i = 1; i <= word.length; i++) {
    ok[i] = false;
    for (let k = 1; k <= LONGEST && k <= i && !ok[i]; k++) ok[i] = ok[i - k]! && SYLLABLES.has(word.slice(i - k, i));
  }
  return ok[word.length]!;
}

export type PinyinOptions = {
  /**
   * Whether an English word is never pinyin on its own (grammar, a place): read only inside a run with words
   * the knowledge does not know, like a known word.
   */
  never(word: string): boolean;
  /**
   * Whether an English word means something to the knowledge already (one of its words, a glossary word): read
   * as pinyin only beside a word that does not ("bu ban": 补办, but not "long term" alone).
   */
  known(word: string): boolean;
  /** The knowledge's characters read as `syllable` (toneless, ü as v). */
  charsRead(syllable: string): readonly string[];
  /** How many procedures have the two characters side by side (0: none). */
  pairUse(pair: string): number;
  /**
   * The boilerplate of asking (怎么办理, 需要, 什么, 了): the knowledge leaves it out, yet citizens type it in
   * pinyin too ("ban li", "zenme ban"); read as itself, matching then drops it.
   */
  grammar: readonly string[];
  /** Every toneless reading of a character, the usual one first (ü as ü). */
  readings(ch: string): readonly string[];
};

/** How much a pair of the boilerplate counts, as if this many procedures had it: more than a chance pair. */
const GRAMMAR_USE = 8;
/** A boilerplate character on its own (了, 吗) after any character: allowed, less than any pair. */
const GLUE_USE = 0.5;
/** What reading a character by a rarer reading costs (about a pair used by one procedure). */
const RARE_READING = 0.7;
/** A reading as typed: ü as v ("lü" is typed "lv"). */
const typed = (reading: string): string => reading.replace("ü", "v");
/** What a pair adds to a reading's score: glue adds nothing, so "zhao" is 照 rather than 咋哦. */
const pairScore = (use: number): number => (use === GLUE_USE ? 0 : Math.log(1 + use));

export type PinyinReader = {
  /** `text` with its pinyin read as characters (normalised), or null when it has none to read. */
  read(text: string): string | null;
};

type Word = { text: string; start: number; end: number; known: boolean };
/** Characters read for a run of words: how many of their pairs the knowledge has, syllables, words. */
type Reading = { chars: string; known: number; syllables: number; words: number };

const HAN = /\p{Script=Han}/u;

const WORDS = /[a-z]+/g;
const SPACES = /^ +$/;
const ALNUM = /[a-z0-9]/;
/** Latin letters as typed (normalize() turns full-width ones into these). */
const LETTER = /[A-Za-zＡ-Ｚａ-ｚ]/;

export function createPinyinReader(o: PinyinOptions): PinyinReader {
  // The boilerplate's characters by reading, its pairs, and its one-character words: built on first use.
  let grammar: { byReading: Map<string, string[]>; pairs: Set<string>; single: Set<string> } | undefined;
  const grammarOf = () => {
    if (grammar) return grammar;
    const byReading = new Map<string, string[]>();
    const pairs = new Set<string>();
    const single = new Set<string>();
    for (const w of o.grammar) {
      const chars = [...w];
      if (chars.length === 1) single.add(w);
      chars.forEach((ch, i) => {
        if (i > 0) pairs.add(chars[i - 1]! + ch);
        for (const r of o.readings(ch)) {
          const key = typed(r);
          const list = byReading.get(key) ?? [];
          if (!list.includes(ch)) list.push(ch);
          byReading.set(key, list);
        }
      });
    }
    return (grammar = { byReading, pairs, single });
  };
  const charsRead = (syllable: string): string[] => {
    const g = grammarOf().byReading.get(syllable) ?? [];
    return [...new Set([...o.charsRead(syllable), ...g])];
  };
  /** How much the pair a + b counts, given how many procedures have it (`use`): boilerplate and glue count too. */
  const pairUse = (a: string, b: string, use: number): number => {
    const g = grammarOf();
    if (g.pairs.has(a + b)) return Math.max(use, GRAMMAR_USE);
    return use > 0 ? use : g.single.has(b) ? GLUE_USE : 0;
  };
  /**
   * The characters for the words of one run, read as a chain of known pairs (the most used pairs win), or
   * null. Syllables never cross a word's end ("xi an" is two, "xian" may be one or two).
   */
  const decode = (words: readonly string[]): Reading | null => {
    const letters = words.join("");
    const cut = new Set<number>();
    let at = 0;
    for (const w of words) cut.add((at += w.length));
    // Per position: the best chain ending there, by its last character.
    type Step = { score: number; chars: string; syllables: number; known: number };
    const best: Map<string, Step>[] = Array.from({ length: letters.length + 1 }, () => new Map());
    best[0]!.set("", { score: 0, chars: "", syllables: 0, known: 0 });
    for (let p = 0; p < letters.length; p++) {
      for (const [last, step] of best[p]!) {
        for (let k = 1; k <= LONGEST && p + k <= letters.length; k++) {
          const syllable = letters.slice(p, p + k);
          if (!SYLLABLES.has(syllable)) continue;
          for (const ch of charsRead(syllable)) {
            const procedures = last === "" ? 0 : o.pairUse(last + ch);
            const use = last === "" ? 1 : pairUse(last, ch, procedures);
            if (use === 0) continue;
            const known = step.known + (procedures > 0 ? 1 : 0);
            // A character's rarer reading (车 read "ju", as a chess piece) counts less than its usual one.
            const r0 = o.readings(ch)[0];
            const usual = r0 !== undefined && typed(r0) === syllable;
            const score = step.score + (last === "" ? 0 : pairScore(use)) - (usual ? 0 : RARE_READING);
            const next: Step = { score, chars: step.chars + ch, syllables: step.syllables + 1, known };
            const there = best[p + k]!;
            const old = there.get(ch);
            if (!old || next.score > old.score) there.set(ch, next);
          }
          if (cut.has(p + k)) break;
        }
      }
    }
    let found: Step | null = null;
    for (const step of best[letters.length]!.values()) if (step.syllables >= 2 && (!found || step.score > found.score)) found = step;
    return found && { chars: found.chars, known: found.known, syllables: found.syllables, words: words.length };
  };

  /**
   * A run's words cut into pieces that each read as characters (decode), the cut that reads the most words
   * (then the fewest pieces, then the most known pairs): "zenme bu ban" is 怎么 补办, where reading the longest
   * piece from the left first (怎么不) leaves "ban" unread. A piece has a word the knowledge does not know.
   */
  type Cut = { words: number; known: number; edits: (Reading & { start: number; end: number })[] };
  const better = (a: Cut, b: Cut) => a.words - b.words || b.edits.length - a.edits.length || a.known - b.known;
  const readRun = (run: Word[]): Cut["edits"] => {
    const best: Cut[] = [{ words: 0, known: 0, edits: [] }];
    for (let k = 1; k <= run.length; k++) {
      let pick = best[k - 1]!;
      let unknown = false;
      for (let i = k - 1; i >= 0 && i >= k - MAX_SYLLABLES; i--) {
        unknown ||= !run[i]!.known;
        if (!unknown) continue;
        const reading = decode(run.slice(i, k).map((w) => w.text));
        if (reading === null) continue;
        const from = best[i]!;
        const cut = { words: from.words + k - i, known: from.known + reading.known, edits: [...from.edits, { ...reading, start: run[i]!.start, end: run[k - 1]!.end }] };
        if (better(cut, pick) > 0) pick = cut;
      }
      best[k] = pick;
    }
    return best[run.length]!.edits;
  };

  return {
    read(text) {
      if (!LETTER.test(text)) return null;
      const norm = normalize(text);
      const words: Word[] = [];
      for (const m of norm.matchAll(WORDS)) {
        const w = m[0];
        if (!isPinyin(w)) continue;
        // An English grammar word that spells a syllable ("me", "a") is read only inside a run with words the
        // knowledge does not know ("di bao zen me shen qing a"): like a known word, never on its own.
        words.push({ text: w, start: m.index, end: m.index + w.length, known: o.never(w) || o.known(w) });
      }
      // A message typed in pinyin is a few words; hundreds are noise, and reading them would cost time.
      if (words.length > MAX_WORDS || words.every((w) => w.known)) return null;
      // Runs of neighbouring pinyin words (only spaces between), each read whole or, failing that, in parts
      // from the left, the longest that reads first.
      const runs: Word[][] = [];
      for (const w of words) {
        const run = runs[runs.length - 1];
        const prev = run?.[run.length - 1];
        if (run && prev && SPACES.test(norm.slice(prev.end, w.start))) run.push(w);
        else runs.push([w]);
      }
      const edits: (Reading & { start: number; end: number })[] = [];
      for (const run of runs) {
        // The same syllable three times running ("ban ban ban") is noise, not pinyin.
        if (run.some((w, i) => i >= 2 && w.text === run[i - 1]!.text && w.text === run[i - 2]!.text)) continue;
        edits.push(...readRun(run));
      }
      // Pinyin shows itself by a pair of the knowledge ("jie hun": 结婚; boilerplate alone, "women": 我们, is
      // no sign), and in a message without Chinese by more than one English-looking word of two syllables
      // ("rude", "mode" spell syllables too); beside Chinese characters, by words side by side that read as
      // one, boilerplate too ("how to ban li 户口 transfer"). Boilerplate is read only beside such a sign.
      const han = HAN.test(norm);
      const sign = (e: Reading) => (e.known > 0 && (han || e.words > 1 || e.syllables > 2)) || (han && e.words > 1);
      if (!edits.some(sign)) return null;
      const kept = edits.filter((e) => sign(e) || e.known === 0);
      // Spaces only where the characters would otherwise join an English word or number.
      const apart = (c: string | undefined) => (c !== undefined && ALNUM.test(c) ? " " : "");
      let out = "";
      let from = 0;
      for (const e of kept) {
        out += `${norm.slice(from, e.start)}${apart(norm[e.start - 1])}${e.chars}${apart(norm[e.end])}`;
        from = e.end;
      }
      return out + norm.slice(from);
    },
  };
}
