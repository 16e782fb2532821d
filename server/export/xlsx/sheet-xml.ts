// One worksheet's XML in three parts: the head (views, widths), one <row> at a time, and the tail
// (merges, print setup). Element order is fixed by ECMA-376 Part 1 §18.3.1.99, noted where it bites.
import { columnName, MAX_ROWS } from "./cell-refs.ts";
import { printTailXml, sheetPropertiesXml } from "./print-setup.ts";
import { wrappedRowHeight } from "./row-height.ts";
import type { CellInput, PrintSetup, SheetLayout, SheetRow } from "./sheet-types.ts";
import type { StyleRegistry } from "./styles.ts";
import { escapeXml, needsPreserve } from "./xml-text.ts";

/** Excel's tallest row, in points. */
const MAX_ROW_HEIGHT = 409;

const NAMESPACES =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function paneXml(rows: number, columns: number): string {
  if (rows <= 0 && columns <= 0) return "";
  const pane = rows > 0 ? (columns > 0 ? "bottomRight" : "bottomLeft") : "topRight";
  const split = `${columns > 0 ? ` xSplit="${columns}"` : ""}${rows > 0 ? ` ySplit="${rows}"` : ""}`;
  const topLeft = `${columnName(columns)}${rows + 1}`;
  return (
    `<pane${split} topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}" activeCell="${topLeft}" sqref="${topLeft}"/>`
  );
}

/** Everything before the first row. `selected`: the tab Excel shows on opening. */
export function sheetHead(layout: SheetLayout, selected: boolean): string {
  const { rows = 0, columns = 0 } = layout.freeze ?? {};
  const widths = (layout.columnWidths ?? []).map(
    (width, i) => `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
    `<worksheet ${NAMESPACES}>`,
    sheetPropertiesXml(layout.print),
    `<sheetViews><sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ""}>`,
    `${paneXml(rows, columns)}</sheetView></sheetViews>`,
    '<sheetFormatPr defaultRowHeight="15"/>',
    widths.length > 0 ? `<cols>${widths.join("")}</cols>` : "",
    "<sheetData>",
  ].join("");
}

function cellXml(
  ref: string,
  input: CellInput,
  row: { bold: boolean; wrap: boolean },
  styles: StyleRegistry,
): string {
  const formatted = input !== null && typeof input === "object";
  const value = formatted ? input.value : input;
  const style = styles.styleId({ ...row, numFmt: formatted ? input.numFmt : undefined });
  const s = style === 0 ? "" : ` s="${style}"`;
  if (value === null) return s === "" ? "" : `<c r="${ref}"${s}/>`;
  // NaN and Infinity have no place in <v>; as text they at least show what went wrong.
  if (typeof value === "number" && Number.isFinite(value))
    return `<c r="${ref}"${s}><v>${value}</v></c>`;
  const text = String(value);
  const space = needsPreserve(text) ? ' xml:space="preserve"' : "";
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${escapeXml(text)}</t></is></c>`;
}

/** The row's height: its own, else for wrapped text one estimated from the column widths. */
function rowHeight(row: SheetRow, widths: number[]): number | undefined {
  if (row.height !== undefined || !row.wrap) return row.height;
  const values = row.cells.map((cell) =>
    cell !== null && typeof cell === "object" ? cell.value : cell,
  );
  return wrappedRowHeight(values, widths, row.merges);
}

/**
 * One <row>; `number` is 1-based. Strings go inline, which needs no shared table in memory.
 * `widths`: the sheet's column widths, for the height of wrapped text.
 */
export function rowXml(
  row: SheetRow,
  number: number,
  styles: StyleRegistry,
  widths: number[] = [],
): string {
  if (number > MAX_ROWS) throw new Error(`row ${number} is past Excel's ${MAX_ROWS} rows`);
  const look = { bold: row.bold ?? false, wrap: row.wrap ?? false };
  let cells = "";
  for (let i = 0; i < row.cells.length; i++) {
    cells += cellXml(`${columnName(i)}${number}`, row.cells[i] ?? null, look, styles);
  }
  // A bold or wrapping row is so also in cells typed into it later.
  const styled = look.bold || look.wrap;
  const s = styled ? ` s="${styles.styleId({ ...look, numFmt: undefined })}" customFormat="1"` : "";
  if (row.height !== undefined && !(row.height > 0 && row.height <= MAX_ROW_HEIGHT))
    throw new Error(`row ${number}'s height ${row.height} is outside Excel's 0–409 points`);
  const height = rowHeight(row, widths);
  // A long answer is cut at Excel's tallest row rather than refused.
  const ht =
    height === undefined ? "" : ` ht="${Math.min(height, MAX_ROW_HEIGHT)}" customHeight="1"`;
  const attributes = `r="${number}"${s}${ht}`;
  return cells === "" ? `<row ${attributes}/>` : `<row ${attributes}>${cells}</row>`;
}

/** The merged ranges of one row, as refs like "B3:D3". */
export function mergeRefs(row: SheetRow, number: number): string[] {
  return (row.merges ?? []).map(
    ([from, to]) => `${columnName(from - 1)}${number}:${columnName(to - 1)}${number}`,
  );
}

/** Everything after the last row. */
export function sheetTail(merges: string[], print: PrintSetup | undefined): string {
  const merged = merges.map((ref) => `<mergeCell ref="${ref}"/>`).join("");
  return [
    "</sheetData>",
    merges.length > 0 ? `<mergeCells count="${merges.length}">${merged}</mergeCells>` : "",
    printTailXml(print),
    "</worksheet>",
  ].join("");
}
