// A stored response's rows (server/storage/stored-rows.ts) read back as the respondent's answers.
import { type Answers, answerOf, listQuestions } from "../../surveys/format/answers.ts";
import type { Survey } from "../../surveys/format/schema.ts";
import type { StoredRow } from "../storage/stored-rows.ts";

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
