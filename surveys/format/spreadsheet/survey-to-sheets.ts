// A survey as the three sheets an office edits (survey, choices, settings) plus a 说明 sheet; pure.
import type { Index, Option, Question, Survey } from "../schema.ts";
import { writeFlag, writeShowIf } from "./cell-values.ts";
import {
  type CellValue,
  type Column,
  type Grid,
  headerText,
  README_SHEET,
  SHEETS,
  SURVEY_COLUMNS,
} from "./columns.ts";
import { writeCodes } from "./read-index.ts";
import { readmeRows } from "./readme-sheet.ts";

type Cells = Record<string, CellValue | undefined>;

const rowOf = (columns: Column[], cells: Cells): CellValue[] => {
  const row = columns.map((column) => cells[column.key] ?? null);
  while (row.length > 0 && row.at(-1) === null) row.pop();
  return row;
};

const header = (columns: Column[]): CellValue[] => columns.map(headerText);

/**
 * Questions with the same options, in the same order with the same marks, share one list named
 * after the first of them: a scale used by nine questions is edited once.
 */
function nameLists(survey: Survey): { listOf: Map<Question, string>; lists: [string, Option[]][] } {
  const listOf = new Map<Question, string>();
  const byContent = new Map<string, string>();
  const lists: [string, Option[]][] = [];
  for (const section of survey.sections)
    for (const question of section.questions) {
      if (!("options" in question)) continue;
      const key = JSON.stringify(question.options);
      let name = byContent.get(key);
      if (name === undefined) {
        name = question.code;
        byContent.set(key, name);
        lists.push([name, question.options]);
      }
      listOf.set(question, name);
    }
  return { listOf, lists };
}

/** The base is always written (parsing fills its default), so the office sees which it is. */
const indexCells = (index: Index | undefined): Cells =>
  index
    ? {
        indexName: index.name,
        indexAspect: index.aspect,
        indexPositive: writeCodes(index.positive),
        indexBase: index.base,
      }
    : {};

function questionCells(question: Question, list: string | undefined): Cells {
  const base: Cells = {
    type: question.kind,
    code: question.code,
    text: question.text,
    help: question.help,
    required: writeFlag(question.required),
    showIf: question.showIf && writeShowIf(question.showIf),
    list,
  };
  switch (question.kind) {
    case "single":
      return { ...base, category: writeFlag(question.category), ...indexCells(question.index) };
    case "multiple":
      return {
        ...base,
        min: question.minSelections,
        max: question.maxSelections,
        reportPhrase: question.reportPhrase,
      };
    case "shortText":
    case "longText":
      return { ...base, maxLength: question.maxLength };
    case "matrix":
      return { ...base, ...indexCells(question.index) };
  }
}

function surveyRows(survey: Survey, listOf: Map<Question, string>): CellValue[][] {
  const rows: CellValue[][] = [header(SURVEY_COLUMNS)];
  for (const section of survey.sections) {
    const { code, title, description } = section;
    rows.push(rowOf(SURVEY_COLUMNS, { type: "section", code, text: title, help: description }));
    for (const question of section.questions) {
      rows.push(rowOf(SURVEY_COLUMNS, questionCells(question, listOf.get(question))));
      if (question.kind !== "matrix") continue;
      for (const row of question.rows)
        rows.push(
          rowOf(SURVEY_COLUMNS, {
            type: "matrixRow",
            code: row.code,
            text: row.label,
            required: writeFlag(row.required),
          }),
        );
    }
  }
  return rows;
}

function choiceRows(lists: [string, Option[]][]): CellValue[][] {
  const columns = SHEETS.choices.columns;
  const rows: CellValue[][] = [header(columns)];
  for (const [list, options] of lists)
    for (const option of options)
      rows.push(
        rowOf(columns, {
          list,
          code: option.code,
          label: option.label,
          other: writeFlag(option.other),
          otherMaxLength: option.otherMaxLength,
          nonSubstantive: writeFlag(option.nonSubstantive),
        }),
      );
  return rows;
}

function settingRows(survey: Survey): CellValue[][] {
  const rows: CellValue[][] = [header(SHEETS.settings.columns)];
  rows.push(["id", survey.id], ["title", survey.title]);
  if (survey.intro !== undefined) rows.push(["intro", survey.intro]);
  if (survey.minBase !== undefined) rows.push(["minBase", survey.minBase]);
  for (const [name, value] of Object.entries(survey.variables)) rows.push([`var.${name}`, value]);
  return rows;
}

/** `$schema` (an editor's hint, not content: it is never stored) is left out. */
export function surveyToSheets(survey: Survey): Grid[] {
  const { listOf, lists } = nameLists(survey);
  return [
    { name: SHEETS.survey.name, rows: surveyRows(survey, listOf) },
    { name: SHEETS.choices.name, rows: choiceRows(lists) },
    { name: SHEETS.settings.name, rows: settingRows(survey) },
    { name: README_SHEET, rows: readmeRows() },
  ];
}
