// A stored response's rows (server/storage/stored-rows.ts) read back as the respondent's answers.
import { type Answers, answerOf } from "../../surveys/format/answers.ts";
import { isMatrixAnswer } from "../../surveys/format/matrix-answers.ts";
import type { Survey } from "../../surveys/format/schema.ts";
import type { StoredRow } from "../storage/stored-rows.ts";
import { countedQuestions } from "./question-kinds/registry.ts";

/**
 * Answers as the respondent gave them (the stored rows hold only visible questions). A grid's
 * answered rows appear twice: in the grid's object, and as a single choice under their row key
 * ("Q20.r3"), which is what tabulation counts; no question code can equal a row key.
 */
export function answersOfRows(survey: Survey, rows: StoredRow[]): Answers {
  const answers: Answers = {};
  for (const [question, option, text] of rows) {
    if (option === "") answers[question] = text ?? "";
    else {
      const previous = answerOf(answers, question);
      answers[question] = Array.isArray(previous) ? [...previous, option] : [option];
    }
  }
  for (const q of countedQuestions(survey)) {
    const value = answerOf(answers, q.code);
    if (q.kind === "single" && Array.isArray(value)) answers[q.code] = value[0] ?? "";
    const chosen = answerOf(answers, q.code);
    if (!q.grid || typeof chosen !== "string") continue;
    const grid = answerOf(answers, q.grid.code);
    const rows = isMatrixAnswer(grid) ? grid : {};
    rows[q.grid.row] = chosen;
    answers[q.grid.code] = rows;
  }
  return answers;
}
