// The height of a row whose text wraps. Neither Excel nor LibreOffice fits a row to wrapped text
// in merged cells, and LibreOffice fits none on opening a file, so the writer estimates it.

/** Excel's width where a column has none set, in characters. */
export const DEFAULT_COLUMN_WIDTH = 8.43;

/** One line of 11-point text, with the leading the CJK fallback fonts need. */
const LINE_POINTS = 15;

/**
 * Width in Excel's character units (the width of a digit): a CJK or full-width character takes a
 * little over two, and Latin text set in a substitute for Calibri runs wider than Calibri.
 */
export function textWidth(text: string): number {
  let width = 0;
  for (const c of text) width += (c.codePointAt(0) ?? 0) >= 0x2e80 ? 2.1 : 1.1;
  return width;
}

/** Lines `text` takes in a column `width` characters wide, less the cell's padding. */
function linesIn(text: string, width: number): number {
  const room = Math.max(1, width - 0.8);
  return text
    .split("\n")
    .reduce((sum, line) => sum + Math.max(1, Math.ceil(textWidth(line) / room)), 0);
}

/**
 * Points for a wrapped row, or undefined when every cell fits on one line (the default height).
 * `widths` from column A; a merged range's text has the range's width.
 */
export function wrappedRowHeight(
  cells: (string | number | null)[],
  widths: number[],
  merges: [number, number][] = [],
): number | undefined {
  const widthOf = (i: number) => widths[i] ?? DEFAULT_COLUMN_WIDTH;
  let lines = 1;
  cells.forEach((value, i) => {
    if (value === null || value === "") return;
    const merge = merges.find(([first]) => first === i + 1);
    let width = widthOf(i);
    if (merge) for (let c = merge[0]; c < merge[1]; c++) width += widthOf(c);
    lines = Math.max(lines, linesIn(String(value), width));
  });
  return lines > 1 ? lines * LINE_POINTS + 2 : undefined;
}
