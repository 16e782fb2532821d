// What every question kind's module gets and gives: one small shaper per kind, behind a registry.
import type {
  ChoiceQuestion,
  MatrixQuestion,
  Option,
  Question,
  Survey,
} from "../../../surveys/format/schema.ts";
import type { Cell, HiddenReason, QuestionTable, Row, TextGroup } from "../results-schemas.ts";
import { wilsonInterval } from "../statistics.ts";
import type { Banner, ColumnSpec, QuestionTally } from "../tally.ts";

/** The grid a counted row belongs to (matrix-row.ts). */
export interface GridRef {
  code: string;
  text: string;
  row: string;
}

/**
 * What tabulation counts and shows as one table: a survey question, or one row of a rating grid
 * as a single-choice question under the key "grid.row", with `grid` naming where it came from.
 */
export type CountedQuestion = Exclude<Question, MatrixQuestion> & { grid?: GridRef };

export interface ShapeContext {
  survey: Survey;
  question: CountedQuestion;
  tally: QuestionTally;
  columns: ColumnSpec[];
  /** Respondents per column (the 未显示 base). */
  n: number[];
  /** Per column, final for this question: hidden columns publish nothing. */
  hidden: (HiddenReason | null)[];
  /** Hidden option rows by option code (the category question's small categories): all null. */
  hiddenRows: ReadonlyMap<string, HiddenReason>;
  banner: Banner;
  /**
   * Per column: may its texts be listed? Only shown groups of at least 10 shown the question, and
   * none that the ledger finds would differ from earlier lists by fewer (disclosure/text-release.ts).
   */
  textsListed: readonly boolean[];
}

export type ShapedTable = Pick<
  QuestionTable,
  "rows" | "validBases" | "note" | "chiSquare" | "texts" | "keywords"
>;

export interface QuestionKind {
  shape(context: ShapeContext): ShapedTable;
}

/** The context's question as a choice question (the choice kinds' shapers call this first). */
export function choiceOf(context: ShapeContext): ChoiceQuestion {
  const q = context.question;
  if (q.kind !== "single" && q.kind !== "multiple") throw new Error(`${q.code} is not a choice`);
  return q;
}

const HIDDEN_CELL: Cell = { count: null, percent: null, ci: null, validPercent: null };

/** One cell: its count and share of `base`, or nothing at all when its column or row is hidden. */
export function cellOf(
  count: number,
  base: number,
  hidden: HiddenReason | null,
  valid?: { count: number; base: number },
): Cell {
  if (hidden) return HIDDEN_CELL;
  const validPercent = valid && valid.base > 0 ? valid.count / valid.base : null;
  return {
    count,
    percent: base > 0 ? count / base : null,
    ci: wilsonInterval(count, base),
    validPercent,
  };
}

/**
 * An option's row: hidden as a whole when the plan hides it (a small category in the category
 * question's table), else cell by cell as its columns are. `cell` gets the count, the column and
 * the reason that column is hidden in this row.
 */
export function optionRow(
  context: ShapeContext,
  option: Option,
  cell: (count: number, column: number, hidden: HiddenReason | null) => Cell,
): Row {
  const row = context.hiddenRows.get(option.code) ?? null;
  return {
    key: option.code,
    label: option.label,
    kind: "option",
    nonSubstantive: option.nonSubstantive === true,
    other: option.other === true,
    hidden: row,
    cells: context.columns.map((_, c) =>
      cell(context.tally.options.get(option.code)?.[c] ?? 0, c, row ?? context.hidden[c] ?? null),
    ),
  };
}

/** Texts per column whose texts may be listed (`textsListed`), sorted by text, never by arrival. */
export function textGroups(context: ShapeContext, option: string): TextGroup[] {
  const perColumn = context.tally.texts.get(option);
  return context.columns.map((column, c) => {
    const n = context.hidden[c] ? null : (context.n[c] ?? 0);
    const texts = perColumn?.[c];
    if (n === null || !context.textsListed[c] || !texts)
      return { column: column.key, label: column.label, n, texts: n === 0 ? [] : null, omitted: 0 };
    const sorted = [...texts]
      .map(([text, count]) => ({ text, count }))
      .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    return { column: column.key, label: column.label, n, texts: sorted, omitted: 0 };
  });
}

/** The 未作答 and 未显示 rows, when the question could be skipped or hidden. */
export function missingRows(context: ShapeContext) {
  const { tally, hidden, n, question } = context;
  const rows = [];
  const unanswered = tally.seen.map((seen, c) => seen - (tally.answered[c] ?? 0));
  if (!question.required || unanswered.some((x) => x > 0))
    rows.push({
      key: "_unanswered",
      label: "未作答",
      kind: "unanswered" as const,
      nonSubstantive: false,
      other: false,
      hidden: null,
      cells: unanswered.map((count, c) => cellOf(count, tally.seen[c] ?? 0, hidden[c] ?? null)),
    });
  if (question.showIf)
    rows.push({
      key: "_notShown",
      label: "未显示",
      kind: "notShown" as const,
      nonSubstantive: false,
      other: false,
      hidden: null,
      cells: n.map((total, c) => cellOf(total - (tally.seen[c] ?? 0), total, hidden[c] ?? null)),
    });
  return rows;
}
