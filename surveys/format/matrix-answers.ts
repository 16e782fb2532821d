// A rating grid's answer ({ rowCode: optionCode }) checked row by row, so every problem names its row.
// No zod here either: it ships to phones with answers.ts.
import type { AnswerProblem, AnswerValue, MatrixAnswer, Rule } from "./answers.ts";
import type { MatrixQuestion } from "./schema.ts";

/**
 * The key a grid row is stored, counted and exported under: "Q20.r3". Survey codes cannot hold
 * a dot, so no derived key can ever equal a question code, and the error field
 * `answers.Q20.r3` reads the same.
 */
export function matrixRowKey(grid: string, row: string): string {
  return `${grid}.${row}`;
}

/** An object that is not an array: the only shape a grid's answer may have. */
export function isMatrixAnswer(value: AnswerValue | undefined): value is MatrixAnswer {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A row's chosen option, own keys only (a row coded "constructor" must not read the prototype). */
export function matrixRowValue(value: AnswerValue | undefined, row: string): string | undefined {
  if (!isMatrixAnswer(value) || !Object.hasOwn(value, row)) return undefined;
  const chosen: unknown = value[row];
  return typeof chosen === "string" && chosen !== "" ? chosen : undefined;
}

/** A grid counts as answered once any row is. */
export function isMatrixAnswered(value: MatrixAnswer): boolean {
  return Object.keys(value).some((row) => matrixRowValue(value, row) !== undefined);
}

/**
 * Every problem of one visible grid, in row order: rows the grid lacks, values that are not one
 * of its options, and required rows left empty. The phone shows them per row; the server refuses.
 */
export function checkMatrixAnswer(
  q: MatrixQuestion,
  value: AnswerValue | undefined,
  other: string | undefined,
): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const at = (rule: Rule, row?: string): AnswerProblem =>
    row === undefined ? { question: q.code, rule } : { question: q.code, rule, row };
  // A grid has no “其他” option, so any note for it is out of place.
  if (other !== undefined && other !== "") problems.push(at("otherWithoutOption"));
  if (value !== undefined && !isMatrixAnswer(value)) return [...problems, at("wrongType")];
  const given = value ?? {};
  const keys = Object.keys(given);
  // More keys than rows cannot all be rows: one problem, not one per key of a hostile body.
  if (keys.length > q.rows.length) return [...problems, at("tooManyRows")];
  for (const key of keys) {
    if (!q.rows.some((r) => r.code === key)) {
      problems.push(at("unknownRow", key));
      continue;
    }
    const chosen: unknown = given[key];
    if (typeof chosen !== "string") problems.push(at("wrongType", key));
    else if (chosen !== "" && !q.options.some((o) => o.code === chosen))
      problems.push(at("notOffered", key));
  }
  for (const row of q.rows) {
    if (!(q.required || row.required === true)) continue;
    if (!Object.hasOwn(given, row.code) || given[row.code] === "")
      problems.push(at("required", row.code));
  }
  return problems;
}
