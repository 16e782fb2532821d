// Turns checked answers into long-table rows: one per (question, option or text).
import {
  type Answers,
  answerOf,
  isAnswered,
  isChoice,
  listQuestions,
  type OtherTexts,
  visibleAnswers,
} from "../../surveys/format/answers.ts";
import type { Survey } from "../../surveys/format/schema.ts";
import type { AnswerRow } from "../storage/storage.ts";

/** Call only after checkAnswers found no problem. */
export function toAnswerRows(
  survey: Survey,
  answers: Answers,
  others: OtherTexts,
  lockedCategory: string | null,
): AnswerRow[] {
  const rows: AnswerRow[] = [];
  const visible = visibleAnswers(survey, answers, { lockedCategory });
  for (const q of listQuestions(survey)) {
    const value = answerOf(visible, q.code);
    if (value === undefined || !isAnswered(value)) continue;
    if (!isChoice(q)) {
      rows.push({ question: q.code, option: "", text: String(value) });
      continue;
    }
    for (const code of Array.isArray(value) ? value : [value]) {
      const isOther = q.options.some((o) => o.code === code && o.other);
      rows.push({
        question: q.code,
        option: code,
        text: isOther ? (answerOf(others, q.code) ?? null) : null,
      });
    }
  }
  return rows;
}
