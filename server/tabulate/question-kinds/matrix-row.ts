// Rating grids: each row is counted and shown as its own single-choice table (valid % without
// 不作评价, the chi-square test), so disclosure control and every output treat it like a question.
import { matrixRowKey } from "../../../surveys/format/matrix-answers.ts";
import type { MatrixQuestion } from "../../../surveys/format/schema.ts";
import type { CountedQuestion, QuestionKind } from "./question-kind.ts";
import { singleChoice } from "./single-choice.ts";

/** The grid's rows as single-choice questions; the grid's display logic applies to every row. */
export function matrixRows(q: MatrixQuestion): CountedQuestion[] {
  return q.rows.map((row) => ({
    kind: "single" as const,
    code: matrixRowKey(q.code, row.code),
    text: row.label,
    required: q.required || row.required === true,
    options: q.options,
    ...(q.showIf ? { showIf: q.showIf } : {}),
    grid: { code: q.code, text: q.text, row: row.code },
  }));
}

export const matrixRow: QuestionKind = {
  shape: (context) => singleChoice.shape(context),
};
