// The survey sheet: section rows open sections, question rows fill them, matrixRow rows follow
// their grid. Each cell is read by its column; anything that would be dropped is a problem.
import {
  cellText,
  type RowType,
  readFlag,
  readShowIf,
  readType,
  readWhole,
} from "./cell-values.ts";
import { INDEX_COLUMN, INDEX_FIELDS, type Places, SURVEY_FIELDS } from "./places.ts";
import type { ChoiceRow } from "./read-choices.ts";
import { readIndex } from "./read-index.ts";
import { rowCells, type SheetProblem, type Table } from "./read-table.ts";

const COMMON = ["type", "code", "text", "help", "required", "showIf"];
/** indexAspect is read on a grid too, so its refusal can say why (rows name the aspects). */
const INDEX = ["indexName", "indexAspect", "indexPositive", "indexBase"];
const ALLOWED: Record<RowType, string[]> = {
  section: ["type", "code", "text", "help"],
  single: [...COMMON, "list", "category", ...INDEX],
  multiple: [...COMMON, "list", "min", "max", "reportPhrase"],
  shortText: [...COMMON, "maxLength"],
  longText: [...COMMON, "maxLength"],
  matrix: [...COMMON, "list", ...INDEX],
  matrixRow: ["type", "code", "text", "required"],
};

type Raw = Record<string, unknown>;

const defined = (object: Raw): Raw =>
  Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));

export function readQuestions(
  table: Table,
  lists: Map<string, ChoiceRow[]>,
  choices: Table,
  places: Places,
  problems: SheetProblem[],
): Raw[] {
  const sections: Raw[] = [];
  let questions: Raw[] | undefined;
  let matrix: Raw[] | undefined;
  for (const line of table.rows) {
    const { row, values } = line;
    const { at, read } = rowCells(table, line, problems);
    const type = values.type === undefined ? undefined : read("type", readType);
    if (type === undefined) {
      if (values.type === undefined) at("type", "缺少题型（type）：这一行的内容无法导入");
      continue;
    }
    for (const key of Object.keys(values))
      if (ALLOWED[type].includes(key)) continue;
      else if (INDEX.includes(key)) at(key, `指标只用于单选题和矩阵题：${type} 行请清空这一格`);
      else at(key, `${type} 行不用填这一格：请清空或改题型`);
    const code = cellText(values.code ?? null).trim() || undefined;
    const text = cellText(values.text ?? null) || undefined;
    const help = cellText(values.help ?? null) || undefined;
    const place = { table, row, fields: SURVEY_FIELDS };

    if (type === "section") {
      questions = [];
      matrix = undefined;
      places.set(["sections", sections.length], place);
      sections.push(defined({ code, title: text, description: help, questions }));
      continue;
    }
    if (type === "matrixRow") {
      if (!matrix) {
        at("type", "matrixRow 行必须紧跟在矩阵题（matrix）或另一矩阵行之后");
        continue;
      }
      const path = ["sections", sections.length - 1, "questions", (questions?.length ?? 0) - 1];
      places.set([...path, "rows", matrix.length], place);
      matrix.push(defined({ code, label: text, required: read("required", readFlag) }));
      continue;
    }
    if (!questions) {
      at("type", "第一道题之前要有一行 section（部分）");
      continue;
    }
    const question: Raw = defined({
      code,
      text,
      help,
      kind: type,
      required: read("required", readFlag),
      showIf: read("showIf", readShowIf),
      category: read("category", readFlag),
      minSelections: read("min", readWhole),
      maxSelections: read("max", readWhole),
      maxLength: read("maxLength", readWhole),
      reportPhrase: cellText(values.reportPhrase ?? null) || undefined,
    });
    const path = ["sections", sections.length - 1, "questions", questions.length];
    places.set(path, place);
    matrix = type === "matrix" ? [] : undefined;
    if (matrix) question.rows = matrix;
    let options: Raw[] | undefined;
    if (ALLOWED[type].includes("list")) {
      const name = cellText(values.list ?? null).trim();
      const list = lists.get(name);
      if (name === "") at("list", "缺少选项表（list）：填 choices 表中的选项表名");
      else if (!list) at("list", `choices 表中没有名为“${name}”的选项表`);
      else {
        options = list.map(({ option }) => ({ ...option }));
        question.options = options;
        list.forEach(({ row: choiceRow }, i) => {
          places.set([...path, "options", i], { table: choices, row: choiceRow, fields: {} });
        });
      }
    }
    if (type === "single" || type === "matrix") {
      const category = question.category === true;
      const index = readIndex(values, { kind: type, category, options }, at);
      if (index) question.index = index;
      places.set([...path, "index"], { table, row, fields: INDEX_FIELDS, self: INDEX_COLUMN });
    }
    questions.push(question);
  }
  return sections;
}
