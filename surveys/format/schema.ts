// The survey file format, defined once: server, client (types only) and CLI import it from here.
import { z } from "zod";

/** Codes are stored with every answer and used in exports, so they must stay short and safe. */
const Code = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_-]{0,31}$/,
    "must be 1-32 letters, digits, _ or -, starting with a letter",
  )
  .describe("Stable code used in storage and exports; labels may be reworded, codes may not.");

/** The smallest group any output may show; a survey may raise it (minBase), never lower it. */
export const DEFAULT_MIN_BASE = 5;
export const MIN_BASE_FLOOR = 3;

const Text = z.string().trim().min(1, "must not be empty").max(2000);

export const OptionSchema = z
  .object({
    code: Code,
    label: Text,
    other: z
      .boolean()
      .optional()
      .describe("An “其他（请注明）” option: choosing it asks the respondent for free text."),
    otherMaxLength: z.number().int().min(1).max(2000).optional(),
    nonSubstantive: z
      .boolean()
      .optional()
      .describe("A non-answer such as 不作评价: tabulation also gives shares without it."),
  })
  .strict();

/** Show a question only when an earlier answer equals (single) or includes (multiple) a value. */
export const ShowIfSchema = z
  .object({
    question: Code,
    equals: Code.optional(),
    includes: Code.optional(),
  })
  .strict()
  .refine((c) => (c.equals === undefined) !== (c.includes === undefined), {
    message: "give exactly one of equals or includes",
  });

/**
 * A headline figure over a scale, e.g. 满意率 = (好+较好) / 有效回答: per question (or per grid
 * row) and per category, ranked across the questions that declare the same name.
 */
export const IndexSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(20)
      .describe(
        "What the report calls it, e.g. 满意率 or 认可率; questions sharing a name are ranked together.",
      ),
    positive: z
      .array(Code)
      .min(1)
      .describe('The options counted in the numerator, e.g. ["A", "B"] for 好 and 较好.'),
    aspect: z
      .string()
      .trim()
      .min(1, "must not be empty")
      .max(40)
      .optional()
      .describe(
        "A short name for the ranked table, e.g. 选人用人风气; default the question's text. A grid's rows are named by their labels.",
      ),
    base: z
      .enum(["valid", "shown"])
      .default("valid")
      .describe(
        "valid (default): respondents who gave a substantive answer (不作评价 and blanks left out); shown: everyone shown the question.",
      ),
  })
  .strict();

const questionBase = {
  code: Code,
  text: Text,
  help: z.string().max(1000).optional(),
  required: z.boolean().default(false),
  showIf: ShowIfSchema.optional(),
};

export const SingleQuestionSchema = z
  .object({
    ...questionBase,
    kind: z.literal("single"),
    options: z.array(OptionSchema).min(2).max(50),
    category: z
      .boolean()
      .optional()
      .describe("Marks the respondent-category question; exactly one per survey."),
    index: IndexSchema.optional(),
  })
  .strict();

export const MultipleQuestionSchema = z
  .object({
    ...questionBase,
    kind: z.literal("multiple"),
    options: z.array(OptionSchema).min(2).max(50),
    minSelections: z.number().int().min(1).optional(),
    maxSelections: z.number().int().min(1).optional(),
    reportPhrase: Text.optional().describe(
      "How the report finishes “X% 的被调查者认为‘选项’…” for this question, e.g. 是当前{{county}}政治生态建设存在的主要问题.",
    ),
  })
  .strict();

export const TextQuestionSchema = z
  .object({
    ...questionBase,
    kind: z.enum(["shortText", "longText"]),
    maxLength: z.number().int().min(1).max(5000),
  })
  .strict();

export const MatrixRowSchema = z
  .object({
    code: Code,
    label: Text,
    required: z
      .boolean()
      .optional()
      .describe("This row must be answered (a required grid requires every row)."),
  })
  .strict();

/**
 * A rating grid (矩阵量表): the same scale asked about several items, e.g. 好/较好/一般/不作评价
 * for seven aspects. One answer per row; each row is tabulated as its own single-choice table.
 * The answer is an object: row code → option code.
 */
export const MatrixQuestionSchema = z
  .object({
    ...questionBase,
    kind: z.literal("matrix"),
    rows: z.array(MatrixRowSchema).min(2).max(30),
    options: z
      .array(OptionSchema)
      .min(2)
      .max(10)
      .describe("The shared scale, left to right; a nonSubstantive option (不作评价) may end it."),
    index: IndexSchema.optional().describe("Computed for every row of the grid."),
  })
  .strict();

export const QuestionSchema = z.discriminatedUnion("kind", [
  SingleQuestionSchema,
  MultipleQuestionSchema,
  TextQuestionSchema,
  MatrixQuestionSchema,
]);

export const SectionSchema = z
  .object({
    code: Code,
    title: Text,
    description: z.string().max(2000).optional(),
    questions: z.array(QuestionSchema).min(1),
  })
  .strict();

export const SurveySchema = z
  .object({
    $schema: z.string().optional(),
    id: Code.describe("The survey's stable id; a changed file under the same id is a new version."),
    title: Text,
    intro: z.string().max(4000).optional(),
    variables: z
      .record(z.string().regex(/^[a-z][a-zA-Z0-9]*$/), z.string().max(200))
      .default({})
      .describe("Substituted into every text as {{name}}, e.g. county → xx县."),
    minBase: z
      .number()
      .int()
      .min(MIN_BASE_FLOOR, `must be at least ${MIN_BASE_FLOOR}`)
      .max(1000)
      .optional()
      .describe(
        "Disclosure control: no table column, download or report shows a group of fewer respondents (default 5).",
      ),
    sections: z.array(SectionSchema).min(1),
  })
  .strict();

export type Option = z.infer<typeof OptionSchema>;
export type Index = z.infer<typeof IndexSchema>;
export type ShowIf = z.infer<typeof ShowIfSchema>;
export type SingleQuestion = z.infer<typeof SingleQuestionSchema>;
export type MultipleQuestion = z.infer<typeof MultipleQuestionSchema>;
export type TextQuestion = z.infer<typeof TextQuestionSchema>;
export type MatrixRow = z.infer<typeof MatrixRowSchema>;
export type MatrixQuestion = z.infer<typeof MatrixQuestionSchema>;
export type Question = z.infer<typeof QuestionSchema>;
export type ChoiceQuestion = SingleQuestion | MultipleQuestion;
export type Section = z.infer<typeof SectionSchema>;
export type Survey = z.infer<typeof SurveySchema>;
/** What the JSON file may omit (defaults filled by parsing). */
export type SurveyInput = z.input<typeof SurveySchema>;
