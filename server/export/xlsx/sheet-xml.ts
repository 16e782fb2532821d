// One worksheet's XML in three parts: the head (views, widths), one <row> at a time, and the tail
// (merges, margins). Element order is fixed by ECMA-376 Part 1 §18.3.1.99, noted where it bites.
import { columnName, MAX_ROWS } from "./cell-refs.ts";
import type { CellInput, SheetLayout, SheetRow } from "./sheet-types.ts";
import type { StyleRegistry } from "./styles.ts";
import { escapeXml, needsPreserve } from "./xml-text.ts";

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
    // Printing's <sheetPr><pageSetUpPr fitToPage="1"/></sheetPr> would go here, first.
    `<sheetViews><sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ""}>`,
    `${paneXml(rows, columns)}</sheetView></sheetViews>`,
    '<sheetFormatPr defaultRowHeight="15"/>',
    widths.length > 0 ? `<cols>${widths.join("")}</cols>` : "",
    "<sheetData>",
  ].join("");
}

function cellXml(ref: string, input: CellInput, bold: boolean, styles: StyleRegistry): string {
  const formatted = input !== null && typeof input === "object";
  const value = formatted ? input.value : input;
  const style = styles.styleId(bold, formatted ? input.numFmt : undefined);
  const s = style === 0 ? "" : ` s="${style}"`;
  if (value === null) return s === "" ? "" : `<c r="${ref}"${s}/>`;
  // NaN and Infinity have no place in <v>; as text they at least show what went wrong.
  if (typeof value === "number" && Number.isFinite(value))
    return `<c r="${ref}"${s}><v>${value}</v></c>`;
  const text = String(value);
  const space = needsPreserve(text) ? ' xml:space="preserve"' : "";
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${escapeXml(text)}</t></is></c>`;
}

/** One <row>; `number` is 1-based. Strings go inline, which needs no shared table in memory. */
export function rowXml(row: SheetRow, number: number, styles: StyleRegistry): string {
  if (number > MAX_ROWS) throw new Error(`row ${number} is past Excel's ${MAX_ROWS} rows`);
  const bold = row.bold ?? false;
  let cells = "";
  for (let i = 0; i < row.cells.length; i++) {
    cells += cellXml(`${columnName(i)}${number}`, row.cells[i] ?? null, bold, styles);
  }
  // A bold row is bold also in cells typed into it later.
  const s = bold ? ` s="${styles.styleId(true, undefined)}" customFormat="1"` : "";
  return cells === "" ? `<row r="${number}"${s}/>` : `<row r="${number}"${s}>${cells}</row>`;
}

/** The merged ranges of one row, as refs like "B3:D3". */
export function mergeRefs(row: SheetRow, number: number): string[] {
  return (row.merges ?? []).map(
    ([from, to]) => `${columnName(from - 1)}${number}:${columnName(to - 1)}${number}`,
  );
}

/** Everything after the last row. */
export function sheetTail(merges: string[]): string {
  const merged = merges.map((ref) => `<mergeCell ref="${ref}"/>`).join("");
  return [
    "</sheetData>",
    merges.length > 0 ? `<mergeCells count="${merges.length}">${merged}</mergeCells>` : "",
    // Excel's default margins. <printOptions> goes just before them; <pageSetup> and
    // <headerFooter> just after, in that order.
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
    "</worksheet>",
  ].join("");
}
