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
  /** Text wraps within its cell; spreadsheet programs fit the row's height unless `height` is set. */
  wrap?: boolean;
  /** In points. Needed where text wraps in merged cells, which no program fits by itself. */
  height?: number;
  /** 1-based column ranges to merge within this row, e.g. [2, 4] for B:D. */
  merges?: [number, number][];
}

/**
 * How a sheet prints, always on A4 (the paper of a Chinese office): the page setup follows the
 * cells, but repeated rows become a defined name in workbook.xml, so all of it is known up front.
 */
export interface PrintSetup {
  orientation: "portrait" | "landscape";
  /** Scales the columns onto one page's width; pages run down as far as the rows go. */
  fitToWidth: boolean;
  /** Prints the cell grid, the only ruling our unbordered tables have on paper. */
  gridLines: boolean;
  /** 1-based first and last row repeated at the top of every printed page. */
  titleRows?: [number, number];
  /** Page header and footer in Excel's codes (&C centre, &P page, &N pages); see headerFooterText. */
  header?: string;
  footer?: string;
}

/**
 * Everything that must be known before the first row: SpreadsheetML puts views and column widths
 * ahead of the cells, and the print titles go into workbook.xml.
 */
export interface SheetLayout {
  /** At most 31 characters, none of []:*?/\, unique in the workbook (see createSheetNamer). */
  name: string;
  /** Widths in characters from column A; widths past the end keep Excel's default. */
  columnWidths?: number[];
  /** Rows from the top and columns from the left that stay in view while scrolling. */
  freeze?: { rows: number; columns?: number };
  print?: PrintSetup;
}
