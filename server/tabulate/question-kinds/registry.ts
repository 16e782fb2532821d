// The question kinds the tabulation knows, by survey kind: adding a kind is one module and one line.
import { type AnswerValue, isText, listQuestions } from "../../../surveys/format/answers.ts";
import type { Question, Survey } from "../../../surveys/format/schema.ts";
import { matrixRow, matrixRows } from "./matrix-row.ts";
import { multipleChoice } from "./multiple-choice.ts";
import type { CountedQuestion, QuestionKind } from "./question-kind.ts";
import { singleChoice } from "./single-choice.ts";
import { textAnswer } from "./text-answer.ts";

const KINDS: Record<Question["kind"], QuestionKind> = {
  single: singleChoice,
  multiple: multipleChoice,
  shortText: textAnswer,
  longText: textAnswer,
  matrix: matrixRow,
};

/** A grid's row is shaped by the matrix module, though it is counted as a single choice. */
export const kindOf = (question: CountedQuestion): QuestionKind =>
  question.grid ? KINDS.matrix : KINDS[question.kind];

/** The table kind the results API reports: "matrix" for a grid's row. */
export const tableKindOf = (question: CountedQuestion) =>
  question.grid ? ("matrix" as const) : question.kind;

/** The long-table options an answer counts under: its option codes, or "" for a text. */
export function chosenOptions(question: CountedQuestion, value: AnswerValue): string[] {
  if (isText(question)) return [""];
  if (typeof value === "string") return [value];
  // A grid's object never reaches here: its rows are counted under their own keys.
  return Array.isArray(value) ? value : [];
}

// Surveys are immutable once loaded, so their counted list is computed once per survey.
const counted = new WeakMap<Survey, CountedQuestion[]>();

/** Every table in survey order: questions, with each grid replaced by its rows. */
export function countedQuestions(survey: Survey): CountedQuestion[] {
  let list = counted.get(survey);
  if (!list) {
    list = listQuestions(survey).flatMap((q) => (q.kind === "matrix" ? matrixRows(q) : [q]));
    counted.set(survey, list);
  }
  return list;
}
