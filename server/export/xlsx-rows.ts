// Makes the rows of the Excel download: every text through the formula guard, shares as numbers.
import { neutralizeFormula } from "./formula-guard.ts";
import type { CellValue, FormattedCell, SheetRow } from "./xlsx/sheet-types.ts";

export type PlainValue = CellValue;
export type StyledValue = FormattedCell;
export type SheetValue = PlainValue | StyledValue;

/** Shares are stored as fractions and shown as percentages, so sums and charts still work. */
export const PERCENT_FORMAT = "0.0%";

export function percentValue(fraction: number): StyledValue {
  return { value: fraction, numFmt: PERCENT_FORMAT };
}

function isStyled(value: SheetValue): value is StyledValue {
  return value !== null && typeof value === "object";
}

const guard = (value: PlainValue): PlainValue =>
  typeof value === "string" ? neutralizeFormula(value) : value;

export interface RowOptions {
  bold?: boolean;
  /** Text wraps in its cell (labels, headings and notes that would spill over the figures). */
  wrap?: boolean;
  /** 1-based column ranges to merge within the row. */
  merge?: [number, number][];
}

/** One row as the xlsx writer takes it; the raw sheet streams these from a generator. */
export function guardedRow(values: SheetValue[], options: RowOptions = {}): SheetRow {
  const cells = values.map((v) =>
    isStyled(v) ? { value: guard(v.value), numFmt: v.numFmt } : guard(v),
  );
  return { cells, bold: options.bold, wrap: options.wrap, merges: options.merge };
}

/** For the small sheets, built whole in memory before they are written. */
export function appendRow(sheet: SheetRow[], values: SheetValue[], options: RowOptions = {}): void {
  sheet.push(guardedRow(values, options));
}

/** Excel's limits: at most 31 characters, none of []:*?/\, unique without regard to case. */
export function createSheetNamer(reserved: string[]): (wanted: string) => string {
  // "History" is reserved by Excel itself for change tracking.
  const used = new Set(["history", ...reserved.map((name) => name.toLowerCase())]);
  return (wanted) => {
    const base = wanted.replace(/[[\]:*?/\\]/g, "_").replace(/^'+|'+$/g, "") || "Sheet";
    let name = base.slice(0, 31);
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = `~${n}`;
      name = base.slice(0, 31 - suffix.length) + suffix;
    }
    used.add(name.toLowerCase());
    return name;
  };
}

/**
 * A line of text across the whole table, wrapped: text running past the last column would be cut
 * off on paper, where only the table's own columns are printed.
 */
export function appendSentence(
  sheet: SheetRow[],
  text: string,
  columnWidths: number[],
  options: { bold?: boolean } = {},
): void {
  const merge: [number, number][] | undefined =
    columnWidths.length > 1 ? [[1, columnWidths.length]] : undefined;
  appendRow(sheet, [text], { ...options, wrap: true, merge });
}
