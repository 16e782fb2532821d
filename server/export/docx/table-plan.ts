// How a table is cut to fit the page, from its content at print size: the width each column needs
// (figures never wrap), which columns go in which part, and about how tall a part prints.
import { SIZE } from "./gbt9704.ts";
import { textTwips } from "./text-width.ts";

/** The rule: tables print in 五号 (10.5 pt), 仿宋 with the head row in 黑体 bold. */
export const TABLE_SIZE = SIZE.wu;
export const CELL_MARGIN = 57; // 1 mm left and right of the text
const PADDING = 2 * CELL_MARGIN + 40; // margins plus the borders' share
const SAFETY = 1.05; // the estimate's slack over Times New Roman's widths
const EM = TABLE_SIZE * 10;
/** One line of 五号 with single spacing, plus the cell's top and bottom margins. */
const LINE = Math.ceil(EM * 1.2);
const ROW_EXTRA = 60 + 20;

export interface PrintTable {
  head: string[];
  rows: string[][];
  /** Columns printed in every part: the labels and 全体. */
  keyColumns: number;
  /** Columns of words that may wrap (option labels, aspects); all others keep each cell on one line. */
  wrapColumns: number[];
}

/** "乡镇班子成员（n=96）" prints its size on a line of its own, never broken. */
export function splitHeading(text: string): [string, string | null] {
  const match = /^(.+?)(（n=\d+）)$/.exec(text);
  return match?.[1] && match[2] ? [match[1], match[2]] : [text, null];
}

const need = (text: string, bold = false) => Math.ceil(textTwips(text, TABLE_SIZE, bold) * SAFETY);

/** The narrowest width each column may have. */
export function columnWidths(table: PrintTable): number[] {
  return table.head.map((heading, c) => {
    const cells = table.rows.map((row) => row[c] ?? "");
    const [label, size] = splitHeading(heading);
    if (table.wrapColumns.includes(c)) {
      const longest = Math.max(need(label, true), ...cells.map((t) => need(t)));
      return Math.min(Math.max(longest, 4 * EM), 8 * EM) + PADDING;
    }
    const figures = Math.max(0, ...cells.map((t) => need(t)), size ? need(size, true) : 0);
    return Math.max(figures, Math.min(need(label, true), 3 * EM)) + PADDING;
  });
}

/** What a wrap column would take to print its longest text on one line. */
export function unwrappedWidth(table: PrintTable, c: number): number {
  const texts = [splitHeading(table.head[c] ?? "")[0], ...table.rows.map((row) => row[c] ?? "")];
  return Math.max(...texts.map((t) => need(t, true))) + PADDING;
}

/** Columns per part: the key columns, then as many others as fit, the parts as even as they can be. */
export function planParts(widths: number[], keyColumns: number, pageWidth: number): number[][] {
  const key = widths.slice(0, keyColumns).map((_, i) => i);
  const rest = widths.map((_, i) => i).slice(keyColumns);
  const sum = (columns: number[]) => columns.reduce((s, c) => s + (widths[c] ?? 0), 0);
  const room = pageWidth - sum(key);
  const greedy: number[][] = [];
  for (const c of rest) {
    const last = greedy[greedy.length - 1];
    if (last && sum(last) + (widths[c] ?? 0) <= room) last.push(c);
    else greedy.push([c]);
  }
  if (greedy.length <= 1) return [[...key, ...rest]];
  // Even counts read better (6 + 5 rather than 8 + 3) where they fit.
  const size = Math.ceil(rest.length / greedy.length);
  const even = greedy.map((_, p) => rest.slice(p * size, (p + 1) * size));
  return (even.every((part) => sum(part) <= room) ? even : greedy).map((part) => [...key, ...part]);
}

/** About how tall a part prints (twips), its caption and head row included; rounded up. */
export function partHeight(table: PrintTable, columns: number[], widths: number[]): number {
  const lines = (text: string, i: number, bold = false) => {
    const room = Math.max(EM, (widths[i] ?? 0) - PADDING);
    return Math.max(1, Math.ceil(need(text, bold) / room));
  };
  const headLines = Math.max(
    ...columns.map((c, i) => {
      const [label, size] = splitHeading(table.head[c] ?? "");
      return lines(label, i, true) + (size ? 1 : 0);
    }),
  );
  const bodyLines = table.rows.map((row) =>
    Math.max(...columns.map((c, i) => lines(row[c] ?? "", i))),
  );
  const rows = [2, headLines, ...bodyLines];
  return rows.reduce((sum, n) => sum + n * LINE + ROW_EXTRA, 0);
}
