// Cuts a table too wide for its page into parts that each fit: no figure column is ever squeezed
// below its longest figure, which would wrap "16（42.1%）" or stack a label one character a line.

/** Printer's points per millimetre. */
const PT_PER_MM = 72 / 25.4;
/** A cell's left and right padding (1.5 mm each, report.css) and its border. */
const CELL_EXTRA_MM = 3.5;

/** A page's text width and the table's font size, as report.css sets them. */
export interface TableMeasure {
  widthMm: number;
  fontPt: number;
}

/** report.css: A4 landscape with 20 mm side margins; tables in 小四 (12 pt). */
export const LANDSCAPE: TableMeasure = { widthMm: 257, fontPt: 12 };
/** report.css: A4 portrait with the 公文 margins (28 mm left, 26 mm right). */
export const PORTRAIT: TableMeasure = { widthMm: 156, fontPt: 12 };

/**
 * Width in em, erring wide so a part never overflows: a CJK or full-width character is one em
 * (“（” included), a digit, “.” or “%” at most 0.6 in the fonts report.css names.
 */
export function emWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.6;
  return width;
}

const columnMm = (em: number, measure: TableMeasure) =>
  (em * measure.fontPt) / PT_PER_MM + CELL_EXTRA_MM;

/** n items in `parts` consecutive runs whose lengths differ by at most one, longer runs first. */
function balancedRuns(n: number, parts: number): number[][] {
  const runs: number[][] = [];
  let start = 0;
  for (let p = 0; p < parts; p++) {
    const length = Math.floor(n / parts) + (p < n % parts ? 1 : 0);
    runs.push(Array.from({ length }, (_, i) => start + i));
    start += length;
  }
  return runs;
}

/**
 * Figure columns (by index) per part, fewest parts first. `figureEm`: each figure column's widest
 * cell; `labelEm`: the room the repeated label columns need.
 */
export function splitColumns(
  figureEm: readonly number[],
  labelEm: number,
  measure: TableMeasure,
): number[][] {
  const room = measure.widthMm - columnMm(labelEm, measure);
  const widths = figureEm.map((em) => columnMm(em, measure));
  for (let parts = 1; parts < figureEm.length; parts++) {
    const runs = balancedRuns(figureEm.length, parts);
    const fits = runs.every((run) => run.reduce((sum, i) => sum + (widths[i] ?? 0), 0) <= room);
    if (fits) return runs;
  }
  return balancedRuns(figureEm.length, Math.max(figureEm.length, 1));
}
