// The Excel download, written as a stream: summary, one sheet per question, raw data, codebook.
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { isChoice, listQuestions } from "../../surveys/format/answers.ts";
import type { ExportInput } from "./export-input.ts";
import { KIND_LABELS } from "./figure-text.ts";
import { groupByGrid } from "./grid-tables.ts";
import { describeShowIf, findSectionTitle } from "./survey-lookup.ts";
import type { SheetLayout, SheetRow } from "./xlsx/sheet-types.ts";
import { WorkbookWriter } from "./xlsx/workbook-writer.ts";
import { appendGridCodebook, buildGridSheet, GRID_HEADER_ROWS } from "./xlsx-grid-sheet.ts";
import { buildIndexSheet, INDEX_HEADER_ROWS, INDEX_SHEET } from "./xlsx-index-sheet.ts";
import { printSetup } from "./xlsx-print.ts";
import { buildQuestionSheet, QUESTION_HEADER_ROWS } from "./xlsx-question-sheet.ts";
import { appendRow, createSheetNamer, guardedRow } from "./xlsx-rows.ts";
import {
  SUMMARY_HEADER_ROWS,
  SUMMARY_SHEET,
  SUMMARY_WIDTHS,
  summaryRows,
} from "./xlsx-summary-sheet.ts";

const RAW = "原始数据";
const CODEBOOK = "编码表";

/** Pulled row by row as the download drains, so 100,000 raw rows never sit in memory at once. */
async function* rawRows(input: ExportInput): AsyncGenerator<SheetRow> {
  const note = input.rawNote.trim();
  if (note !== "") {
    // Across the header's width and wrapped: printed, text past the last column is cut off.
    const width = input.raw ? input.raw.header.length : 1;
    const merge: [number, number][] | undefined = width > 1 ? [[1, width]] : undefined;
    yield guardedRow([note], { wrap: true, merge });
  }
  if (input.raw) {
    yield guardedRow(input.raw.header, { bold: true });
    for await (const row of input.raw.rows) yield guardedRow(row);
  } else if (note === "") yield guardedRow(["原始数据不予提供。"]);
}

function codebookRows(input: ExportInput): SheetRow[] {
  const sheet: SheetRow[] = [];
  const { survey } = input;
  appendRow(sheet, ["题号", "部分", "题目", "题型", "选项编码", "选项", "标记", "显示条件"], {
    bold: true,
    wrap: true,
  });
  for (const q of listQuestions(survey)) {
    const head = [q.code, findSectionTitle(survey, q.code, ""), q.text, KIND_LABELS[q.kind]];
    const showIf = describeShowIf(survey, q.showIf);
    if (q.kind === "matrix") {
      appendGridCodebook(sheet, q, findSectionTitle(survey, q.code, ""), showIf);
      continue;
    }
    if (!isChoice(q)) {
      appendRow(sheet, [...head, null, null, `最多 ${q.maxLength} 字`, showIf], { wrap: true });
      continue;
    }
    for (const option of q.options) {
      const flags = [
        q.kind === "single" && q.category ? "类别题" : null,
        // The flag, not a label: the option's own label (说不清, 不作评价…) is in the next column.
        option.nonSubstantive ? "不计入有效占比" : null,
        option.other ? "其他（需注明）" : null,
      ].filter((flag) => flag !== null);
      appendRow(sheet, [...head, option.code, option.label, flags.join("、") || null, showIf], {
        wrap: true,
      });
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
  const title = input.tabulation.survey.title;
  /** Every sheet prints alike; `headerRows` are frozen on screen and repeated on paper. */
  const layout = (name: string, headerRows: number, rest: Omit<SheetLayout, "name">) => ({
    ...rest,
    name,
    print: printSetup(title, name, headerRows),
  });
  await book.addSheet(
    layout(SUMMARY_SHEET, SUMMARY_HEADER_ROWS, { columnWidths: SUMMARY_WIDTHS }),
    summaryRows(input),
  );
  const indexSheet = buildIndexSheet(input.tabulation);
  if (indexSheet) {
    const freeze = { rows: INDEX_HEADER_ROWS, columns: 2 };
    const { columnWidths, rows } = indexSheet;
    await book.addSheet(layout(INDEX_SHEET, INDEX_HEADER_ROWS, { columnWidths, freeze }), rows);
  }
  const nameSheet = createSheetNamer([SUMMARY_SHEET, INDEX_SHEET, RAW, CODEBOOK]);
  for (const tables of groupByGrid(input.tabulation.questions)) {
    const sheet = buildGridSheet(tables, input);
    if (sheet) {
      const { columnWidths, freeze, rows } = sheet;
      const name = nameSheet(sheet.name);
      await book.addSheet(layout(name, GRID_HEADER_ROWS, { columnWidths, freeze }), rows);
      continue;
    }
    for (const q of tables) {
      const section = findSectionTitle(input.survey, q.code, q.section);
      const { columnWidths, rows } = buildQuestionSheet(q, input.tabulation, section);
      const freeze = { rows: QUESTION_HEADER_ROWS, columns: 1 };
      const name = nameSheet(q.code);
      await book.addSheet(layout(name, QUESTION_HEADER_ROWS, { columnWidths, freeze }), rows);
    }
  }
  // The note sits above the header, and both stay in view while 100,000 rows scroll past.
  const headerRows = input.raw ? (input.rawNote.trim() === "" ? 1 : 2) : 0;
  const rawFreeze = headerRows > 0 ? { rows: headerRows } : undefined;
  await book.addSheet(layout(RAW, headerRows, { freeze: rawFreeze }), rawRows(input));
  const codebookWidths = [10, 16, 50, 10, 10, 40, 20, 36];
  await book.addSheet(
    layout(CODEBOOK, 1, { columnWidths: codebookWidths, freeze: { rows: 1 } }),
    codebookRows(input),
  );
  await Promise.all([book.finish(), outFinished]);
}
