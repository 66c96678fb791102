// The admins' "close the loop" report: what citizens ask most, what went to staff and who still owes an
// answer, which questions the knowledge could not answer, how citizens rated the help, and drafts to review.
// Pure: the CLI reads the files and passes them in.
import { escalationTargets } from "./core/tickets.ts";
import type { Data, Rating, Ticket } from "./core/data.ts";
import type { Knowledge, Lang, LocalText } from "./knowledge/schema.ts";
import { pick } from "./knowledge/text.ts";

type Score = Rating["score"];
const SCORES: readonly Score[] = ["very-satisfied", "satisfied", "not-satisfied"];
const STATUSES: readonly Ticket["status"][] = ["open", "replied", "resolved"];

/** A procedure or person by id; `name` is null when the id is no longer in the knowledge files. */
export type Named = { id: string; name: LocalText | null };

export type OverdueTicket = {
  id: string;
  question: string;
  owner: Named;
  /** When the owner's clock started: the question, the last reopen or reassign, or a follow-up after a reply. */
  waitingSince: number;
  escalated: boolean;
  /** Who was alerted by the escalation: the owner's backup and department head (as the core alerts them). */
  escalatedTo: Named[];
};

export type GapTicket = {
  id: string;
  question: string;
  lang: Lang;
  status: Ticket["status"];
  staffReplied: boolean;
  /** The near miss's match score; null when nothing came close. */
  score: number | null;
  createdAt: number;
};

/** Handed-off questions sharing the matcher's best near miss (null: nothing came close). */
export type GapGroup = { nearMiss: Named | null; tickets: GapTicket[] };

export type Complaint = { ticketId: string; question: string; comment: string | null; at: number; status: Ticket["status"]; owner: Named };

export type DraftFile = { file: string; kind: "examples" | "procedure"; procedure: Named | null };

export type Report = {
  generatedAt: number;
  asked: { answered: number; handedOff: number; top: Array<Named & { count: number }>; neverAsked: Named[] };
  tickets: { total: number; open: number; replied: number; resolved: number; unreachable: number; overdue: OverdueTicket[] };
  gaps: GapGroup[];
  ratings: { counts: Record<Score, number>; notSatisfied: Complaint[] };
  drafts: DraftFile[];
};

/** drafts: file names in knowledge/drafts/. top: how many procedures "most asked" lists (default 10). */
export type ReportInput = { drafts?: readonly string[]; top?: number };

const procedure = (k: Knowledge, id: string): Named => ({ id, name: k.byId.get(id)?.title ?? null });
const person = (k: Knowledge, id: string): Named => ({ id, name: k.staffById.get(id)?.name ?? null });
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function waitingSince(t: Ticket): number {
  let since = t.createdAt;
  let replied = false;
  for (const e of t.history) {
    if (e.kind === "reply") replied = true;
    else if (e.kind === "reopened" || e.kind === "reassigned" || (e.kind === "citizen" && replied)) {
      since = e.at;
      replied = false;
    }
  }
  return since;
}

/** Open (no staff reply since it was (re)opened) and past its reminder or escalation time. */
export function isOverdue(t: Ticket, now: number): boolean {
  if (t.status !== "open") return false;
  // The core clears remindAt when the reminder fires, so null on an open ticket means it already came due.
  const reminderDue = t.remindAt === null || t.remindAt <= now;
  return reminderDue || t.escalated || (t.escalateAt !== null && t.escalateAt <= now);
}

function overdue(k: Knowledge, t: Ticket, now: number): OverdueTicket {
  const escalated = t.escalated || (t.escalateAt !== null && t.escalateAt <= now);
  const owner = k.staffById.get(t.ownerId);
  const escalatedTo = escalated && owner ? escalationTargets(owner).map((id) => person(k, id)) : [];
  return { id: t.id, question: t.question, owner: person(k, t.ownerId), waitingSince: waitingSince(t), escalated, escalatedTo };
}

function gaps(k: Knowledge, tickets: readonly Ticket[]): GapGroup[] {
  const groups = new Map<string | null, GapTicket[]>();
  for (const t of tickets) {
    const near = t.candidates[0];
    const list = groups.get(near?.id ?? null) ?? [];
    const staffReplied = t.history.some((e) => e.kind === "reply");
    list.push({ id: t.id, question: t.question, lang: t.citizen.lang, status: t.status, staffReplied, score: near?.score ?? null, createdAt: t.createdAt });
    groups.set(near?.id ?? null, list);
  }
  return [...groups.entries()]
    .map(([id, list]) => ({ nearMiss: id === null ? null : procedure(k, id), tickets: list.sort((a, b) => b.createdAt - a.createdAt) }))
    .sort((a, b) => b.tickets.length - a.tickets.length || (a.nearMiss === null ? 1 : b.nearMiss === null ? -1 : byId(a.nearMiss.id, b.nearMiss.id)));
}

function draftFile(k: Knowledge, file: string): DraftFile {
  const examples = /^(.+)\.examples\.json$/.exec(file);
  if (examples?.[1]) return { file, kind: "examples", procedure: procedure(k, examples[1]) };
  return { file, kind: "procedure", procedure: null };
}

export function buildReport(data: Readonly<Data>, knowledge: Knowledge, now: number, input: ReportInput = {}): Report {
  const answered = Object.entries(data.counters.answered).filter(([, n]) => n > 0);
  const top = answered
    .sort(([a, x], [b, y]) => y - x || byId(a, b))
    .slice(0, input.top ?? 10)
    .map(([id, count]) => ({ ...procedure(knowledge, id), count }));
  const asked = new Set(answered.map(([id]) => id));
  const tickets = data.tickets;
  const counts = Object.fromEntries(SCORES.map((s) => [s, 0])) as Record<Score, number>;
  const notSatisfied: Complaint[] = [];
  for (const t of tickets) {
    for (const r of t.ratings) {
      counts[r.score] += 1;
      if (r.score !== "not-satisfied") continue;
      notSatisfied.push({ ticketId: t.id, question: t.question, comment: r.comment ?? null, at: r.at, status: t.status, owner: person(knowledge, t.ownerId) });
    }
  }
  return {
    generatedAt: now,
    asked: {
      answered: answered.reduce((sum, [, n]) => sum + n, 0),
      handedOff: data.counters.handedOff,
      top,
      neverAsked: knowledge.procedures.filter((p) => !asked.has(p.id)).map((p) => ({ id: p.id, name: p.title })),
    },
    tickets: {
      total: tickets.length,
      ...(Object.fromEntries(STATUSES.map((st) => [st, tickets.filter((t) => t.status === st).length])) as Record<Ticket["status"], number>),
      unreachable: tickets.filter((t) => t.unreachable && t.status !== "resolved").length,
      overdue: tickets.filter((t) => isOverdue(t, now)).map((t) => overdue(knowledge, t, now)).sort((a, b) => a.waitingSince - b.waitingSince),
    },
    gaps: gaps(knowledge, tickets),
    ratings: { counts, notSatisfied: notSatisfied.sort((a, b) => b.at - a.at) },
    drafts: [...(input.drafts ?? [])].sort(byId).map((f) => draftFile(knowledge, f)),
  };
}

// ---- Terminal text ----

const EN = {
  title: "onerun report",
  asked: "1. Most asked (answered by the bot)",
  rate: (a: number, h: number, pct: string) => `The bot answered ${a} questions; ${h} went to staff${pct}.`,
  pct: (p: number) => ` (${p}% answered by the bot)`,
  noneAnswered: "Nothing answered yet.",
  neverAsked: (n: number) => `Never asked (${n}):`,
  notInKnowledge: "(no longer in the knowledge files)",
  tickets: "2. Questions handed to staff",
  status: (t: Report["tickets"]) => `${t.total} tickets: ${t.open} open, ${t.replied} replied, ${t.resolved} resolved.`,
  unreachable: (n: number) => `${n} citizen(s) can no longer be reached (blocked the bot or chat gone).`,
  overdue: (n: number) => `Overdue — open, past the reminder time, no staff reply yet (${n}):`,
  noOverdue: "Nothing overdue: every open ticket is within its reminder time.",
  waiting: (d: string) => `waiting ${d}`,
  escalated: (to: string[]) => (to.length > 0 ? `ESCALATED to ${to.join(", ")}` : "ESCALATED"),
  gaps: "3. What the knowledge is missing (handed-off questions by nearest procedure)",
  noGaps: "No questions were handed to staff.",
  near: (title: string, n: number) => `Near ${title} — ${n}`,
  noNear: (n: number) => `No near miss — ${n}`,
  more: (n: number) => `… and ${n} more (--json lists all)`,
  ratings: "4. Ratings",
  noRatings: "No ratings yet.",
  complaints: (n: number) => `Not satisfied (${n}):`,
  drafts: (n: number) => `5. Drafts waiting for review in knowledge/drafts/ (${n})`,
  examplesFor: (title: string) => `proposed example questions for ${title}`,
  newProcedure: "new procedure (complete it, then move it to knowledge/procedures/)",
  replied: "staff replied", notReplied: "no staff reply", noComment: "(no comment)", question: "question", owner: "owner", noDrafts: "None.",
  scores: { "very-satisfied": "very satisfied", satisfied: "satisfied", "not-satisfied": "not satisfied" } as Record<Score, string>,
  statuses: { open: "open", replied: "replied", resolved: "resolved" } as Record<Ticket["status"], string>,
  units: { min: "min", h: "h", d: "d" },
};

const ZH: typeof EN = {
  title: "onerun 报告",
  asked: "1. 最常问的事项（机器人已回答）",
  rate: (a, h, pct) => `机器人回答了 ${a} 个问题；${h} 个转给了工作人员${pct}。`,
  pct: (p) => `（机器人回答率 ${p}%）`,
  noneAnswered: "尚无已回答的问题。",
  neverAsked: (n) => `从未被问到（${n}）：`,
  notInKnowledge: "（已不在知识库中）",
  tickets: "2. 转给工作人员的问题",
  status: (t) => `共 ${t.total} 个工单：${t.open} 个待处理，${t.replied} 个已回复，${t.resolved} 个已办结。`,
  unreachable: (n) => `${n} 位群众已无法联系（屏蔽了机器人或会话已不存在）。`,
  overdue: (n) => `已超时：待处理、已过提醒时间、工作人员尚未回复（${n}）：`,
  noOverdue: "没有超时工单：所有待处理工单都在提醒时间内。",
  waiting: (d) => `已等待 ${d}`,
  escalated: (to) => (to.length > 0 ? `已上报给 ${to.join("、")}` : "已上报"),
  gaps: "3. 知识库缺什么（转人工的问题，按最接近的事项分组）",
  noGaps: "没有转给工作人员的问题。",
  near: (title, n) => `接近 ${title} — ${n}`,
  noNear: (n) => `没有接近的事项 — ${n}`,
  more: (n) => `… 另有 ${n} 个（--json 列出全部）`,
  ratings: "4. 评价",
  noRatings: "尚无评价。",
  complaints: (n) => `不满意（${n}）：`,
  drafts: (n) => `5. knowledge/drafts/ 中待审核的草稿（${n}）`,
  examplesFor: (title) => `${title} 的建议示例问题`,
  newProcedure: "新事项草稿（补全后移到 knowledge/procedures/）",
  replied: "工作人员已回复", notReplied: "工作人员未回复", noComment: "（无留言）", question: "问题", owner: "负责人", noDrafts: "无。",
  scores: { "very-satisfied": "非常满意", satisfied: "满意", "not-satisfied": "不满意" },
  statuses: { open: "待处理", replied: "已回复", resolved: "已办结" },
  units: { min: "分钟", h: "小时", d: "天" },
};

const LABELS: Record<Lang, typeof EN> = { en: EN, zh: ZH };

/** User text on one line, without control characters that could drive the terminal, shortened. */
export function oneLine(text: string, max = 100): string {
  const flat = text.replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069]+/gu, " ").replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

const duration = (ms: number, u: { min: string; h: string; d: string }): string => {
  const hours = Math.max(0, Math.floor(ms / 3_600_000));
  if (hours < 1) return `${Math.max(0, Math.floor(ms / 60_000))}${u.min}`;
  return hours < 48 ? `${hours}${u.h}` : `${Math.floor(hours / 24)}${u.d} ${hours % 24}${u.h}`;
};

const stamp = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** Wraps comma-separated items to lines of about `width` characters. */
function wrap(items: string[], indent: string, width = 100): string[] {
  const lines: string[] = [];
  let line = "";
  for (const item of items) {
    const next = line === "" ? item : `${line}, ${item}`;
    if (line !== "" && indent.length + next.length > width) {
      lines.push(`${indent}${line},`);
      line = item;
    } else line = next;
  }
  if (line !== "") lines.push(`${indent}${line}`);
  return lines;
}

export function formatReport(report: Report, lang: Lang = "en"): string {
  const L = LABELS[lang];
  const name = (n: Named) => (n.name ? `${oneLine(pick(n.name, lang))} (${n.id})` : `${n.id} ${L.notInKnowledge}`);
  const quote = (s: string) => `"${oneLine(s)}"`;
  const out: string[] = [`${L.title} — ${stamp(report.generatedAt)}`, ""];

  const { asked } = report;
  out.push(L.asked);
  const total = asked.answered + asked.handedOff;
  out.push(`  ${L.rate(asked.answered, asked.handedOff, total > 0 ? L.pct(Math.round((100 * asked.answered) / total)) : "")}`);
  if (asked.top.length === 0) out.push(`  ${L.noneAnswered}`);
  const width = String(asked.top[0]?.count ?? 0).length;
  for (const p of asked.top) out.push(`  ${String(p.count).padStart(width)}  ${name(p)}`);
  if (asked.neverAsked.length > 0) {
    out.push(`  ${L.neverAsked(asked.neverAsked.length)}`);
    out.push(...wrap(asked.neverAsked.map((p) => p.id), "    "));
  }

  const t = report.tickets;
  out.push("", L.tickets, `  ${L.status(t)}`);
  if (t.unreachable > 0) out.push(`  ${L.unreachable(t.unreachable)}`);
  if (t.overdue.length === 0) out.push(`  ${L.noOverdue}`);
  else {
    out.push(`  ${L.overdue(t.overdue.length)}`);
    for (const o of t.overdue) {
      const escalated = o.escalated ? `  ${L.escalated(o.escalatedTo.map(name))}` : "";
      out.push(`    ${o.id}  ${L.owner} ${name(o.owner)}  ${L.waiting(duration(report.generatedAt - o.waitingSince, L.units))}${escalated}`);
      out.push(`      ${quote(o.question)}`);
    }
  }

  out.push("", L.gaps);
  if (report.gaps.length === 0) out.push(`  ${L.noGaps}`);
  for (const g of report.gaps) {
    out.push(`  ${g.nearMiss ? L.near(name(g.nearMiss), g.tickets.length) : L.noNear(g.tickets.length)}`);
    for (const q of g.tickets.slice(0, 10)) {
      const score = q.score === null ? "" : ` ${q.score.toFixed(2)}`;
      out.push(`    ${q.id}  [${q.staffReplied ? L.replied : L.notReplied}]${score}  ${quote(q.question)}`);
    }
    if (g.tickets.length > 10) out.push(`    ${L.more(g.tickets.length - 10)}`);
  }

  const r = report.ratings;
  out.push("", L.ratings);
  if (SCORES.every((s) => r.counts[s] === 0)) out.push(`  ${L.noRatings}`);
  else out.push(`  ${SCORES.map((s) => `${L.scores[s]} ${r.counts[s]}`).join(" · ")}`);
  if (r.notSatisfied.length > 0) {
    out.push(`  ${L.complaints(r.notSatisfied.length)}`);
    for (const c of r.notSatisfied) {
      out.push(`    ${c.ticketId}  ${stamp(c.at)}  ${L.statuses[c.status]}  ${L.owner} ${name(c.owner)}`);
      out.push(`      ${c.comment === null ? L.noComment : quote(c.comment)}`);
      out.push(`      ${L.question}: ${quote(c.question)}`);
    }
  }

  out.push("", L.drafts(report.drafts.length));
  if (report.drafts.length === 0) out.push(`  ${L.noDrafts}`);
  for (const d of report.drafts) {
    const what = d.kind === "examples" && d.procedure ? L.examplesFor(name(d.procedure)) : L.newProcedure;
    out.push(`  ${oneLine(d.file)} — ${what}`);
  }
  return out.join("\n");
}
