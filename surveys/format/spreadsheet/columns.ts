// The spreadsheet layout of a survey: sheets and columns, each with an English key and a Chinese
// label, so the header reads "题型 type" and either half alone is recognised when read back.

export type CellValue = string | number | boolean | null;

/** One sheet as rows of cells from column A; the pure side of XLSX I/O. */
export interface Grid {
  name: string;
  rows: CellValue[][];
}

export interface Column {
  key: string;
  label: string;
  width: number;
  /** For the 说明 sheet: what goes in the column. */
  note: string;
}

const col = (key: string, label: string, width: number, note: string): Column => ({
  key,
  label,
  width,
  note,
});

export const SURVEY_COLUMNS: Column[] = [
  col(
    "type",
    "题型",
    11,
    "section（部分）、single（单选）、multiple（多选）、shortText（填空）、longText（简答）、matrix（矩阵量表）、matrixRow（矩阵的一行，紧跟在矩阵题之后）",
  ),
  col("code", "题号", 10, "字母开头，1–32 个字母、数字、_ 或 -；发布后不要再改"),
  col("text", "题目", 48, "题目文字；部分行填部分标题；矩阵行填该行的项目"),
  col("help", "说明", 24, "题目下方的提示；部分行填部分说明"),
  col("required", "必答", 7, "是 / 否（空白即否）；矩阵行填“是”表示该行必答"),
  col("list", "选项表", 10, "choices 表中的选项表名（单选、多选、矩阵）"),
  col("min", "最少选", 8, "多选题最少选几项（整数）"),
  col("max", "最多选", 8, "多选题最多选几项（整数）"),
  col("maxLength", "字数上限", 9, "填空、简答题的字数上限（整数）"),
  col(
    "showIf",
    "显示条件",
    16,
    "如 Q3 = B（单选题选了 B 才显示）或 Q5 includes C（多选题选了 C 才显示）",
  ),
  col("category", "类别题", 7, "是：这道单选题是被调查者类别（全卷恰好一道）"),
  col("reportPhrase", "报告用语", 30, "多选题在报告中的说法，如 是当前{{county}}…的主要问题"),
  col(
    "indexName",
    "指标名称",
    10,
    "单选题或矩阵题要计算的指标，如 满意率（20 字以内）；同名的指标在报告中排名比较；空白即不计算",
  ),
  col(
    "indexAspect",
    "指标方面",
    18,
    "单选题在排名表中的简称，如 选人用人风气（40 字以内；空白用题目文字）；矩阵题不填，各行以行文字命名",
  ),
  col(
    "indexPositive",
    "计为正面的选项",
    10,
    "计入指标的选项编码，用逗号分开，如 A,B（好、较好）；不能是“不作评价”类选项，也不能是全部选项",
  ),
  col(
    "indexBase",
    "指标基数",
    9,
    "valid（有效回答，默认：不含不作评价和未答）或 shown（全部：看到这道题的所有人）",
  ),
];

export const CHOICE_COLUMNS: Column[] = [
  col("list", "选项表", 10, "选项表名；同名的行组成一张表，多道题可共用"),
  col("code", "编码", 8, "选项编码，字母开头；发布后不要再改"),
  col("label", "选项", 30, "选项文字"),
  col("other", "其他", 7, "是：选了要注明（如“其他（请注明）”）"),
  col("otherMaxLength", "注明字数", 9, "“其他”注明的字数上限（整数）"),
  col("nonSubstantive", "不作评价", 9, "是：如“不作评价”“说不清”，统计时另给不含它的占比"),
];

export const SETTINGS_COLUMNS: Column[] = [
  col(
    "key",
    "设置",
    16,
    "id（问卷编号）、title（标题）、intro（开头语）、minBase（最小发布基数）、var.名称（变量）",
  ),
  col("value", "值", 60, "设置的值；变量在文字中写作 {{名称}}"),
];

export const SHEETS = {
  survey: { name: "survey", aliases: ["survey", "问卷", "题目"], columns: SURVEY_COLUMNS },
  choices: { name: "choices", aliases: ["choices", "选项"], columns: CHOICE_COLUMNS },
  settings: { name: "settings", aliases: ["settings", "设置"], columns: SETTINGS_COLUMNS },
} as const;

export const README_SHEET = "说明";

export const headerText = (column: Column) => `${column.label} ${column.key}`;

/** Headers of columns the office keeps for itself: read past, never an error. */
const NOTE_HEADER = /^(#|备注|注释|note|notes|comment)/i;

/** The column key a header names, "ignore" for a notes column, undefined when unknown. */
export function matchHeader(text: string, columns: Column[]): string | undefined {
  const trimmed = text.trim();
  if (trimmed === "" || NOTE_HEADER.test(trimmed)) return "ignore";
  const latin = trimmed
    .match(/[A-Za-z][A-Za-z_]*/)?.[0]
    ?.toLowerCase()
    .replace(/_/g, "");
  const chinese = trimmed.replace(/[\x20-\x7E\s（）【】]/g, "");
  for (const column of columns) {
    if (latin !== undefined && column.key.toLowerCase() === latin) return column.key;
    if (chinese !== "" && column.label === chinese) return column.key;
  }
  return undefined;
}

/** 0-based index → "A", "B", …, "AA": how WPS and Excel name columns. */
export function columnLetter(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}
