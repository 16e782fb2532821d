// Turns checked answers into long-table rows: one per (question, option or text), and one per
// answered grid row under its derived key "grid.row", so each row counts like a single choice.
import {
  type Answers,
  answerOf,
  isAnswered,
  isText,
  listQuestions,
  type OtherTexts,
  visibleAnswers,
} from "../../surveys/format/answers.ts";
import { matrixRowKey, matrixRowValue } from "../../surveys/format/matrix-answers.ts";
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
    if (isText(q)) {
      rows.push({ question: q.code, option: "", text: String(value) });
      continue;
    }
    if (q.kind === "matrix") {
      // Survey row order, like options: nothing of the client's key order is kept.
      for (const row of q.rows) {
        const option = matrixRowValue(value, row.code);
        if (option !== undefined)
          rows.push({ question: matrixRowKey(q.code, row.code), option, text: null });
      }
      continue;
    }
    // Survey option order, not the order the client sent: stored data carries no client fingerprint.
    const selected = new Set(Array.isArray(value) ? value : [value]);
    for (const option of q.options) {
      if (!selected.has(option.code)) continue;
      const text = option.other ? (answerOf(others, q.code) ?? null) : null;
      rows.push({ question: q.code, option: option.code, text });
    }
  }
  return rows;
}
