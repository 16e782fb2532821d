// The submitted answers as the format's Answers: a grid row whose value is not a string is refused
// here, naming the row, so the survey's rules (checkAnswers) only ever see well-typed answers.

import type { Answers } from "../../surveys/format/answers.ts";
import { describeProblem } from "../../surveys/format/messages.ts";
import type { FieldError } from "../domain/error-codes.ts";
import type { SubmissionBody } from "./submission-schema.ts";

/** The schema's most rows per grid: a longer object is refused whole, not key by key. */
const MAX_GRID_ROWS = 30;

export type ReceivedAnswers = { ok: true; answers: Answers } | { ok: false; fields: FieldError[] };

export function receiveAnswers(raw: SubmissionBody["answers"]): ReceivedAnswers {
  const answers: Answers = {};
  const fields: FieldError[] = [];
  for (const [question, value] of Object.entries(raw)) {
    if (typeof value === "string" || Array.isArray(value)) {
      answers[question] = value;
      continue;
    }
    const grid: Record<string, string> = {};
    if (Object.keys(value).length > MAX_GRID_ROWS) {
      const problem = { question, rule: "tooManyRows" as const };
      fields.push({ field: `answers.${question}`, question, message: describeProblem(problem) });
      continue;
    }
    for (const [row, chosen] of Object.entries(value)) {
      if (typeof chosen === "string") grid[row] = chosen;
      else
        fields.push({
          field: `answers.${question}.${row}`,
          question,
          message: describeProblem({ question, rule: "wrongType", row }),
        });
    }
    answers[question] = grid;
  }
  return fields.length > 0 ? { ok: false, fields } : { ok: true, answers };
}
