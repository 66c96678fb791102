// npm run bench [-- --knowledge DIR] : matcher speed on the sample knowledge and on 1,000 and 10,000
// procedures generated from it (src/match/synth.ts). One JSON line per size:
// { procedures, buildMs, rebuildMs, questions, qps, p50Ms, p99Ms, warmMaxMs, rssMb }. Each size runs in its own process so
// rssMb (peak resident memory) belongs to that size alone. A benchmark script, not a test.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { formatReport } from "../src/knowledge/problems.ts";
import { allPhrases } from "../src/knowledge/text.ts";
import { takeOption } from "./args.ts";
import { buildMatcher } from "../src/match/match.ts";
import { prng, synthKnowledge } from "../src/match/synth.ts";

const SIZES = [0, 1000, 10000]; // 0 = the sample knowledge as it is
const ROUNDS = 3;

/** Questions that match nothing: the matcher must be fast on these too. */
const OFF_TOPIC = [
  "what is the weather tomorrow", "can you recommend a good restaurant nearby", "how do i reset my router",
  "play some music", "who won the football match last night", "how many calories are in an apple",
  "明天会下雨吗", "附近有什么好吃的", "帮我订一张去上海的机票", "今天股市怎么样", "讲个笑话吧", "怎么做红烧肉",
];

function questions(examples: string[]): string[] {
  const rand = prng(7);
  // A copy of each example with one letter dropped, to exercise typo repair.
  const typos = examples.map((q) => {
    const at = Math.floor(rand() * q.length);
    return q.slice(0, at) + q.slice(at + 1);
  });
  return [...examples, ...typos, ...OFF_TOPIC];
}

async function one(dir: string, size: number): Promise<object> {
  // Only the knowledge: the matcher is built below, where it is timed.
  const report = await loadKnowledge(dir);
  if (report.knowledge === null) throw new Error(`${formatReport(report)}\n${dir}: the knowledge has errors; fix them (npm run kb -- validate).`);
  const base = report.knowledge;
  const knowledge = size === 0 ? base : synthKnowledge(base, size);
  const qs = questions(base.procedures.flatMap((p) => allPhrases(p.examples)));

  const t0 = performance.now();
  const matcher = buildMatcher(knowledge);
  const buildMs = performance.now() - t0;
  // The bot builds once at start (above: a fresh process, nothing compiled yet) and again on every save of
  // the knowledge (here: the same code already compiled).
  const t1 = performance.now();
  buildMatcher(knowledge);
  const rebuildMs = performance.now() - t1;

  // Warm-up: JIT and caches. Its slowest question pays for the index parts worked out on first use (the
  // typo, sound and three-character indexes, notFor phrases): reported as warmMaxMs.
  let warmMaxMs = 0;
  for (const q of qs) {
    const s = performance.now();
    matcher.match(q);
    warmMaxMs = Math.max(warmMaxMs, performance.now() - s);
  }
  const times: number[] = [];
  const start = performance.now();
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of qs) {
      const s = performance.now();
      matcher.match(q);
      times.push(performance.now() - s);
    }
  }
  const total = performance.now() - start;
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return {
    procedures: knowledge.procedures.length,
    buildMs: Math.round(buildMs),
    rebuildMs: Math.round(rebuildMs),
    questions: times.length,
    qps: Math.round((times.length / total) * 1000),
    p50Ms: r3(at(0.5)),
    p99Ms: r3(at(0.99)),
    warmMaxMs: Math.round(warmMaxMs),
    rssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const dir = takeOption(args, "--knowledge", "knowledge");
  const size = takeOption(args, "--size", "");
  if (size !== "") {
    console.log(JSON.stringify(await one(dir, Number(size))));
    return 0;
  }
  const self = fileURLToPath(import.meta.url);
  for (const n of SIZES) {
    const out = execFileSync(process.execPath, [...process.execArgv, self, "--knowledge", dir, "--size", String(n)], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    process.stdout.write(out);
  }
  return 0;
}

process.exitCode = await main();
