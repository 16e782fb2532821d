// The Excel download, written as a stream: summary, one sheet per question, raw data, codebook.
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { isChoice, listQuestions } from "../../surveys/format/answers.ts";
import { hiddenFigure } from "../tabulate/figure-rules.ts";
import type { ExportInput } from "./export-input.ts";
import {
  describeDays,
  describeFilters,
  describeHiddenReason,
  describeMarks,
  KIND_LABELS,
  MULTIPLE_BASE_NOTE,
  markHidden,
  shownColumnSize,
} from "./figure-text.ts";
import { groupByGrid } from "./grid-tables.ts";
import { describeShowIf, findSectionTitle } from "./survey-lookup.ts";
import type { SheetRow } from "./xlsx/sheet-types.ts";
import { WorkbookWriter } from "./xlsx/workbook-writer.ts";
import { appendGridCodebook, buildGridSheet } from "./xlsx-grid-sheet.ts";
import { buildQuestionSheet, QUESTION_HEADER_ROWS } from "./xlsx-question-sheet.ts";
import { appendRow, createSheetNamer, guardedRow } from "./xlsx-rows.ts";

const SUMMARY = "概要";
const RAW = "原始数据";
const CODEBOOK = "编码表";

function summaryRows(input: ExportInput): SheetRow[] {
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
  appendRow(sheet, ["列", "人数", "说明"], { bold: true });
  for (const column of tab.columns) {
    const size = shownColumnSize(column);
    const note = column.hidden
      ? `${describeHiddenReason(column.hidden, k)}，按规定不予发布`
      : size === 0
        ? "无人作答"
        : null;
    appendRow(sheet, [column.label, size ?? hiddenFigure(column.hidden, k), note]);
  }
  appendRow(sheet, []);
  appendRow(sheet, ["说明"], { bold: true });
  for (const note of tab.notes) appendRow(sheet, [note]);
  appendRow(sheet, [MULTIPLE_BASE_NOTE]);
  appendRow(sheet, [describeMarks(k)]);
  appendRow(sheet, ["占比单元格为数值，即报告中印出的一位小数（四舍五入），显示为百分比。"]);
  return sheet;
}

/** Pulled row by row as the download drains, so 100,000 raw rows never sit in memory at once. */
function* rawRows(input: ExportInput): Generator<SheetRow> {
  const note = input.rawNote.trim();
  if (note !== "") yield guardedRow([note]);
  if (input.raw) {
    yield guardedRow(input.raw.header, { bold: true });
    for (const row of input.raw.rows) yield guardedRow(row);
  } else if (note === "") yield guardedRow(["原始数据不予提供。"]);
}

function codebookRows(input: ExportInput): SheetRow[] {
  const sheet: SheetRow[] = [];
  const { survey } = input;
  appendRow(sheet, ["题号", "部分", "题目", "题型", "选项编码", "选项", "标记", "显示条件"], {
    bold: true,
  });
  for (const q of listQuestions(survey)) {
    const head = [q.code, findSectionTitle(survey, q.code, ""), q.text, KIND_LABELS[q.kind]];
    const showIf = describeShowIf(survey, q.showIf);
    if (q.kind === "matrix") {
      appendGridCodebook(sheet, q, findSectionTitle(survey, q.code, ""), showIf);
      continue;
    }
    if (!isChoice(q)) {
      appendRow(sheet, [...head, null, null, `最多 ${q.maxLength} 字`, showIf]);
      continue;
    }
    for (const option of q.options) {
      const flags = [
        q.kind === "single" && q.category ? "类别题" : null,
        // The flag, not a label: the option's own label (说不清, 不作评价…) is in the next column.
        option.nonSubstantive ? "不计入有效占比" : null,
        option.other ? "其他（需注明）" : null,
      ].filter((flag) => flag !== null);
      appendRow(sheet, [...head, option.code, option.label, flags.join("、") || null, showIf]);
    }
  }
  return sheet;
}

/** Resolves once the zip is complete and `out` has finished; rejects if `out` fails or closes first. */
export async function writeWorkbook(input: ExportInput, out: Writable): Promise<void> {
  // Watching from the start also gives `out` an error listener, so a client that goes away
  // mid-download fails this promise instead of raising an unhandled 'error' event.
  const outFinished = finished(out, { readable: false });
  outFinished.catch(() => {});
  const book = new WorkbookWriter(out);
  await book.addSheet({ name: SUMMARY, columnWidths: [22, 60, 50] }, summaryRows(input));
  const nameSheet = createSheetNamer([SUMMARY, RAW, CODEBOOK]);
  for (const tables of groupByGrid(input.tabulation.questions)) {
    const sheet = buildGridSheet(tables, input);
    if (sheet) {
      await book.addSheet({ ...sheet, name: nameSheet(sheet.name) }, sheet.rows);
      continue;
    }
    for (const q of tables) {
      const section = findSectionTitle(input.survey, q.code, q.section);
      const { columnWidths, rows } = buildQuestionSheet(q, input.tabulation, section);
      const freeze = { rows: QUESTION_HEADER_ROWS, columns: 1 };
      await book.addSheet({ name: nameSheet(q.code), columnWidths, freeze }, rows);
    }
  }
  // The note sits above the header, and both stay in view while 100,000 rows scroll past.
  const headerRows = input.raw ? (input.rawNote.trim() === "" ? 1 : 2) : 0;
  const rawFreeze = headerRows > 0 ? { rows: headerRows } : undefined;
  await book.addSheet({ name: RAW, freeze: rawFreeze }, rawRows(input));
  const codebookWidths = [10, 16, 50, 10, 10, 40, 20, 36];
  await book.addSheet(
    { name: CODEBOOK, columnWidths: codebookWidths, freeze: { rows: 1 } },
    codebookRows(input),
  );
  await Promise.all([book.finish(), outFinished]);
}
