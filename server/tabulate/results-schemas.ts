// The results API's shapes, defined once: the engine builds them, routes publish them, the
// downloads and the console read them. A suppressed figure is null, never an estimate.
import { z } from "@hono/zod-openapi";
import { HIDDEN_REASONS, INDEX_BASES, ROW_KINDS, TABLE_KINDS } from "../domain/results-terms.ts";
import { SURVEY_STATES } from "../domain/survey-states.ts";

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a day, YYYY-MM-DD")
  .openapi({ example: "2026-11-25" });

/** A repeated query parameter arrives as a string when given once. */
const StringList = z.preprocess(
  (v) => (typeof v === "string" ? [v] : v),
  z.array(z.string().min(1).max(200)).max(50),
);

export const ResultsQuerySchema = z.object({
  survey: z.string().min(1).max(64).openapi({ description: "Survey id." }),
  version: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .openapi({ description: "Survey version number; default: the current version." }),
  banner: z.string().max(32).optional().openapi({
    description: "Columns: a single-choice question; default: the category question.",
  }),
  channel: StringList.optional().openapi({
    description:
      "Only responses from these channels: ids from /admin/results/options; repeat the parameter.",
  }),
  from: Day.optional().openapi({ description: "First release day included." }),
  to: Day.optional().openapi({ description: "Last release day included." }),
});
export type ResultsQuery = z.infer<typeof ResultsQuerySchema>;

/** Why a column, a row or a cell is not shown. */
export const HiddenReasonSchema = z.enum(HIDDEN_REASONS).openapi({
  description:
    "small: base under k; complementary: hidden so a small one cannot be derived by subtraction; differencing: together with results published earlier it would isolate fewer than k respondents.",
});
export type HiddenReason = z.infer<typeof HiddenReasonSchema>;

export const ColumnSchema = z.object({
  key: z.string().openapi({ description: '"_total" (全体), an option code, or "_none" (未作答).' }),
  label: z.string(),
  /** Respondents in the column; null when hidden. */
  n: z.number().int().nullable(),
  hidden: HiddenReasonSchema.nullable(),
});
export type Column = z.infer<typeof ColumnSchema>;

export const CellSchema = z.object({
  count: z.number().int().nullable(),
  /** A fraction of the column's base (0.42 = 42%). */
  percent: z.number().nullable(),
  /** 95% Wilson interval of `percent`. */
  ci: z.tuple([z.number(), z.number()]).nullable(),
  /** Share without non-substantive answers (不作评价) and non-answers; single choice only. */
  validPercent: z.number().nullable(),
});
export type Cell = z.infer<typeof CellSchema>;

export const RowKindSchema = z.enum(ROW_KINDS);
export const RowSchema = z.object({
  key: z.string().openapi({ description: 'An option code, "_unanswered" or "_notShown".' }),
  label: z.string(),
  kind: RowKindSchema,
  nonSubstantive: z.boolean(),
  other: z.boolean(),
  /**
   * Why the row shows nothing (every cell null); null for an ordinary row. Only the category
   * question's rows are hidden: a category under k is a handful of known people, whatever the banner.
   */
  hidden: HiddenReasonSchema.nullable(),
  /** Aligned with the tabulation's columns. */
  cells: z.array(CellSchema),
});
export type Row = z.infer<typeof RowSchema>;

export const TextCountSchema = z.object({ text: z.string(), count: z.number().int() });
export const TextGroupSchema = z.object({
  column: z.string(),
  label: z.string(),
  /** Respondents in the group; texts are listed only for groups of at least 10. */
  n: z.number().int().nullable(),
  /** null: withheld (group under 10, or hidden). Sorted by text, never by arrival. */
  texts: z.array(TextCountSchema).nullable(),
  /** Distinct texts left out of this list (the console lists the most frequent; downloads all). */
  omitted: z.number().int(),
});
export type TextGroup = z.infer<typeof TextGroupSchema>;

export const ChiSquareSchema = z.union([
  z.object({
    statistic: z.number(),
    df: z.number().int(),
    p: z.number(),
    /** Cells whose expected count is under 5: the approximation is then doubtful. */
    lowExpectedCells: z.number().int(),
    cells: z.number().int(),
  }),
  z.object({ skipped: z.string() }),
]);
export type ChiSquare = z.infer<typeof ChiSquareSchema>;

export const QuestionTableSchema = z.object({
  code: z.string(),
  text: z.string(),
  kind: z.enum(TABLE_KINDS).openapi({
    description:
      'The question kind; "matrix" is one row of a rating grid, shaped like a single choice.',
  }),
  /** A grid row's table: the grid and the row it comes from; null for any other question. */
  grid: z.object({ code: z.string(), text: z.string(), row: z.string() }).nullable().openapi({
    description: "A rating grid's row: the table's code is \"grid.row\", its text the row's label.",
  }),
  section: z.string(),
  /** Per column: respondents who saw the question (the % base); null when hidden. */
  bases: z.array(z.number().int().nullable()),
  /** Per column: why this table hides it (the column's own reason, or this question's). */
  hidden: z.array(HiddenReasonSchema.nullable()),
  /** Per column, single choice with a non-substantive option: the base of validPercent. */
  validBases: z.array(z.number().int().nullable()).nullable(),
  rows: z.array(RowSchema),
  /** Multiple choice: shares are of respondents who saw it and may sum past 100%. */
  note: z.string().nullable(),
  chiSquare: ChiSquareSchema.nullable(),
  /** “其他” free texts (choice) or the answers (text questions), per column. */
  texts: z.array(TextGroupSchema),
  /** Text questions: the most frequent words over all shown answers. */
  keywords: z.array(z.object({ word: z.string(), count: z.number().int() })).nullable(),
});
export type QuestionTable = z.infer<typeof QuestionTableSchema>;

export const IndexCellSchema = z.object({
  /** Respondents who chose a positive option; null when the column is hidden. */
  count: z.number().int().nullable(),
  /** The index's base: valid answers (default) or everyone shown the question. */
  base: z.number().int().nullable(),
  /** count / base (0.81 = 81%); null when hidden or the base is 0. */
  value: z.number().nullable(),
  /** 95% Wilson interval of `value`. */
  ci: z.tuple([z.number(), z.number()]).nullable(),
  hidden: HiddenReasonSchema.nullable(),
});
export type IndexCell = z.infer<typeof IndexCellSchema>;

export const IndexItemSchema = z.object({
  /** The question's table code ("Q2", or "E1.Q2" for a grid row). */
  code: z.string(),
  /** The aspect's short name (the index's aspect, a grid row's label, else the question's text). */
  text: z.string(),
  grid: z.object({ code: z.string(), text: z.string(), row: z.string() }).nullable(),
  /** Labels of the options counted as positive, e.g. ["好", "较好"]. */
  positive: z.array(z.string()),
  /** Aligned with the tabulation's columns. */
  cells: z.array(IndexCellSchema),
  /** 1 for the highest 全体 value; equal values share a rank; null when the 全体 value is hidden. */
  rank: z.number().int().nullable(),
});
export type IndexItem = z.infer<typeof IndexItemSchema>;

export const IndexSummarySchema = z
  .object({
    name: z.string().openapi({ example: "满意率" }),
    base: z.enum(INDEX_BASES),
    /** Ranked by the 全体 value, highest first; hidden ones last, in survey order. */
    items: z.array(IndexItemSchema),
  })
  .openapi({
    description:
      "A declared index (e.g. 满意率 = (好+较好)/有效回答) per question and column, computed only from the table's shown counts, so it discloses nothing the table does not.",
  });
export type IndexSummary = z.infer<typeof IndexSummarySchema>;

export const TabulationSchema = z.object({
  survey: z.object({
    id: z.string(),
    title: z.string(),
    version: z.number().int(),
    state: z.enum(SURVEY_STATES),
  }),
  /** The minimum base k: no column or table under it is shown. */
  minBase: z.number().int(),
  /** Open texts are listed only for groups at least this large. */
  textMinGroup: z.number().int(),
  asOf: Day,
  filters: z.object({
    channels: z.array(z.string()),
    from: Day.nullable(),
    to: Day.nullable(),
  }),
  banner: z.object({ question: z.string(), text: z.string() }),
  /** Responses matching the filters (the 全体 column's n). */
  respondents: z.number().int(),
  /** First and last response day in the selection; null when there is none. */
  days: z.object({ first: Day, last: Day }).nullable(),
  columns: z.array(ColumnSchema),
  questions: z.array(QuestionTableSchema),
  /** The survey's declared indices (满意率 …), one summary per name, in first-declared order. */
  indices: z.array(IndexSummarySchema),
  /** Plain-Chinese notes on what is hidden and why, printed with every output. */
  notes: z.array(z.string()),
});
export type Tabulation = z.infer<typeof TabulationSchema>;

/** What the filter pickers offer: channels and days present in the version's responses. */
export const ResultsOptionsSchema = z.object({
  survey: z.string(),
  versions: z.array(z.object({ version: z.number().int(), responses: z.number().int() })),
  current: z.number().int(),
  banners: z.array(z.object({ question: z.string(), text: z.string() })),
  /** Channels with released responses: the id to filter by, and the current label to show. */
  channels: z.array(z.object({ id: z.string(), label: z.string() })),
  days: z.object({ first: Day, last: Day }).nullable(),
  minBase: z.number().int(),
});
export type ResultsOptions = z.infer<typeof ResultsOptionsSchema>;
