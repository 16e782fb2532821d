// How every output rounds a share and heads a column: the console and all four downloads import
// these, so no two of them can print 28.7% and 28.8% for the same 23 of 80.
import type { Column, HiddenReason, QuestionTable, Row } from "./results-schemas.ts";

/**
 * count/base in tenths of a percent, half up on the exact fraction: 23/80 = 28.75% → 288. Integers
 * only: as a double 0.2875 is a hair under it, and toFixed(1) of 28.749999… gives 28.7.
 */
export function shareInTenths(count: number, base: number): number {
  if (!Number.isSafeInteger(count) || !Number.isSafeInteger(base) || count < 0 || base <= 0)
    throw new RangeError(`no share of ${count} in ${base}`);
  // floor(1000·count/base + 1/2) = floor((2000·count + base) / (2·base)), exactly.
  const numerator = 2000 * count + base;
  const denominator = 2 * base;
  return (numerator - (numerator % denominator)) / denominator;
}

/** "28.8%": always one decimal, so a column of figures lines up. */
export function formatShare(count: number, base: number): string {
  const tenths = shareInTenths(count, base);
  return `${Math.trunc(tenths / 10)}.${tenths % 10}%`;
}

/** The printed share as a fraction (0.288), for spreadsheet cells formatted 0.0%. */
export const shareFraction = (count: number, base: number): number =>
  shareInTenths(count, base) / 1000;

/** The printed share in percent points (28.8), for the CSV. */
export const sharePoints = (count: number, base: number): number => shareInTenths(count, base) / 10;

/**
 * The base a row's shares are of in column i: those shown the question, except 未显示, whose base
 * is everyone in the column (its count is those not shown it). null when it is not published.
 */
export function rowBase(q: QuestionTable, row: Row, columns: Column[], i: number): number | null {
  if ((q.hidden[i] ?? null) !== null) return null;
  if (row.kind !== "notShown") return q.bases[i] ?? null;
  const column = columns[i];
  return column && column.hidden === null ? column.n : null;
}

/** What a hidden figure prints: "<5" only where the group really is under k. */
export function hiddenFigure(reason: HiddenReason | null, k: number): string {
  return reason === null || reason === "small" ? `<${k}` : "不显示";
}

/** A column header's size: "n=78", or why it shows no figures, never a size it does not have. */
export function columnSizeText(
  base: number | null,
  hidden: HiddenReason | null,
  k: number,
): string {
  if (hidden === "complementary") return "为保护其他组而不显示";
  if (hidden === "differencing") return "差分保护，不显示";
  if (hidden === "small" || base === null) return `人数少于${k}，不显示`;
  if (base === 0) return "无人作答";
  return `n=${base}`;
}

/** "企业负责人（n=23）", "一般干部（人数少于5，不显示）", "个体户（无人作答）". */
export const columnHeading = (
  label: string,
  base: number | null,
  hidden: HiddenReason | null,
  k: number,
): string => `${label}（${columnSizeText(base, hidden, k)}）`;

/** The survey's own non-substantive option labels, as a table's rows name them: "说不清、不确定". */
export function nonSubstantiveNames(q: Pick<QuestionTable, "rows">): string {
  const names = q.rows.filter((r) => r.kind === "option" && r.nonSubstantive).map((r) => r.label);
  return names.map((name) => `“${name}”`).join("、");
}

/** The valid base's label, from the question's own non-substantive options. */
export const validBaseLabel = (q: Pick<QuestionTable, "rows">): string =>
  `有效基数（不含${nonSubstantiveNames(q)}及未作答）`;

/** The 未显示 row's base: everyone in the column, whether shown the question or not. */
export const NOT_SHOWN_BASE_LABEL = "未显示的基数（该列全部人数）";
