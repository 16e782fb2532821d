// Reads what the tabulation does not carry from the resolved survey: section titles and display logic.
import { isChoice, listQuestions } from "../../surveys/format/answers.ts";
import type { Question, ShowIf, Survey } from "../../surveys/format/schema.ts";

export function findQuestion(survey: Survey, code: string): Question | undefined {
  return listQuestions(survey).find((q) => q.code === code);
}

/** The title of the section holding `code`; `fallback` for a question the survey lacks. */
export function findSectionTitle(survey: Survey, code: string, fallback: string): string {
  const section = survey.sections.find((s) => s.questions.some((q) => q.code === code));
  return section?.title ?? fallback;
}

/** "当 Q18 选择“是”（A）时显示", with the option's label when the survey has it. */
export function describeShowIf(survey: Survey, showIf: ShowIf | undefined): string {
  if (!showIf) return "";
  const code = showIf.equals ?? showIf.includes ?? "";
  const source = findQuestion(survey, showIf.question);
  const option = source && isChoice(source) ? source.options.find((o) => o.code === code) : null;
  const named = option ? `“${option.label}”（${code}）` : code;
  const verb = showIf.equals !== undefined ? "选择" : "选中";
  return `当 ${showIf.question} ${verb}${named}时显示`;
}
