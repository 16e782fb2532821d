// A hand-built tabulation of the seed survey: 全体 + 3 category columns, two of them hidden.

import type { ExportInput } from "../../../server/export/export-input.ts";
import type {
  Cell,
  QuestionTable,
  Row,
  Tabulation,
  TextGroup,
} from "../../../server/tabulate/results-schemas.ts";
import { summarizeIndices } from "../../../server/tabulate/satisfaction-index.ts";
import { listQuestions } from "../../../surveys/format/answers.ts";
import type { Survey } from "../../../surveys/format/schema.ts";
import { loadSeedSurvey } from "../../support/survey-answers.ts";

export const HYPERLINK = '=HYPERLINK("http://evil.example","x")';
export const AT_FORMULA = "@SUM(1)";
/** Comma, quotes and a line break: every CSV escape at once. */
export const AWKWARD = '会议多, "文山会海",\n反复填表';
export const SCRIPT = "<script>alert(1)</script>";

/** Column order: 全体, 企业负责人 (shown), 一般干部 (small), 普通群众 (complementary). */
const HIDDEN = [null, null, "small", "complementary"] as const;
const BASES = [38, 23, null, null];

const suppressed: Cell = { count: null, percent: null, ci: null, validPercent: null };

function cellOf(count: number | null, base: number, validBase: number | null): Cell {
  if (count === null) return suppressed;
  const validPercent = validBase === null ? null : count / validBase;
  return { count, percent: count / base, ci: null, validPercent };
}

/** counts: [全体, 企业负责人]; the hidden columns carry no figures at all. */
function rowOf(
  key: string,
  label: string,
  counts: [number | null, number | null],
  options: { nonSubstantive?: boolean; other?: boolean; validBases?: [number, number] } = {},
): Row {
  const valid = options.nonSubstantive ? [null, null] : (options.validBases ?? [null, null]);
  return {
    key,
    label,
    kind: "option",
    nonSubstantive: options.nonSubstantive ?? false,
    other: options.other ?? false,
    hidden: null,
    cells: [
      cellOf(counts[0], 38, valid[0] ?? null),
      cellOf(counts[1], 23, valid[1] ?? null),
      suppressed,
      suppressed,
    ],
  };
}

function groupsOf(total: TextGroup["texts"], shown: TextGroup["texts"]): TextGroup[] {
  return [
    { column: "total", label: "全体", n: 38, texts: total, omitted: 0 },
    { column: "K", label: "企业负责人", n: 23, texts: shown, omitted: 0 },
    { column: "D", label: "一般干部", n: null, texts: null, omitted: 0 },
    { column: "J", label: "普通群众", n: null, texts: null, omitted: 0 },
  ];
}

function questionOf(survey: Survey, code: string): Omit<QuestionTable, "rows" | "kind"> {
  const section = survey.sections.find((s) => s.questions.some((q) => q.code === code));
  const question = section?.questions.find((q) => q.code === code);
  if (!section || !question) throw new Error(`seed survey lacks ${code}`);
  return {
    code,
    text: question.text,
    grid: null,
    section: section.code,
    bases: BASES,
    hidden: [...HIDDEN],
    validBases: null,
    note: null,
    chiSquare: null,
    texts: [],
    keywords: null,
  };
}

function evaluationQuestion(survey: Survey): QuestionTable {
  const valid: [number, number] = [34, 21];
  return {
    ...questionOf(survey, "Q2"),
    kind: "single",
    validBases: [34, 21, null, null],
    rows: [
      rowOf("A", "好", [16, 10], { validBases: valid }),
      rowOf("B", "较好", [12, 8], { validBases: valid }),
      rowOf("C", "一般", [6, 3], { validBases: valid }),
      rowOf("D", "不作评价", [4, 2], { nonSubstantive: true }),
    ],
    chiSquare: { statistic: 1.234, df: 3, p: 0.745, lowExpectedCells: 4, cells: 8 },
  };
}

function problemsQuestion(survey: Survey): QuestionTable {
  const base = questionOf(survey, "Q11");
  const labels = listQuestions(survey).find((q) => q.code === "Q11");
  if (labels?.kind !== "multiple") throw new Error("seed survey's Q11 is no longer multiple");
  const counts: [number, number | null][] = [
    [12, 6],
    [9, 5],
    [5, 4],
    [8, 5],
    [7, 3],
    [15, 9],
    [20, 12],
    [3, null],
  ];
  return {
    ...base,
    kind: "multiple",
    rows: labels.options.map((o, i) =>
      rowOf(o.code, o.label, counts[i] ?? [0, 0], { other: o.other ?? false }),
    ),
    note: "多选题：各选项占比以看到该题的人数为基数，合计可能超过 100%。",
    chiSquare: { skipped: "多选题不做卡方检验" },
    texts: groupsOf(
      [
        { text: HYPERLINK, count: 1 },
        { text: AT_FORMULA, count: 1 },
        { text: AWKWARD, count: 2 },
      ],
      [{ text: AT_FORMULA, count: 1 }],
    ),
  };
}

function textQuestion(survey: Survey): QuestionTable {
  return {
    ...questionOf(survey, "Q27"),
    kind: "shortText",
    rows: [],
    texts: groupsOf(
      [
        { text: SCRIPT, count: 1 },
        { text: "干部作风问题", count: 2 },
        { text: "形式主义, 层层加码", count: 1 },
      ],
      [{ text: "干部作风问题", count: 1 }],
    ),
    keywords: [
      { word: "作风", count: 3 },
      { word: "形式主义", count: 1 },
    ],
  };
}

export function buildTabulation(survey: Survey): Tabulation {
  const questions = [evaluationQuestion(survey), problemsQuestion(survey), textQuestion(survey)];
  return {
    survey: { id: survey.id, title: survey.title, version: 3, state: "closed" },
    minBase: 5,
    textMinGroup: 10,
    asOf: "2026-11-25",
    filters: { channels: ["纸质"], from: null, to: "2026-11-20" },
    banner: { question: "Q1", text: "您的身份是？" },
    respondents: 38,
    days: { first: "2026-11-02", last: "2026-11-20" },
    columns: [
      { key: "total", label: "全体", n: 38, hidden: null },
      { key: "K", label: "企业负责人", n: 23, hidden: null },
      { key: "D", label: "一般干部", n: null, hidden: "small" },
      { key: "J", label: "普通群众", n: null, hidden: "complementary" },
    ],
    questions,
    indices: summarizeIndices(survey, questions),
    notes: [
      "“一般干部”回答人数少于 5 人，该列不予显示。",
      "为避免通过相减推算出“一般干部”的结果，“普通群众”一列同时隐藏。",
    ],
  };
}

export const RAW_NOTE = "人数少于 5 人的类别（一般干部、普通群众）在原始数据中合并为“其他身份”。";
export const RAW_HEADER = ["序号", "身份", "Q2", "Q11", "Q11_其他", "Q27"];
export const RAW_ROWS: (string | number | null)[][] = [
  [1, "企业负责人", "A", "A;F;X", HYPERLINK, SCRIPT],
  [2, "其他身份", "B", "G", null, "形式主义, 层层加码"],
  [3, "其他身份", "D", "F;X", AT_FORMULA, "多行\n文字"],
];

export function buildExportInput(overrides: Partial<ExportInput> = {}): ExportInput {
  const survey = loadSeedSurvey();
  return {
    tabulation: buildTabulation(survey),
    survey,
    raw: { header: RAW_HEADER, rows: RAW_ROWS },
    rawNote: RAW_NOTE,
    generatedOn: "2026-11-26",
    ...overrides,
  };
}
