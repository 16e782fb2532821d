// The answer rules, shared by the phone page (inline messages) and the server (the final word).
// No zod here: this module ships to phones, where every kilobyte counts.
import { checkMatrixAnswer, isMatrixAnswer, isMatrixAnswered } from "./matrix-answers.ts";
import type { ChoiceQuestion, Question, Survey, TextQuestion } from "./schema.ts";

/** A grid's answer: row code → option code (an empty string is an unanswered row). */
export type MatrixAnswer = Record<string, string>;
/** A choice question's answer is option codes; a text question's is its text; a grid's, an object. */
export type AnswerValue = string | string[] | MatrixAnswer;
export type Answers = Record<string, AnswerValue>;
/** Free text of an “其他” option, keyed by question code. */
export type OtherTexts = Record<string, string>;

export type Rule =
  | "unknown"
  | "hidden"
  | "required"
  | "wrongType"
  | "notOffered"
  | "duplicate"
  | "tooFew"
  | "tooMany"
  | "tooLong"
  | "otherRequired"
  | "otherWithoutOption"
  | "unknownRow"
  | "tooManyRows";

export interface AnswerProblem {
  question: string;
  rule: Rule;
  limit?: number;
  /** A grid's row the problem is about (the field is then `answers.<question>.<row>`). */
  row?: string;
}

/** Context fixed by the link: a locked category hides the category question. */
export interface AnswerContext {
  lockedCategory?: string | null;
}

export const DEFAULT_OTHER_MAX_LENGTH = 200;

export function isChoice(q: Question): q is ChoiceQuestion {
  return q.kind === "single" || q.kind === "multiple";
}

export function isText(q: Question): q is TextQuestion {
  return q.kind === "shortText" || q.kind === "longText";
}

// Surveys are immutable once loaded, so their flat question list is computed once per survey.
const flatQuestions = new WeakMap<Survey, Question[]>();

export function listQuestions(survey: Survey): Question[] {
  let questions = flatQuestions.get(survey);
  if (!questions) {
    questions = survey.sections.flatMap((s) => s.questions);
    flatQuestions.set(survey, questions);
  }
  return questions;
}

export function findCategoryQuestion(survey: Survey): Question | undefined {
  return listQuestions(survey).find((q) => q.kind === "single" && q.category === true);
}

/** Empty strings, empty lists and grids without an answered row count as “not answered”. */
export function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value === "string") return value.trim() !== "";
  return isMatrixAnswer(value) ? isMatrixAnswered(value) : value.length > 0;
}

export function isVisible(
  question: Question,
  answers: Answers,
  context: AnswerContext = {},
): boolean {
  if (question.kind === "single" && question.category && context.lockedCategory) return false;
  const cond = question.showIf;
  if (!cond) return true;
  const value = answerOf(answers, cond.question);
  if (cond.equals !== undefined) return value === cond.equals;
  return Array.isArray(value) && cond.includes !== undefined && value.includes(cond.includes);
}

/**
 * Visibility in survey order: an answer to a question that is itself hidden does not count,
 * so chains of display logic behave the same on the phone and on the server.
 */
export function visibleAnswers(
  survey: Survey,
  answers: Answers,
  context: AnswerContext = {},
): Answers {
  const effective: Answers = {};
  for (const q of listQuestions(survey)) {
    const value = answerOf(answers, q.code);
    if (value !== undefined && isVisible(q, effective, context)) effective[q.code] = value;
  }
  return effective;
}

const length = (text: string) => [...text].length;

/** Own keys only: a question coded "constructor" must not read Object.prototype. */
export function answerOf<T>(record: Record<string, T>, code: string): T | undefined {
  return Object.hasOwn(record, code) ? record[code] : undefined;
}

/** Checks one visible question; returns the first rule it breaks, or null (a grid: its first row's). */
export function checkAnswer(
  q: Question,
  value: AnswerValue | undefined,
  other: string | undefined,
): AnswerProblem | null {
  const problem = (rule: Rule, limit?: number): AnswerProblem => ({
    question: q.code,
    rule,
    limit,
  });
  if (q.kind === "matrix") return checkMatrixAnswer(q, value, other)[0] ?? null;
  if (isMatrixAnswer(value)) return problem("wrongType");
  if (!isAnswered(value)) {
    if (other !== undefined && other !== "") return problem("otherWithoutOption");
    return q.required ? problem("required") : null;
  }
  if (isText(q)) {
    if (typeof value !== "string") return problem("wrongType");
    if (other !== undefined) return problem("otherWithoutOption");
    return length(value) > q.maxLength ? problem("tooLong", q.maxLength) : null;
  }
  const selected =
    q.kind === "single"
      ? typeof value === "string"
        ? [value]
        : null
      : Array.isArray(value)
        ? value
        : null;
  if (selected === null) return problem("wrongType");
  if (new Set(selected).size !== selected.length) return problem("duplicate");
  const options = selected.map((code) => q.options.find((o) => o.code === code));
  if (options.some((o) => o === undefined)) return problem("notOffered");
  if (q.kind === "multiple") {
    const min = Math.max(q.minSelections ?? 1, 1);
    if (selected.length < min) return problem("tooFew", min);
    const max = q.maxSelections ?? q.options.length;
    if (selected.length > max) return problem("tooMany", max);
  }
  const otherOption = options.find((o) => o?.other);
  if (!otherOption)
    return other !== undefined && other !== "" ? problem("otherWithoutOption") : null;
  if (other === undefined || other.trim() === "") return problem("otherRequired");
  const max = otherOption.otherMaxLength ?? DEFAULT_OTHER_MAX_LENGTH;
  return length(other) > max ? problem("tooLong", max) : null;
}

/** Every problem with a whole submission; an empty list means it may be stored. */
export function checkAnswers(
  survey: Survey,
  answers: Answers,
  others: OtherTexts,
  context: AnswerContext = {},
): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const questions = listQuestions(survey);
  const known = new Set(questions.map((q) => q.code));
  for (const code of new Set([...Object.keys(answers), ...Object.keys(others)])) {
    if (!known.has(code)) problems.push({ question: code, rule: "unknown" });
  }
  const effective: Answers = {};
  for (const q of questions) {
    const value = answerOf(answers, q.code);
    const other = answerOf(others, q.code);
    if (!isVisible(q, effective, context)) {
      if (isAnswered(value) || (other ?? "") !== "")
        problems.push({ question: q.code, rule: "hidden" });
      continue;
    }
    if (value !== undefined) effective[q.code] = value;
    // A grid reports every row at fault, so the respondent (and the 422) sees them all at once.
    if (q.kind === "matrix") {
      problems.push(...checkMatrixAnswer(q, value, other));
      continue;
    }
    const problem = checkAnswer(q, value, other);
    if (problem) problems.push(problem);
  }
  return problems;
}

/** The respondent's category: fixed by the link, or their answer to the category question. */
export function categoryOf(
  survey: Survey,
  answers: Answers,
  context: AnswerContext = {},
): string | undefined {
  if (context.lockedCategory) return context.lockedCategory;
  const question = findCategoryQuestion(survey);
  const value = question ? answerOf(answers, question.code) : undefined;
  return typeof value === "string" ? value : undefined;
}
