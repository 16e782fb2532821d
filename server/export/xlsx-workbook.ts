// The Excel download, written as a stream: summary, one sheet per question, raw data, codebook.
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import ExcelJS, { type Worksheet } from "exceljs";
import { isChoice, listQuestions } from "../../surveys/format/answers.ts";
import { hiddenFigure } from "../tabulate/figure-rules.ts";
import type { ExportInput, RawTable } from "./export-input.ts";
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
import { describeShowIf, findSectionTitle } from "./survey-lookup.ts";
import { QUESTION_HEADER_ROWS, writeQuestionSheet } from "./xlsx-question-sheet.ts";
import { appendRow, createSheetNamer } from "./xlsx-rows.ts";

const SUMMARY = "概要";
const RAW = "原始数据";
const CODEBOOK = "编码表";
/**
 * exceljs 4 ignores backpressure (exceljs#734): a committed row is queued for the zip at once, and
 * the zip compresses about one buffer per event-loop turn. So the raw sheet yields a turn after
 * about this much XML, which keeps the queue short whatever the width of a row.
 */
const RAW_BYTES_PER_PAUSE = 32 * 1024;

function writeSummarySheet(ws: Worksheet, input: ExportInput) {
  const tab = input.tabulation;
  const k = tab.minBase;
  ws.columns = [{ width: 22 }, { width: 60 }, { width: 50 }];
  appendRow(ws, [tab.survey.title], { bold: true });
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
  for (const [name, value] of facts) appendRow(ws, [name, value]);
  appendRow(ws, []);
  appendRow(ws, ["列", "人数", "说明"], { bold: true });
  for (const column of tab.columns) {
    const size = shownColumnSize(column);
    const note = column.hidden
      ? `${describeHiddenReason(column.hidden, k)}，按规定不予发布`
      : size === 0
        ? "无人作答"
        : null;
    appendRow(ws, [column.label, size ?? hiddenFigure(column.hidden, k), note]);
  }
  appendRow(ws, []);
  appendRow(ws, ["说明"], { bold: true });
  for (const note of tab.notes) appendRow(ws, [note]);
  appendRow(ws, [MULTIPLE_BASE_NOTE]);
  appendRow(ws, [describeMarks(k)]);
  appendRow(ws, ["占比单元格为数值，即报告中印出的一位小数（四舍五入），显示为百分比。"]);
}

/** Waits for the consumer when it is behind, and gives up once it has gone away. */
async function pauseForConsumer(out: Writable) {
  if (out.destroyed) throw new Error("the download stream closed before the workbook was written");
  if (!out.writableNeedDrain) return new Promise<void>((resolve) => setImmediate(resolve));
  await new Promise<void>((resolve) => {
    const done = () => {
      out.off("drain", done);
      out.off("close", done);
      resolve();
    };
    out.on("drain", done);
    out.on("close", done);
  });
}

/** Roughly the XML a row becomes: cell markup plus up to 3 UTF-8 bytes a character. */
const estimateBytes = (row: (string | number | null)[]) =>
  row.reduce<number>((sum, v) => sum + 40 + (v === null ? 0 : 3 * String(v).length), 20);

async function writeRawRows(ws: Worksheet, raw: RawTable, out: Writable) {
  appendRow(ws, raw.header, { bold: true });
  let sincePause = 0;
  for (const row of raw.rows) {
    appendRow(ws, row);
    sincePause += estimateBytes(row);
    if (sincePause >= RAW_BYTES_PER_PAUSE) {
      sincePause = 0;
      await pauseForConsumer(out);
    }
  }
}

function writeCodebookSheet(ws: Worksheet, input: ExportInput) {
  const { survey } = input;
  ws.columns = [10, 16, 50, 10, 10, 40, 20, 36].map((width) => ({ width }));
  appendRow(ws, ["题号", "部分", "题目", "题型", "选项编码", "选项", "标记", "显示条件"], {
    bold: true,
  });
  for (const q of listQuestions(survey)) {
    const head = [q.code, findSectionTitle(survey, q.code, ""), q.text, KIND_LABELS[q.kind]];
    const showIf = describeShowIf(survey, q.showIf);
    if (!isChoice(q)) {
      appendRow(ws, [...head, null, null, `最多 ${q.maxLength} 字`, showIf]);
      continue;
    }
    for (const option of q.options) {
      const flags = [
        q.kind === "single" && q.category ? "类别题" : null,
        // The flag, not a label: the option's own label (说不清, 不作评价…) is in the next column.
        option.nonSubstantive ? "不计入有效占比" : null,
        option.other ? "其他（需注明）" : null,
      ].filter((flag) => flag !== null);
      appendRow(ws, [...head, option.code, option.label, flags.join("、") || null, showIf]);
    }
  }
}

/** Resolves once the zip is complete and `out` has finished; rejects if `out` fails or closes first. */
export async function writeWorkbook(input: ExportInput, out: Writable): Promise<void> {
  // Watching from the start also gives `out` an error listener, so a client that goes away
  // mid-download fails this promise instead of raising an unhandled 'error' event.
  const outFinished = finished(out, { readable: false });
  outFinished.catch(() => {});
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const frozen = (ySplit: number, xSplit = 0) => ({
    views: [{ state: "frozen" as const, ySplit, xSplit }],
  });
  // Each sheet is committed before the next opens: the zip holds one entry open at a time.
  const summary = workbook.addWorksheet(SUMMARY);
  writeSummarySheet(summary, input);
  summary.commit();
  const nameSheet = createSheetNamer([SUMMARY, RAW, CODEBOOK]);
  for (const q of input.tabulation.questions) {
    const ws = workbook.addWorksheet(nameSheet(q.code), frozen(QUESTION_HEADER_ROWS, 1));
    writeQuestionSheet(ws, q, input.tabulation, findSectionTitle(input.survey, q.code, q.section));
    ws.commit();
  }
  const note = input.rawNote.trim();
  // The note sits above the header, and both stay in view while 100,000 rows scroll past.
  const headerRows = input.raw ? (note === "" ? 1 : 2) : 0;
  const raw = workbook.addWorksheet(RAW, headerRows > 0 ? frozen(headerRows) : {});
  if (note !== "") appendRow(raw, [note]);
  if (input.raw) await writeRawRows(raw, input.raw, out);
  else if (note === "") appendRow(raw, ["原始数据不予提供。"]);
  raw.commit();
  const codebook = workbook.addWorksheet(CODEBOOK, frozen(1));
  writeCodebookSheet(codebook, input);
  codebook.commit();
  await Promise.all([workbook.commit(), outFinished]);
}
