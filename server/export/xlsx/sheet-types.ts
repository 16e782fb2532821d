// What a worksheet is made of, as the xlsx writer takes it: a layout fixed up front, then rows.

export type CellValue = string | number | null;

/** A value with an Excel number format, e.g. a share stored as 0.288 and shown as "28.8%". */
export interface FormattedCell {
  value: CellValue;
  numFmt: string;
}

export type CellInput = CellValue | FormattedCell;

export interface SheetRow {
  /** From column A; null leaves a cell empty. */
  cells: CellInput[];
  bold?: boolean;
  /** 1-based column ranges to merge within this row, e.g. [2, 4] for B:D. */
  merges?: [number, number][];
}

/**
 * Everything that must be known before the first row: SpreadsheetML puts views and column widths
 * ahead of the cells. Page setup for printing (orientation, fit to width, repeated header rows,
 * header/footer) would be one more optional field here: sheet-xml.ts has its places marked, and
 * repeated rows become a defined name in workbook.xml (package-parts.ts).
 */
export interface SheetLayout {
  /** At most 31 characters, none of []:*?/\, unique in the workbook (see createSheetNamer). */
  name: string;
  /** Widths in characters from column A; widths past the end keep Excel's default. */
  columnWidths?: number[];
  /** Rows from the top and columns from the left that stay in view while scrolling. */
  freeze?: { rows: number; columns?: number };
}
