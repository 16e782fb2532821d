// Human messages for answer rules, Chinese first; the phone page can switch to English.
import type { AnswerProblem, Rule } from "./answers.ts";

export type Lang = "zh" | "en";

const MESSAGES: Record<Lang, Record<Rule, string>> = {
  zh: {
    unknown: "问卷中没有这道题",
    hidden: "这道题未显示，不应作答",
    required: "这道题必须作答",
    wrongType: "答案的类型不正确",
    notOffered: "所选选项不在本题选项之中",
    duplicate: "同一选项不能重复选择",
    tooFew: "请至少选择 {n} 项",
    tooMany: "最多只能选择 {n} 项",
    tooLong: "不能超过 {n} 个字",
    otherRequired: "请注明“其他”的具体内容",
    otherWithoutOption: "未选择“其他”，不应填写说明",
    unknownRow: "本题没有这一行",
    tooManyRows: "答案的行数多于本题的行数",
  },
  en: {
    unknown: "This survey has no such question",
    hidden: "This question is not shown and must not be answered",
    required: "This question is required",
    wrongType: "The answer has the wrong type",
    notOffered: "The selected option is not offered by this question",
    duplicate: "An option cannot be selected twice",
    tooFew: "Select at least {n}",
    tooMany: "Select at most {n}",
    tooLong: "At most {n} characters",
    otherRequired: "Please specify “other”",
    otherWithoutOption: "“Other” is not selected, so no text is expected",
    unknownRow: "This grid has no such row",
    tooManyRows: "The answer has more rows than the grid",
  },
};

/** A grid row's own wording where the question's would mislead (“this question is required”). */
const ROW_MESSAGES: Record<Lang, Partial<Record<Rule, string>>> = {
  zh: {
    required: "这一行必须作答",
    notOffered: "所选选项不在本题的评价等级之中",
  },
  en: {
    required: "This row is required",
    notOffered: "The selected option is not on this grid's scale",
  },
};

export function describeProblem(problem: AnswerProblem, lang: Lang = "zh"): string {
  const row = problem.row === undefined ? undefined : ROW_MESSAGES[lang][problem.rule];
  return (row ?? MESSAGES[lang][problem.rule]).replace("{n}", String(problem.limit ?? ""));
}
