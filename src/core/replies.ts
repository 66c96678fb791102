// Small citizen-facing messages: greetings, clarifying questions, the most asked matters. Pure.
import type { Knowledge, Lang } from "../knowledge/schema.ts";
import { pick } from "../knowledge/text.ts";
import { fitOptions } from "./answer.ts";
import type { Data } from "./data.ts";
import type { Option, OutMessage } from "./events.ts";
import { t } from "./i18n.ts";
import { optionId } from "./options.ts";

const MOST_ASKED = 4;

export const text = (body: string, options?: Option[]): OutMessage =>
  options && options.length > 0 ? { parts: [{ kind: "text", text: body }], options } : { parts: [{ kind: "text", text: body }] };

/** The most answered procedures, topped up from settings.popular while few questions are counted. */
export function mostAsked(knowledge: Knowledge, counters: Readonly<Data["counters"]>): string[] {
  const counted = Object.entries(counters.answered)
    .filter(([id, n]) => n > 0 && knowledge.byId.has(id))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([id]) => id);
  const ids = [...new Set([...counted, ...knowledge.settings.popular.filter((id) => knowledge.byId.has(id))])];
  return ids.slice(0, MOST_ASKED);
}

export function procedureOptions(knowledge: Knowledge, ids: string[], lang: Lang): Option[] {
  const options: Option[] = [];
  for (const id of ids) {
    const p = knowledge.byId.get(id);
    if (p) options.push({ id: optionId.procedure(id), label: pick(p.title, lang) });
  }
  return fitOptions(options);
}

export function popularOptions(knowledge: Knowledge, counters: Readonly<Data["counters"]>, lang: Lang): Option[] {
  return procedureOptions(knowledge, mostAsked(knowledge, counters), lang);
}

export function smalltalkReply(knowledge: Knowledge, counters: Readonly<Data["counters"]>, intentId: string | null, lang: Lang): OutMessage {
  const intent = knowledge.settings.smalltalk.find((s) => s.id === intentId) ?? knowledge.settings.smalltalk[0];
  const body = intent ? pick(intent.reply, lang) : t(lang).help;
  const options = popularOptions(knowledge, counters, lang);
  // Someone the bot has just failed ("useless!") should not have to find the way to a person themselves.
  if (intent?.offerStaff) options.push({ id: optionId.staff(), label: t(lang).askStaff });
  return text(body, options);
}

export function clarifyMessage(knowledge: Knowledge, candidateIds: string[], lang: Lang): OutMessage {
  const s = t(lang);
  return text(s.clarify, [...procedureOptions(knowledge, candidateIds, lang), { id: optionId.none(), label: s.noneOfThese }]);
}

export function welcome(knowledge: Knowledge, counters: Readonly<Data["counters"]>, lang: Lang): OutMessage {
  const s = t(lang);
  return {
    parts: [
      { kind: "text", text: s.welcome(pick(knowledge.settings.serviceName, lang)) },
      { kind: "text", text: s.commonMatters },
    ],
    options: popularOptions(knowledge, counters, lang),
  };
}

export function languageChoice(lang: Lang): OutMessage {
  const s = t(lang);
  return text(s.chooseLanguage, [
    { id: optionId.lang("en"), label: s.langLabelEn },
    { id: optionId.lang("zh"), label: s.langLabelZh },
  ]);
}
