// The durable record of a response, as stored: JSON rows [question, option, text].
import { type Answers, answerOf, listQuestions } from "../../surveys/format/answers.ts";
import type { Survey } from "../../surveys/format/schema.ts";

export type StoredRow = [question: string, option: string, text: string | null];

export const isStoredRows = (v: unknown): v is StoredRow[] =>
  Array.isArray(v) &&
  v.every(
    (r) =>
      Array.isArray(r) &&
      typeof r[0] === "string" &&
      typeof r[1] === "string" &&
      (r[2] === null || typeof r[2] === "string"),
  );

/** Answers as the respondent gave them (the stored rows hold only visible questions). */
export function answersOfRows(survey: Survey, rows: StoredRow[]): Answers {
  const answers: Answers = {};
  for (const [question, option, text] of rows) {
    if (option === "") answers[question] = text ?? "";
    else {
      const previous = answerOf(answers, question);
      answers[question] = Array.isArray(previous) ? [...previous, option] : [option];
    }
  }
  for (const q of listQuestions(survey)) {
    const value = answerOf(answers, q.code);
    if (q.kind === "single" && Array.isArray(value)) answers[q.code] = value[0] ?? "";
  }
  return answers;
}
