// One worksheet per question: counts and shares per banner column, bases, test, notes and texts.
// Hidden figures are empty cells, so every figure column holds numbers only and sums in Excel.
import { NOT_SHOWN_BASE_LABEL, validBaseLabel } from "../tabulate/figure-rules.ts";
import type { QuestionTable, Row, Tabulation } from "../tabulate/results-schemas.ts";
import {
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
import { baseNote, NOTE_HEADING, NOTE_WIDTH, rowNote } from "./xlsx-notes.ts";
import { appendRow, appendSentence, percentValue, type SheetValue } from "./xlsx-rows.ts";

/** Rows above the figures: title, section, two header rows; frozen and printed on every page. */
export const QUESTION_HEADER_ROWS = 4;

/** Label column, then per banner column: 人数 (up to 4 digits), 占比 and 有效占比 ("100.0%"). */
export const LABEL_WIDTH = 22;
const COUNT_WIDTH = 5;
const SHARE_WIDTH = 7;

export function subHeadings(q: QuestionTable): string[] {
  return q.validBases ? ["人数", "占比", "有效占比"] : ["人数", "占比"];
}

/** Widths of one banner column's figures, 人数 first. */
export function figureWidths(q: QuestionTable): number[] {
  return subHeadings(q).map((_, s) => (s === 0 ? COUNT_WIDTH : SHARE_WIDTH));
}

/** Shares are stored as the printed figure (0.288 for 28.8%), so no viewer rounds them again. */
function figureValues(q: QuestionTable, row: Row, tab: Tabulation, i: number): SheetValue[] {
  const width = subHeadings(q).length;
  const figure = figureOf(q, row, tab, i);
  // Empty, never "<5": the heading or the 说明 column says why (xlsx-notes.ts).
  if (figure.kind === "hidden") return new Array<SheetValue>(width).fill(null);
  // No one answered: 0 people and no share; the heading says 无人作答.
  if (figure.kind === "empty") return [0, ...new Array<SheetValue>(width - 1).fill(null)];
  const values: SheetValue[] = [figure.count, percentValue(figure.fraction)];
  // Blank, not hidden: non-substantive answers and non-answers have no valid share by definition.
  if (q.validBases) values.push(figure.valid === null ? null : percentValue(figure.valid.fraction));
  return values;
}

/** A base row puts its figure under 人数 of each column. */
function baseValues(q: QuestionTable, base: (i: number) => number | null) {
  const width = subHeadings(q).length;
  return q.bases.flatMap((_, i) => {
    const values: SheetValue[] = new Array<SheetValue>(width).fill(null);
    values[0] = base(i);
    return values;
  });
}

/** The two heading rows: each banner column's name and size over its figures, then 人数/占比. */
export function appendHeadings(
  sheet: SheetRow[],
  q: QuestionTable,
  headings: string[],
  note: boolean,
): void {
  const sub = subHeadings(q);
  const merge = headings.map((_, i): [number, number] => {
    const first = 2 + i * sub.length;
    return [first, first + sub.length - 1];
  });
  const cells: SheetValue[] = ["选项"];
  for (const heading of headings)
    cells.push(heading, ...new Array<null>(sub.length - 1).fill(null));
  if (note) cells.push(NOTE_HEADING);
  appendRow(sheet, cells, { bold: true, wrap: true, merge });
  appendRow(sheet, [null, ...headings.flatMap(() => sub)], { bold: true, wrap: true });
}

function writeTexts(sheet: SheetRow[], q: QuestionTable, tab: Tabulation, widths: number[]) {
  if (q.texts.length === 0) return;
  appendRow(sheet, []);
  appendRow(sheet, [textsHeading(q), "次数"], { bold: true });
  for (const group of q.texts) {
    const described = describeTextGroup(q, group, tab);
    appendRow(sheet, [described.heading], { bold: true });
    if (described.withheld !== null) appendSentence(sheet, described.withheld, widths);
    else if (described.texts.length === 0) appendRow(sheet, ["（无）"]);
    // Wrapped, so a long answer shows whole instead of stopping at its count.
    for (const t of described.texts) appendRow(sheet, [t.text, t.count], { wrap: true });
  }
}

function writeKeywords(sheet: SheetRow[], q: QuestionTable) {
  if (!q.keywords || q.keywords.length === 0) return;
  appendRow(sheet, []);
  appendRow(sheet, ["关键词", "次数"], { bold: true });
  for (const keyword of q.keywords) appendRow(sheet, [keyword.word, keyword.count]);
}

/** The figure rows and base rows, each with its 说明 when the table needs that column. */
function tableRows(q: QuestionTable, tab: Tabulation) {
  const rows = q.rows.map((row) => ({
    cells: [row.label, ...tab.columns.flatMap((_, i) => figureValues(q, row, tab, i))],
    note: rowNote(q, row, tab),
  }));
  const bases: [string, (i: number) => number | null][] = [
    ["基数（看到该题的人数）", (i) => shownBase(q, i)],
  ];
  if (q.validBases) bases.push([validBaseLabel(q), (i) => shownValidBase(q, i)]);
  if (hasNotShownRow(q)) bases.push([NOT_SHOWN_BASE_LABEL, (i) => notShownBase(q, tab, i)]);
  for (const [label, base] of bases)
    rows.push({ cells: [label, ...baseValues(q, base)], note: baseNote(q, tab, base) });
  return rows;
}

export interface QuestionSheet {
  columnWidths: number[];
  rows: SheetRow[];
}

/**
 * A question's sheet, to be shown with QUESTION_HEADER_ROWS rows and one column frozen. `head`:
 * false for a grid's row block, whose grid heads the sheet (xlsx-grid-sheet.ts).
 */
export function buildQuestionSheet(
  q: QuestionTable,
  tab: Tabulation,
  section: string,
  head = true,
): QuestionSheet {
  const figures = tab.columns.flatMap(() => figureWidths(q));
  const table = tableRows(q, tab);
  const noted = table.some((row) => row.note !== null);
  const columnWidths = [LABEL_WIDTH, ...figures, ...(noted ? [NOTE_WIDTH] : [])];
  const sheet: SheetRow[] = [];
  appendRow(sheet, [`${q.code}　${tableTitle(q)}`], { bold: true });
  if (head) appendRow(sheet, [`${section}　${KIND_LABELS[q.kind]}`]);
  appendHeadings(
    sheet,
    q,
    tab.columns.map((_, i) => headingOf(q, tab, i)),
    noted,
  );
  for (const { cells, note } of table)
    appendRow(sheet, noted ? [...cells, note] : cells, { wrap: true });
  const lines = [
    describeChiSquare(q.chiSquare),
    q.note ?? (q.kind === "multiple" ? MULTIPLE_BASE_NOTE : null),
  ].filter((line) => line !== null);
  if (lines.length > 0) appendRow(sheet, []);
  for (const line of lines) appendSentence(sheet, line, columnWidths);
  writeTexts(sheet, q, tab, columnWidths);
  writeKeywords(sheet, q);
  return { columnWidths, rows: sheet };
}
