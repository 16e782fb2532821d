// Sheets → XLSX bytes with our own writer: bold frozen header rows and readable widths, so the
// file opens ready to edit in WPS or Excel. Text is always written as text, never as a formula.
import { Writable } from "node:stream";
import { type Grid, README_SHEET, SHEETS } from "../../../surveys/format/spreadsheet/columns.ts";
import type { SheetLayout, SheetRow } from "../../export/xlsx/sheet-types.ts";
import { WorkbookWriter } from "../../export/xlsx/workbook-writer.ts";

const TABLES = Object.values(SHEETS);

function layoutOf(grid: Grid): SheetLayout {
  const table = TABLES.find((t) => t.name === grid.name);
  if (table)
    return {
      name: grid.name,
      columnWidths: table.columns.map((c) => c.width),
      freeze: { rows: 1, columns: grid.name === SHEETS.survey.name ? 2 : 0 },
    };
  return { name: grid.name, columnWidths: grid.name === README_SHEET ? [26, 100] : [] };
}

function* rowsOf(grid: Grid): Generator<SheetRow> {
  const table = TABLES.some((t) => t.name === grid.name);
  for (const [i, cells] of grid.rows.entries())
    yield {
      cells: cells.map((value) => (typeof value === "boolean" ? (value ? "是" : "否") : value)),
      bold: table && i === 0,
    };
}

export async function writeXlsx(grids: Grid[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const book = new WorkbookWriter(sink);
  for (const grid of grids) await book.addSheet(layoutOf(grid), rowsOf(grid));
  await book.finish();
  return Buffer.concat(chunks);
}
