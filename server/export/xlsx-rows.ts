// Appends rows to a streaming worksheet: every text through the formula guard, shares as numbers.
import type { Worksheet } from "exceljs";
import { neutralizeFormula } from "./formula-guard.ts";

export type PlainValue = string | number | null;
export interface StyledValue {
  value: PlainValue;
  numFmt: string;
}
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
  /** 1-based column ranges to merge; the streaming writer only merges rows not yet committed. */
  merge?: [number, number][];
}

/** Adds and commits one row, so it leaves memory at once. */
export function appendRow(ws: Worksheet, values: SheetValue[], options: RowOptions = {}): void {
  const row = ws.addRow(values.map((v) => guard(isStyled(v) ? v.value : v)));
  values.forEach((v, i) => {
    if (isStyled(v)) row.getCell(i + 1).numFmt = v.numFmt;
  });
  if (options.bold) row.font = { bold: true };
  for (const [from, to] of options.merge ?? []) ws.mergeCells(row.number, from, row.number, to);
  row.commit();
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
