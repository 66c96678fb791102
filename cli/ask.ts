// npm run ask -- [--json] [--knowledge DIR] "question"
// Without --json: the reply a citizen would get, through the real dialog core (in-memory store, staff
// notices discarded). With --json: one JSON object — outcome, procedureId, candidates (id, score), the
// smalltalk intent, the language, and the top scores with their parts, to explain the decision.
import { createCore } from "../src/core/core.ts";
import { toPlainText } from "../src/core/events.ts";
import { loadMatcher } from "../src/match/load-matcher.ts";
import { takeFlag, takeOption } from "./args.ts";
import { createMemoryStore } from "../src/store/memory.ts";

const USAGE = 'Usage: npm run ask -- [--json] [--knowledge DIR] "your question"';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const json = takeFlag(args, "--json");
  const dir = takeOption(args, "--knowledge", "knowledge");
  const question = args.join(" ").trim();
  if (!question) {
    console.error(USAGE);
    return 1;
  }
  const loaded = await loadMatcher(dir);
  if (!loaded.ok) {
    console.error(loaded.message);
    return 1;
  }
  const { knowledge, matcher } = loaded;
  if (json) {
    const r = matcher.explain(question);
    const scores = r.scored.slice(0, 5).map((s) => ({
      id: s.id,
      score: round(s.score),
      queryCov: round(s.queryCov),
      phraseCov: round(s.phraseCov),
      phrase: s.phrase,
    }));
    const { outcome, procedureId, candidates, smalltalk, lang, unknown, noAnswer, noLead, marginWaived } = r;
    console.log(JSON.stringify({ outcome, procedureId, candidates, smalltalk, lang, unknown, noAnswer, noLead, marginWaived, scores }));
    return 0;
  }
  const core = createCore({
    knowledge: () => ({ knowledge, matcher }),
    store: createMemoryStore(),
    channels: {},
    staff: { notify: async () => {} },
  });
  try {
    const result = await core.handle({
      type: "citizen.message",
      from: { channel: "ask", conversationId: "ask", userId: "ask" },
      text: question,
    });
    console.log(result.messages.map(toPlainText).join("\n\n"));
  } finally {
    await core.stop();
  }
  return 0;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

process.exitCode = await main();
