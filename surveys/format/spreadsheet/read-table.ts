// Reads one sheet as a table: finds its header row, maps headers to column keys, and yields the
// non-empty rows below with each cell's position as WPS shows it (survey!C7).
import { isBlank, type Read } from "./cell-values.ts";
import { type CellValue, type Column, columnLetter, type Grid, matchHeader } from "./columns.ts";

/** A problem in the file, where WPS would show it: row 1-based, column a letter; null = whole sheet. */
export interface SheetProblem {
  sheet: string;
  row: number | null;
  column: string | null;
  message: string;
}

export interface TableRow {
  /** 1-based, as WPS numbers rows. */
  row: number;
  /** Column key → the cell's value (absent when the sheet has no such column). */
  values: Record<string, CellValue>;
}

export interface Table {
  sheet: string;
  /** Column key → its letter in this sheet. */
  letters: Record<string, string>;
  rows: TableRow[];
}

const clean = (value: CellValue | undefined): CellValue => value ?? null;

/** A second header row, e.g. English keys over Chinese labels: every cell names its own column. */
function isLabelRow(cells: CellValue[], keys: (string | undefined)[], columns: Column[]): boolean {
  let named = 0;
  for (const [i, value] of cells.entries()) {
    if (isBlank(clean(value))) continue;
    const key = keys[i];
    if (key === undefined || key === "ignore") continue;
    if (matchHeader(String(value), columns) !== key) return false;
    named++;
  }
  return named > 0;
}

export function readTable(grid: Grid, columns: Column[], problems: SheetProblem[]): Table {
  const table: Table = { sheet: grid.name, letters: {}, rows: [] };
  const start = grid.rows.findIndex((cells) => cells.some((value) => !isBlank(clean(value))));
  if (start < 0) return table;
  const headerCells = grid.rows[start] ?? [];
  const keys = headerCells.map((value, i) => {
    const text = String(value ?? "");
    if (text.trim() === "") return undefined;
    const key = matchHeader(text, columns);
    const at = { sheet: grid.name, row: start + 1, column: columnLetter(i) };
    if (key === undefined) {
      const known = columns.map((c) => c.key).join("、");
      problems.push({
        ...at,
        message: `不认识的列“${text.trim()}”（可用：${known}；或以“备注”开头）`,
      });
      return "ignore";
    }
    if (key === "ignore") return key;
    if (table.letters[key] !== undefined) {
      problems.push({
        ...at,
        message: `“${text.trim()}”列重复了（已在 ${table.letters[key]} 列）`,
      });
      return "ignore";
    }
    table.letters[key] = columnLetter(i);
    return key;
  });
  for (let r = start + 1; r < grid.rows.length; r++) {
    const cells = grid.rows[r] ?? [];
    if (r === start + 1 && isLabelRow(cells, keys, columns)) continue;
    const values: Record<string, CellValue> = {};
    let filled = false;
    for (const [i, value] of cells.entries()) {
      const key = keys[i];
      const cell = clean(value);
      if (isBlank(cell)) continue;
      if (key === "ignore") continue;
      if (key === undefined) {
        // A value under no header would otherwise vanish without a word.
        problems.push({
          sheet: grid.name,
          row: r + 1,
          column: columnLetter(i),
          message: "这一列没有表头，内容无法导入：请填表头或删去",
        });
        continue;
      }
      values[key] = cell;
      filled = true;
    }
    if (filled) table.rows.push({ row: r + 1, values });
  }
  return table;
}

/**
 * For one row: `at` reports a problem at one of its cells, `read` parses a cell with `reader` and
 * reports what it refuses there (undefined then), so every sheet names places the same way.
 */
export function rowCells(table: Table, { row, values }: TableRow, problems: SheetProblem[]) {
  const at = (column: string, message: string) =>
    problems.push({ sheet: table.sheet, row, column: table.letters[column] ?? null, message });
  const read = <T>(column: string, reader: (value: CellValue) => Read<T>): T | undefined => {
    const result = reader(values[column] ?? null);
    if (result.ok) return result.value;
    at(column, result.message);
    return undefined;
  };
  return { at, read };
}
