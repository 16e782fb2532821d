// XLSX bytes → sheets of plain cell values, for surveys/format/spreadsheet. Untrusted input: the
// ZIP is opened under limits first (safe-unzip.ts) and SheetJS only sees the parts that passed;
// rows and columns are capped; formulas are never evaluated, only their saved values read.
import { Writable } from "node:stream";
import { read, type WorkBook, type WorkSheet } from "@e965/xlsx";
import type { CellValue, Grid } from "../../../surveys/format/spreadsheet/columns.ts";
import type { SheetProblem } from "../../../surveys/format/spreadsheet/read-table.ts";
import { ZipWriter } from "../../export/xlsx/zip-writer.ts";
import { unzipXlsx } from "./safe-unzip.ts";

export const SHEET_LIMITS = { rows: 5000, columns: 40, sheets: 20 };

export type ReadXlsx = { ok: true; grids: Grid[] } | { ok: false; problems: SheetProblem[] };

const whole = (message: string): ReadXlsx => ({
  ok: false,
  problems: [{ sheet: "(文件)", row: null, column: null, message }],
});

/** Only the vetted parts, re-zipped: SheetJS never reads a byte the limits did not pass. */
async function rezip(parts: Map<string, Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const zip = new ZipWriter(sink);
  for (const [name, bytes] of parts) await zip.addEntry(name, [bytes]);
  await zip.finish();
  return Buffer.concat(chunks);
}

function cellValue(cell: { t?: string; v?: unknown; w?: string } | undefined): CellValue {
  if (!cell || cell.v === undefined || cell.v === null) return null;
  if (cell.t === "e") return cell.w ?? "#错误";
  if (typeof cell.v === "number" || typeof cell.v === "boolean" || typeof cell.v === "string")
    return cell.v;
  return String(cell.v);
}

function toGrid(name: string, sheet: WorkSheet, problems: SheetProblem[]): Grid {
  const data: ({ t?: string; v?: unknown; w?: string } | undefined)[][] = sheet["!data"] ?? [];
  // Not SheetJS's sheetRows: it drops later rows without a word. The 8 MB inflate budget
  // (safe-unzip.ts) already bounds how many cells a sheet can hold.
  if (data.length > SHEET_LIMITS.rows)
    problems.push({
      sheet: name,
      row: SHEET_LIMITS.rows + 1,
      column: null,
      message: `一张表最多读 ${SHEET_LIMITS.rows} 行：请删去多余的行`,
    });
  const rows: CellValue[][] = [];
  let beyond: { row: number; column: number } | null = null;
  for (let r = 0; r < Math.min(data.length, SHEET_LIMITS.rows); r++) {
    const cells = data[r] ?? [];
    const row: CellValue[] = [];
    for (let c = 0; c < Math.min(cells.length, SHEET_LIMITS.columns); c++)
      row[c] = cellValue(cells[c]);
    // SheetJS's dense rows are sparse arrays: one cell at column XFD makes a row 16,384 long.
    // Only the cells really set are looked at past the limit, never every empty slot.
    if (beyond === null && cells.length > SHEET_LIMITS.columns) {
      for (const key of Object.keys(cells)) {
        const c = Number(key);
        if (c < SHEET_LIMITS.columns) continue;
        const value = cellValue(cells[c]);
        if (value !== null && String(value).trim() !== "") {
          beyond = { row: r + 1, column: c + 1 };
          break;
        }
      }
    }
    rows.push(Array.from(row, (value) => value ?? null));
  }
  // Once per sheet: a sheet with 5,000 such rows is one mistake, not 5,000.
  if (beyond)
    problems.push({
      sheet: name,
      row: beyond.row,
      column: null,
      message: `一张表最多读 ${SHEET_LIMITS.columns} 列：第 ${beyond.column} 列起的内容无法导入`,
    });
  return { name, rows };
}

export async function readXlsx(bytes: Buffer): Promise<ReadXlsx> {
  const unzipped = unzipXlsx(bytes);
  if (!unzipped.ok) return whole(unzipped.message);
  let book: WorkBook;
  try {
    book = read(await rezip(unzipped.parts), {
      type: "buffer",
      dense: true,
      cellFormula: false,
      cellHTML: false,
      cellNF: false,
      cellStyles: false,
      cellDates: false,
      bookVBA: false,
    });
  } catch {
    return whole("文件无法读取：请在 WPS 或 Excel 中另存为 .xlsx 后再导入");
  }
  if (book.SheetNames.length > SHEET_LIMITS.sheets)
    return whole(`文件有 ${book.SheetNames.length} 张表，超过上限 ${SHEET_LIMITS.sheets}`);
  const problems: SheetProblem[] = [];
  const grids = book.SheetNames.map((name) => {
    const sheet = book.Sheets[name];
    return sheet ? toGrid(name, sheet, problems) : { name, rows: [] };
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, grids };
}
