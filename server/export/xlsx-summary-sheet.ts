// The workbook's first sheet: what was tabulated, the banner's columns with their sizes, and the
// notes on what is hidden and why. A hidden size is an empty cell; its 说明 says why.

import type { ExportInput } from "./export-input.ts";
import {
  describeDays,
  describeFilters,
  describeHiddenReason,
  MULTIPLE_BASE_NOTE,
  markHidden,
  shownColumnSize,
} from "./figure-text.ts";
import type { SheetRow } from "./xlsx/sheet-types.ts";
import { describeHeadingMarks, EMPTY_FIGURES_NOTE, NOTE_HEADING } from "./xlsx-notes.ts";
import { appendRow, appendSentence } from "./xlsx-rows.ts";

export const SUMMARY_SHEET = "概要";

export const SUMMARY_WIDTHS = [22, 60, 50];

/** The survey's title, printed at the top of every page of this sheet. */
export const SUMMARY_HEADER_ROWS = 1;

export function summaryRows(input: ExportInput): SheetRow[] {
  const sheet: SheetRow[] = [];
  const tab = input.tabulation;
  const k = tab.minBase;
  appendRow(sheet, [tab.survey.title], { bold: true });
  const total = shownColumnSize(tab.columns[0]);
  const facts: [string, string | number][] = [
    ["问卷编号", tab.survey.id],
    ["版本", tab.survey.version],
    ["状态", tab.survey.state === "open" ? "收集中" : "已结束"],
    ["统计截至", tab.asOf],
    ["回答日期", describeDays(tab)],
    ["筛选条件", describeFilters(tab)],
    ["交叉分组（列）", `${tab.banner.question}　${tab.banner.text}`],
    ["样本量（全体）", total ?? markHidden(k)],
    ["最小发布基数 k", k],
    ["文字内容列出门槛", `每组至少 ${tab.textMinGroup} 人`],
    ["生成日期", input.generatedOn],
  ];
  for (const [name, value] of facts) appendRow(sheet, [name, value]);
  appendRow(sheet, []);
  appendRow(sheet, ["列", "人数", NOTE_HEADING], { bold: true });
  for (const column of tab.columns) {
    const size = shownColumnSize(column);
    const note = column.hidden
      ? `${describeHiddenReason(column.hidden, k)}，按规定不予发布`
      : size === 0
        ? "无人作答"
        : null;
    // Empty, so the 人数 column sums: the note beside it says why.
    appendRow(sheet, [column.label, size, note]);
  }
  appendRow(sheet, []);
  appendRow(sheet, ["说明"], { bold: true });
  const notes = [
    ...tab.notes,
    EMPTY_FIGURES_NOTE,
    MULTIPLE_BASE_NOTE,
    describeHeadingMarks(k),
    "占比单元格为数值，即报告中印出的一位小数（四舍五入），显示为百分比。",
  ];
  for (const note of notes) appendSentence(sheet, note, SUMMARY_WIDTHS);
  return sheet;
}
