// Every fixed string the citizen or staff sees, in English and Chinese. `zh` is typed as `Strings`,
// so a string added to `en` and not translated fails the type-check.
import type { Lang } from "../knowledge/schema.ts";

type Person = { name: string; title: string };

const en = {
  // Answer
  whatToBring: "What to bring",
  /** Section title for conditional items; the condition may already read "only if …". */
  onlyIf: (condition: string) => {
    const rest = condition.replace(/^only\s+/i, "");
    return /^(if|when|for|where|in case)\b/i.test(rest) ? `Only ${rest}` : `Only if ${rest}`;
  },
  material: (name: string, form: string, notes?: string) => `${name} — ${form}${notes ? ` (${notes})` : ""}`,
  formOriginal: (n: number) => (n > 1 ? `original ×${n}` : "original"),
  formCopy: (n: number) => (n > 1 ? `${n} photocopies` : "1 photocopy"),
  formOriginalAndCopy: (n: number) => `original + ${n > 1 ? `${n} photocopies` : "1 photocopy"}`,
  formElectronic: (n: number) => (n > 1 ? `electronic file ×${n}` : "electronic file"),
  eligibility: "Who may apply",
  place: "Where",
  address: "Address",
  hours: "Opening hours",
  online: "Online",
  onlineYes: "available",
  onlineNo: "not available",
  fee: "Fee",
  processingTime: "Processing time",
  notes: "Good to know",
  source: "Official guide",
  alsoNeed: "You may also need",
  notCovered: "Something not covered? Ask a member of staff.",
  askStaff: "Ask a member of staff",
  // Clarify
  clarify: "Which of these do you mean?",
  noneOfThese: "None of these",
  // Handoff
  person: (p: Person) => `${p.name}, ${p.title}`,
  ticketCreated: (p: Person, ticketId: string) =>
    `${p.name}, ${p.title}, has your question (${ticketId}); the answer will come here.`,
  ticketAck: (p: Person, ticketId: string) =>
    `Added to your question ${ticketId}. ${p.name} has it and will reply here.`,
  ticketStillOpen: (p: Person, ticketId: string) => `Your question ${ticketId} is still with ${p.name}.`,
  writeQuestionForStaff: "Write your question in one message and I will pass it to a member of staff.",
  ticketNow: (p: Person, ticketId: string) =>
    `Your question ${ticketId} is now with ${p.name}, ${p.title}; the answer will come here.`,
  staffReplyTitle: (p: Person, ticketId: string) => `${p.name}, ${p.title} (${ticketId}):`,
  // Commands
  welcome: (service: string) =>
    `Welcome to the ${service} assistant. Ask in your own words what you need to do, and I will list everything to bring in one message.`,
  commonMatters: "Common matters:",
  help:
    'Ask in your own words, for example "what do I need to renew my passport?". I answer with the complete list of materials, the place, fee and time. Anything I cannot answer goes to a named member of staff. Commands: /language to switch language, /ticket to see your open question.',
  chooseLanguage: "Choose your language:",
  languageSet: "I will reply in English from now on.",
  langLabelEn: "English",
  langLabelZh: "中文",
  openTicket: (p: Person, ticketId: string, question: string) =>
    `Your open question ${ticketId} ("${question}") is with ${p.name}, ${p.title}.`,
  noOpenTicket: "You have no open question with our staff.",
  // Rating
  rateQuestion: (p: Person, ticketId: string) =>
    `${p.name} has marked your question ${ticketId} as answered. Did the answer solve your problem?`,
  rateVerySatisfied: "Very satisfied",
  rateSatisfied: "Satisfied",
  rateNotSatisfied: "Not satisfied",
  askComment: 'Thank you. Would you like to add a comment? Write it now, or choose "Skip".',
  askCommentReopened: (p: Person, ticketId: string) =>
    `Sorry about that. Your question ${ticketId} is open again with ${p.name}. Tell us what is still missing, or choose "Skip".`,
  skip: "Skip",
  commentThanks: "Thank you for your comment.",
  commentSkipped: "All right.",
  // Errors and fallbacks
  staleOption: "That button is no longer valid. Please ask your question again, or use /start.",
  nothingToSkip: "There is nothing to skip right now.",
  storeFailed: "Sorry, something went wrong on our side and your message was not saved. Please send it again in a minute.",
  emptyMessage: "Please write your question in words.",
  // Staff side
  replySent: (ticketId: string) => `Sent to the citizen (${ticketId}).`,
  replyQueued: (ticketId: string) =>
    `Saved on ${ticketId}; the citizen's chat is not reachable right now, delivery will be retried.`,
  replyUndeliverable: (ticketId: string) =>
    `Saved on ${ticketId}, but the citizen can no longer be reached (they blocked the bot or the chat is gone).`,
  noteSaved: (ticketId: string) => `Note saved on ${ticketId}.`,
  reassigned: (ticketId: string, p: Person) => `${ticketId} now belongs to ${p.name}.`,
  resolved: (ticketId: string) => `${ticketId} is resolved; the citizen is asked whether it solved the problem.`,
  draftWritten: (ticketId: string, path: string) => `Draft from ${ticketId} written to ${path} for an admin to review.`,
  openTickets: (n: number) => `Open questions: ${n}`,
  yours: "Yours",
  others: "Colleagues'",
  noOpenTickets: "No open questions.",
} as const;

type Strings = { [K in keyof typeof en]: (typeof en)[K] extends string ? string : (typeof en)[K] };

const zh: Strings = {
  whatToBring: "需要携带的材料",
  onlyIf: (condition: string) => (/^(仅|只|如|若|凡|当)/.test(condition) ? condition : `仅限${condition}`),
  material: (name: string, form: string, notes?: string) => `${name}：${form}${notes ? `（${notes}）` : ""}`,
  formOriginal: (n: number) => (n > 1 ? `原件 ${n} 份` : "原件"),
  formCopy: (n: number) => `复印件 ${n} 份`,
  formOriginalAndCopy: (n: number) => `原件及复印件 ${n} 份`,
  formElectronic: (n: number) => (n > 1 ? `电子版 ${n} 份` : "电子版"),
  eligibility: "申请条件",
  place: "办理地点",
  address: "地址",
  hours: "办理时间",
  online: "网上办理",
  onlineYes: "可以",
  onlineNo: "不可以",
  fee: "收费",
  processingTime: "办理时限",
  notes: "温馨提示",
  source: "官方指南",
  alsoNeed: "您可能还需要办理",
  notCovered: "还有没说到的？可以咨询工作人员。",
  askStaff: "咨询工作人员",
  clarify: "您指的是下面哪一项？",
  noneOfThese: "都不是",
  person: (p: Person) => `${p.title}${p.name}`,
  ticketCreated: (p: Person, ticketId: string) =>
    `您的问题（${ticketId}）已交给${p.title}${p.name}负责，答复会发到这里。`,
  ticketAck: (p: Person, ticketId: string) => `已补充到您的问题 ${ticketId}，${p.name}会在这里答复您。`,
  ticketStillOpen: (p: Person, ticketId: string) => `您的问题 ${ticketId} 仍由${p.name}负责处理。`,
  writeQuestionForStaff: "请用一条消息写下您的问题，我会转给工作人员。",
  ticketNow: (p: Person, ticketId: string) => `您的问题 ${ticketId} 现由${p.title}${p.name}负责，答复会发到这里。`,
  staffReplyTitle: (p: Person, ticketId: string) => `${p.title}${p.name}（${ticketId}）：`,
  welcome: (service: string) => `欢迎使用${service}智能助手。请用自己的话说明要办理的事项，我会一次性列出需要带的全部材料。`,
  commonMatters: "常办事项：",
  help: "直接用自己的话问就行，例如“换护照要带什么？”。我会一次性告诉您全部材料、地点、费用和时限；我答不了的问题会转给具体的工作人员。命令：/language 切换语言，/ticket 查看您待答复的问题。",
  chooseLanguage: "请选择语言：",
  languageSet: "以后我会用中文回复您。",
  langLabelEn: "English",
  langLabelZh: "中文",
  openTicket: (p: Person, ticketId: string, question: string) =>
    `您待答复的问题 ${ticketId}（“${question}”）由${p.title}${p.name}负责。`,
  noOpenTicket: "您目前没有待工作人员答复的问题。",
  rateQuestion: (p: Person, ticketId: string) => `${p.name}已将您的问题 ${ticketId} 标记为已答复。这个答复解决您的问题了吗？`,
  rateVerySatisfied: "非常满意",
  rateSatisfied: "满意",
  rateNotSatisfied: "不满意",
  askComment: "谢谢！您还有什么意见或建议吗？可以直接写下来，或选择“跳过”。",
  askCommentReopened: (p: Person, ticketId: string) =>
    `很抱歉。您的问题 ${ticketId} 已重新交给${p.name}处理。请告诉我们还缺什么，或选择“跳过”。`,
  skip: "跳过",
  commentThanks: "感谢您的意见。",
  commentSkipped: "好的。",
  staleOption: "这个按钮已失效。请重新提问，或发送 /start。",
  nothingToSkip: "目前没有需要跳过的内容。",
  storeFailed: "抱歉，系统出了点问题，您的消息没有保存成功。请过一分钟再发一次。",
  emptyMessage: "请用文字写下您的问题。",
  replySent: (ticketId: string) => `已发送给群众（${ticketId}）。`,
  replyQueued: (ticketId: string) => `已保存到 ${ticketId}；群众的聊天暂时无法送达，系统会自动重试。`,
  replyUndeliverable: (ticketId: string) => `已保存到 ${ticketId}，但群众已无法联系（已屏蔽机器人或聊天已不存在）。`,
  noteSaved: (ticketId: string) => `备注已保存到 ${ticketId}。`,
  reassigned: (ticketId: string, p: Person) => `${ticketId} 现由${p.name}负责。`,
  resolved: (ticketId: string) => `${ticketId} 已办结；系统会询问群众是否解决了问题。`,
  draftWritten: (ticketId: string, path: string) => `已根据 ${ticketId} 生成草稿：${path}，等待管理员审核。`,
  openTickets: (n: number) => `待答复问题：${n} 个`,
  yours: "我负责的",
  others: "同事负责的",
  noOpenTickets: "没有待答复的问题。",
};

const tables: Record<Lang, Strings> = { en, zh };

/** The fixed strings in `lang`. */
export function t(lang: Lang): Strings {
  return tables[lang];
}
