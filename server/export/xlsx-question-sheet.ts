// One worksheet per question: counts and shares per banner column, bases, test, notes and texts.
import { NOT_SHOWN_BASE_LABEL, validBaseLabel } from "../tabulate/figure-rules.ts";
import type { QuestionTable, Row, Tabulation } from "../tabulate/results-schemas.ts";
import {
  baseText,
  describeChiSquare,
  figureOf,
  hasNotShownRow,
  headingOf,
  KIND_LABELS,
  MULTIPLE_BASE_NOTE,
  notShownBase,
  shownBase,
  shownValidBase,
} from "./figure-text.ts";
import { tableTitle } from "./grid-tables.ts";
import { describeTextGroup, textsHeading } from "./text-groups.ts";
import type { SheetRow } from "./xlsx/sheet-types.ts";
import { appendRow, percentValue, type SheetValue } from "./xlsx-rows.ts";

/** Rows above the figures: title, section, two header rows; frozen with the label column. */
export const QUESTION_HEADER_ROWS = 4;

function subHeadings(q: QuestionTable): string[] {
  return q.validBases ? ["人数", "占比", "有效占比"] : ["人数", "占比"];
}

/** Shares are stored as the printed figure (0.288 for 28.8%), so no viewer rounds them again. */
function figureValues(q: QuestionTable, row: Row, tab: Tabulation, i: number): SheetValue[] {
  const width = subHeadings(q).length;
  const figure = figureOf(q, row, tab, i);
  if (figure.kind === "hidden") return new Array<SheetValue>(width).fill(figure.mark);
  if (figure.kind === "empty") return [0, "—", ...(q.validBases ? ["—"] : [])];
  const values: SheetValue[] = [figure.count, percentValue(figure.fraction)];
  // Blank, not hidden: non-substantive answers and non-answers have no valid share by definition.
  if (q.validBases) values.push(figure.valid === null ? null : percentValue(figure.valid.fraction));
  return values;
}

/** A base row puts its figure under 人数 of each column. */
function baseValues(q: QuestionTable, tab: Tabulation, base: (i: number) => number | null) {
  const width = subHeadings(q).length;
  return q.bases.flatMap((_, i) => {
    const values: SheetValue[] = new Array<SheetValue>(width).fill(null);
    values[0] = baseText(q, tab, i, base(i));
    return values;
  });
}

function writeHeader(sheet: SheetRow[], q: QuestionTable, tab: Tabulation, section: string) {
  const sub = subHeadings(q);
  appendRow(sheet, [`${q.code}　${tableTitle(q)}`], { bold: true });
  appendRow(sheet, [`${section}　${KIND_LABELS[q.kind]}`]);
  const headings: SheetValue[] = ["选项"];
  tab.columns.forEach((_, i) => {
    headings.push(headingOf(q, tab, i));
    for (let s = 1; s < sub.length; s++) headings.push(null);
  });
  const merge = tab.columns.map((_, i): [number, number] => {
    const first = 2 + i * sub.length;
    return [first, first + sub.length - 1];
  });
  appendRow(sheet, headings, { bold: true, merge });
  appendRow(sheet, [null, ...tab.columns.flatMap(() => sub)], { bold: true });
}

function writeTexts(sheet: SheetRow[], q: QuestionTable, tab: Tabulation) {
  if (q.texts.length === 0) return;
  appendRow(sheet, []);
  appendRow(sheet, [textsHeading(q), "次数"], { bold: true });
  for (const group of q.texts) {
    const described = describeTextGroup(q, group, tab);
    appendRow(sheet, [described.heading], { bold: true });
    if (described.withheld !== null) appendRow(sheet, [described.withheld]);
    else if (described.texts.length === 0) appendRow(sheet, ["（无）"]);
    for (const t of described.texts) appendRow(sheet, [t.text, t.count]);
  }
}

function writeKeywords(sheet: SheetRow[], q: QuestionTable) {
  if (!q.keywords || q.keywords.length === 0) return;
  appendRow(sheet, []);
  appendRow(sheet, ["关键词", "次数"], { bold: true });
  for (const keyword of q.keywords) appendRow(sheet, [keyword.word, keyword.count]);
}

export interface QuestionSheet {
  columnWidths: number[];
  rows: SheetRow[];
}

/** A question's sheet, to be shown with QUESTION_HEADER_ROWS rows and one column frozen. */
export function buildQuestionSheet(
  q: QuestionTable,
  tab: Tabulation,
  section: string,
): QuestionSheet {
  const width = subHeadings(q).length;
  const columnWidths = [44, ...tab.columns.flatMap(() => new Array<number>(width).fill(10))];
  const sheet: SheetRow[] = [];
  writeHeader(sheet, q, tab, section);
  for (const row of q.rows) {
    appendRow(sheet, [row.label, ...tab.columns.flatMap((_, i) => figureValues(q, row, tab, i))]);
  }
  appendRow(sheet, ["基数（看到该题的人数）", ...baseValues(q, tab, (i) => shownBase(q, i))]);
  if (q.validBases) {
    const valid = baseValues(q, tab, (i) => shownValidBase(q, i));
    appendRow(sheet, [validBaseLabel(q), ...valid]);
  }
  if (hasNotShownRow(q))
    appendRow(sheet, [NOT_SHOWN_BASE_LABEL, ...baseValues(q, tab, (i) => notShownBase(q, tab, i))]);
  const lines = [
    describeChiSquare(q.chiSquare),
    q.note ?? (q.kind === "multiple" ? MULTIPLE_BASE_NOTE : null),
  ].filter((line) => line !== null);
  if (lines.length > 0) appendRow(sheet, []);
  for (const line of lines) appendRow(sheet, [line]);
  writeTexts(sheet, q, tab);
  writeKeywords(sheet, q);
  return { columnWidths, rows: sheet };
}
