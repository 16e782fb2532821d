// Small-sample statistics for the results tables: a proportion's Wilson interval and the
// Pearson chi-square test of independence between a question's options and the banner groups.
import { chiSquareSurvival } from "./chi-square.ts";
import type { ChiSquare } from "./results-schemas.ts";

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/** An expected count under this makes the chi-square approximation doubtful (Cochran's rule). */
const LOW_EXPECTED = 5;

const clampUnit = (x: number): number => Math.min(1, Math.max(0, x));

/**
 * Wilson score interval for count/n, as fractions. Unlike the Wald interval it stays inside
 * [0, 1] and is not degenerate at 0/n or n/n, which small survey groups hit all the time.
 */
export function wilsonInterval(count: number, n: number, z = Z95): [number, number] | null {
  if (n <= 0) return null;
  const p = count / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // The exact interval always holds count/n, reaching 0 at 0/n and 1 at n/n. Rounding misses by
  // an ulp (0/n gave 1.4e-17, n/n 0.9999999999999999): an interval that excludes the share.
  const share = clampUnit(p);
  return [Math.min(clampUnit(center - half), share), Math.max(clampUnit(center + half), share)];
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/**
 * Pearson chi-square test of independence, without continuity correction. Rows are options,
 * columns are groups. All-zero rows and columns are dropped first: an option nobody chose or an
 * empty group carries no information and would only put zeros in the denominators.
 */
export function chiSquareTest(table: number[][]): ChiSquare {
  const width = Math.max(0, ...table.map((row) => row.length));
  const cell = (i: number, j: number): number => table[i]?.[j] ?? 0;
  const rowTotals = table.map((_, i) => sum(Array.from({ length: width }, (_, j) => cell(i, j))));
  const colTotals = Array.from({ length: width }, (_, j) => sum(table.map((_, i) => cell(i, j))));
  const rows = rowTotals.flatMap((total, i) => (total > 0 ? [i] : []));
  const cols = colTotals.flatMap((total, j) => (total > 0 ? [j] : []));
  if (rows.length < 2 || cols.length < 2) return { skipped: "有效行或列少于 2，无法检验" };

  const grandTotal = sum(rowTotals);
  let statistic = 0;
  let lowExpectedCells = 0;
  for (const i of rows) {
    for (const j of cols) {
      const expected = ((rowTotals[i] ?? 0) * (colTotals[j] ?? 0)) / grandTotal;
      statistic += (cell(i, j) - expected) ** 2 / expected;
      if (expected < LOW_EXPECTED) lowExpectedCells++;
    }
  }
  const df = (rows.length - 1) * (cols.length - 1);
  const p = chiSquareSurvival(statistic, df);
  return { statistic, df, p, lowExpectedCells, cells: rows.length * cols.length };
}
