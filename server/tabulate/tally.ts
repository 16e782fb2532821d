// The counts a tabulation is shaped from, per banner column: filled by one of two readers
// (tally-responses.ts for any selection, tally-by-category.ts for the unfiltered category banner).
import { findCategoryQuestion } from "../../surveys/format/answers.ts";
import type { SingleQuestion, Survey } from "../../surveys/format/schema.ts";
import { countedQuestions } from "./question-kinds/registry.ts";

export const TOTAL = "_total";
/** The banner column of respondents who did not answer (or were not shown) the banner question. */
export const NO_BANNER_ANSWER = "_none";

export interface ColumnSpec {
  key: string;
  label: string;
}

export interface QuestionTally {
  /** Per column: respondents shown the question. */
  seen: number[];
  /** Per column: respondents who answered it. */
  answered: number[];
  /** Option code ("" for a text answer) → count per column. */
  options: Map<string, number[]>;
  /** Option code ("" for a text answer) → per column, text → count. */
  texts: Map<string, Map<string, number>[]>;
}

export interface Tally {
  /** Index 0 is 全体; the others are the banner's columns in survey order. */
  columns: ColumnSpec[];
  n: number[];
  /** Respondent ordinals per column (see publication-ledger.ts); they never leave the server. */
  members: number[][];
  /** Respondent ordinals per stored category: the rows of the category question's table. */
  categories: Map<string, number[]>;
  /** For questions with display logic: per column, the ordinals of respondents shown it. */
  seenMembers: Map<string, number[][]>;
  questions: Map<string, QuestionTally>;
  days: { first: string; last: string } | null;
}

export interface Banner {
  question: SingleQuestion;
  /** The category question: columns come from each response's stored category. */
  isCategory: boolean;
}

/** The banner's columns: 全体, its options, then 未作答 unless every response has a category. */
export function bannerColumns(banner: Banner): ColumnSpec[] {
  const columns = [
    { key: TOTAL, label: "全体" },
    ...banner.question.options.map((o) => ({ key: o.code, label: o.label })),
  ];
  if (!banner.isCategory) columns.push({ key: NO_BANNER_ANSWER, label: "未作答" });
  return columns;
}

export function emptyTally(survey: Survey, columns: ColumnSpec[]): Tally {
  const zeros = () => columns.map(() => 0);
  const questions = new Map<string, QuestionTally>();
  const seenMembers = new Map<string, number[][]>();
  for (const q of countedQuestions(survey)) {
    questions.set(q.code, {
      seen: zeros(),
      answered: zeros(),
      options: new Map(),
      texts: new Map(),
    });
    if (q.showIf)
      seenMembers.set(
        q.code,
        columns.map(() => []),
      );
  }
  return {
    columns,
    n: zeros(),
    members: columns.map(() => []),
    categories: new Map(),
    seenMembers,
    questions,
    days: null,
  };
}

/** The per-column counter of one option, created on first use. */
export function optionCounts(tally: QuestionTally, option: string, width: number): number[] {
  let counts = tally.options.get(option);
  if (!counts) {
    counts = new Array<number>(width).fill(0);
    tally.options.set(option, counts);
  }
  return counts;
}

/** Files a respondent under their stored category. */
export function addToCategory(tally: Tally, category: string, ordinal: number): void {
  const members = tally.categories.get(category);
  if (members) members.push(ordinal);
  else tally.categories.set(category, [ordinal]);
}

/** The per-column text counters of one option, created on first use. */
export function textCounts(tally: QuestionTally, option: string, width: number) {
  let texts = tally.texts.get(option);
  if (!texts) {
    texts = Array.from({ length: width }, () => new Map<string, number>());
    tally.texts.set(option, texts);
  }
  return texts;
}

export function isCategoryBanner(survey: Survey, code: string): boolean {
  return findCategoryQuestion(survey)?.code === code;
}
