// The 主要指标 sheet: each declared index (满意率 …) ranked, with its sentence, the shares as numbers
// equal to the printed ones, and the counts and bases they come from, so any figure can be checked.
import { columnHeading, shareFraction } from "../tabulate/figure-rules.ts";
import type {
  HiddenReason,
  IndexCell,
  IndexItem,
  IndexSummary,
  Tabulation,
} from "../tabulate/results-schemas.ts";
import {
  baseWords,
  describeIndexItem,
  describeIndexRanking,
  itemName,
  positiveNames,
} from "./index-sentences.ts";
import type { SheetRow } from "./xlsx/sheet-types.ts";
import { describeHiddenColumns, NOTE_HEADING, NOTE_WIDTH, noteColumn } from "./xlsx-notes.ts";
import { appendRow, appendSentence, percentValue, type SheetValue } from "./xlsx-rows.ts";

export const INDEX_SHEET = "主要指标";

/** Title, what the cells hold, and the column headings: frozen and printed on every page. */
export const INDEX_HEADER_ROWS = 3;

const RANK_WIDTH = 6;
const ASPECT_WIDTH = 30;
const VALUE_WIDTH = 9;

/** Why an item's empty cells are empty, where the column heading does not already say it. */
function itemNote(summary: IndexSummary, item: IndexItem, tab: Tabulation): string | null {
  const hidden = new Map<HiddenReason, string[]>();
  const unanswered: string[] = [];
  tab.columns.forEach((column, c) => {
    const cell = item.cells[c];
    if (column.hidden !== null) return;
    if (!cell || cell.count === null || cell.base === null)
      noteColumn(hidden, cell?.hidden ?? "small", column.label);
    else if (cell.base === 0) unanswered.push(column.label);
  });
  const notes = [
    item.rank === null ? `全体的${summary.name}不予发布，不参加排序` : null,
    describeHiddenColumns(hidden, tab.minBase),
    unanswered.length > 0 ? `${unanswered.join("、")}：无人作答，没有${summary.name}` : null,
  ].filter((note) => note !== null);
  return notes.length > 0 ? notes.join("；") : null;
}

/** The printed share as a number (0.811 for 81.1%), or empty when hidden or of no one. */
function shareCell(cell: IndexCell | undefined): SheetValue {
  if (!cell || cell.count === null || cell.base === null || cell.base === 0) return null;
  return percentValue(shareFraction(cell.count, cell.base));
}

/** One block of the index: a bold label, then a row per item in rank order. */
function appendBlock(
  sheet: SheetRow[],
  label: string,
  summary: IndexSummary,
  tab: Tabulation,
  figure: (cell: IndexCell | undefined) => SheetValue,
  noted: boolean,
): void {
  appendRow(sheet, [label], { bold: true });
  for (const item of summary.items) {
    const cells: SheetValue[] = [item.rank, itemName(item)];
    for (let c = 0; c < tab.columns.length; c++) cells.push(figure(item.cells[c]));
    if (noted) cells.push(itemNote(summary, item, tab));
    appendRow(sheet, cells, { wrap: true });
  }
}

/** "选择“好”或“较好”的人数", or in general words when the items count different options. */
function countWords(summary: IndexSummary): string {
  const names = new Set(summary.items.map((item) => positiveNames(item)));
  const [only] = names;
  return names.size === 1 && only !== undefined ? `选择${only}的人数` : "选择计入选项的人数";
}

export interface IndexSheet {
  columnWidths: number[];
  rows: SheetRow[];
}

/** The sheet, or null when the survey declares no index. */
export function buildIndexSheet(tab: Tabulation): IndexSheet | null {
  if (tab.indices.length === 0) return null;
  const noted = tab.indices.some((s) => s.items.some((item) => itemNote(s, item, tab) !== null));
  const columnWidths = [
    RANK_WIDTH,
    ASPECT_WIDTH,
    ...tab.columns.map(() => VALUE_WIDTH),
    ...(noted ? [NOTE_WIDTH] : []),
  ];
  const sheet: SheetRow[] = [];
  const sentence = (text: string) => appendSentence(sheet, text, columnWidths);
  appendRow(sheet, [`${INDEX_SHEET}　${tab.survey.title}`], { bold: true });
  sentence("比例为数值，即报告中印出的一位小数；不予发布的留空，原因见列标题或“说明”列。");
  const headings = tab.columns.map((column) =>
    column.hidden ? columnHeading(column.label, null, column.hidden, tab.minBase) : column.label,
  );
  const head = ["排序", "方面", ...headings, ...(noted ? [NOTE_HEADING] : [])];
  appendRow(sheet, head, { bold: true, wrap: true });
  for (const summary of tab.indices) {
    appendRow(sheet, []);
    appendRow(sheet, [summary.name], { bold: true });
    sentence(describeIndexRanking(summary, tab));
    const { name } = summary;
    appendBlock(sheet, `${name}：比例`, summary, tab, shareCell, noted);
    const count = `${name}：计入人数，即${countWords(summary)}`;
    appendBlock(sheet, count, summary, tab, (c) => c?.count ?? null, noted);
    const base = `${name}：基数，即${baseWords(summary)}`;
    appendBlock(sheet, base, summary, tab, (c) => c?.base ?? null, noted);
    for (const item of summary.items) sentence(describeIndexItem(summary, item, tab));
  }
  return { columnWidths, rows: sheet };
}
