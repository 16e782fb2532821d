// The page's own words, Chinese first with English on request; survey texts stay as authored.
import type { Lang } from "../../surveys/format/messages.ts";

export type { Lang };

const zh = {
  langName: "中文",
  langGroup: "语言 / Language",
  privacy:
    "本问卷匿名填写：不记录您的姓名、手机号、IP 地址、设备信息或精确作答时间，只保存您的答案、所属类别、发放渠道和提交日期。",
  storedLink: "本系统保存什么",
  draftNote: "填写过程中，答案只暂存在本设备上，提交后立即清除。",
  start: "开始填写",
  back: "上一页",
  next: "下一页",
  submit: "提交问卷",
  submitting: "正在提交…",
  required: "必答",
  progress: (n: number, total: number) => `第 ${n} / ${total} 部分`,
  atMost: (n: number) => `最多选 ${n} 项`,
  atLeast: (n: number) => `至少选 ${n} 项`,
  counter: (n: number, max: number) => `已输入 ${n}/${max} 字`,
  otherLabel: "请注明",
  missingRows: (names: string) => `未作答：${names}`,
  preview: "预览：答案不会保存",
  fixErrors: (n: number) => `有 ${n} 道题需要修改，请查看题目下方的提示。`,
  restored: "已恢复本设备上尚未提交的答案。",
  startOver: "清空并重新填写",
  confirmStartOver: "确定清空本设备上已填写的答案吗？",
  retrying: (n: number) => `网络不稳定，正在第 ${n} 次重试…`,
  queued: (seconds: number) =>
    `提交的人较多，排队中，约 ${seconds} 秒后自动重试。答案已保存在本设备上，请不要关闭页面。`,
  proving: "正在进行防刷验证，请稍候…",
  failed: "提交没有成功，请检查网络后重试。答案仍保存在本设备上，重试不会重复提交。",
  retry: "重新提交",
  bug: (status: number) => `提交出错（代码 ${status}），请联系问卷发放人。`,
  thanks: "提交成功，感谢您的参与！",
  receipt: "回执编号",
  submittedOn: "提交日期",
  cleared: "本设备上暂存的答案已清除。",
  broken: "问卷加载失败，请刷新页面重试。",
  // page-level messages
  submittedBefore: "您已提交过本问卷",
  remembered: "本设备只记住这个链接已提交过及其回执编号，不保存答案，也不保存提交时间。",
  forget: "清除本设备上的提交记录",
  // question-level messages
  refused: (max: number) => `最多选 ${max} 项，请先取消一项`,
  pasteCut: (max: number, cut: number) => `粘贴的内容超出 ${max} 字，已截去末尾 ${cut} 字`,
  atLimit: (max: number) => `已达 ${max} 字上限`,
  answered: (n: number, total: number) => `已答 ${n} / ${total} 题`,
};

export type UiStrings = typeof zh;

const en: UiStrings = {
  langName: "English",
  langGroup: "语言 / Language",
  privacy:
    "This survey is anonymous: it does not record your name, phone number, IP address, device details or the exact time you answer. Only your answers, your category, the distribution channel and the submission date are kept.",
  storedLink: "What this system stores (in Chinese)",
  draftNote:
    "While you fill it in, answers are kept only on this device and erased right after you submit.",
  start: "Start",
  back: "Back",
  next: "Next",
  submit: "Submit",
  submitting: "Submitting…",
  required: "Required",
  progress: (n, total) => `Part ${n} of ${total}`,
  atMost: (n) => `Choose up to ${n}`,
  atLeast: (n) => `Choose at least ${n}`,
  counter: (n, max) => `${n}/${max} characters`,
  otherLabel: "Please specify",
  missingRows: (names) => `Not answered: ${names}`,
  preview: "Preview: answers are not saved",
  fixErrors: (n) =>
    `${n} ${n === 1 ? "question needs" : "questions need"} attention; see the notes below them.`,
  restored: "Unsent answers saved on this device were restored.",
  startOver: "Clear and start over",
  confirmStartOver: "Clear the answers saved on this device?",
  retrying: (n) => `The network is unstable; retrying (${n})…`,
  queued: (seconds) =>
    `Many people are submitting; you are in the queue and it retries by itself in about ${seconds} s. Your answers are saved on this device; please keep this page open.`,
  proving: "Running the anti-spam check, one moment…",
  failed:
    "Your answers could not be sent. Check the network and try again. They are still saved on this device, and retrying never submits twice.",
  retry: "Try again",
  bug: (status) =>
    `Submission failed (code ${status}). Please contact whoever sent you this survey.`,
  thanks: "Submitted. Thank you for taking part!",
  receipt: "Receipt",
  submittedOn: "Submitted on",
  cleared: "The answers saved on this device have been erased.",
  broken: "The survey could not be loaded. Please reload the page.",
  // page-level messages
  submittedBefore: "You have already submitted this survey",
  remembered:
    "This device remembers only that this link was submitted, and the receipt: no answers, no time.",
  forget: "Clear this device's record of it",
  // question-level messages
  refused: (max) => `Up to ${max}: untick one first`,
  pasteCut: (max, cut) => `Pasted text over ${max} characters: the last ${cut} were cut`,
  atLimit: (max) => `Limit: ${max} characters`,
  answered: (n, total) => `${n} of ${total} answered`,
};

export const STRINGS: Record<Lang, UiStrings> = { zh, en };

const LANG_KEY = "survey-lang";

export function loadLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === "en" ? "en" : "zh";
  } catch {
    return "zh";
  }
}

export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Storage can be disabled (private mode); the toggle still works for this visit.
  }
}
