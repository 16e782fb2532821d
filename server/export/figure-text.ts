// How every download prints a figure: shares rounded by figure-rules.ts, and wherever a figure is
// hidden, words that say why ("<k" only for a group that really is under k).
import {
  columnHeading,
  formatShare,
  hiddenFigure,
  rowBase,
  shareFraction,
  sharePoints,
} from "../tabulate/figure-rules.ts";
import type {
  ChiSquare,
  Column,
  HiddenReason,
  QuestionTable,
  Row,
  Tabulation,
} from "../tabulate/results-schemas.ts";

/** The mark of a figure under k; a figure hidden for another reason prints hiddenFigure()'s words. */
export function markHidden(k: number): string {
  return `<${k}`;
}

/**
 * The base a writer may print for column i, or null. A column hidden for this question stays
 * hidden even if a base came along, so no writer can leak it by reading the wrong field.
 */
export function shownBase(q: QuestionTable, i: number): number | null {
  if ((q.hidden[i] ?? null) !== null) return null;
  return q.bases[i] ?? null;
}

/** A column's respondents, or null when the column is hidden (even if a count came along). */
export function shownColumnSize(column: Column | undefined): number | null {
  return !column || column.hidden !== null ? null : column.n;
}

export function shownValidBase(q: QuestionTable, i: number): number | null {
  return shownBase(q, i) === null ? null : (q.validBases?.[i] ?? null);
}

/** One cell as every writer prints it: figures with their bases, an empty column, or hidden. */
export type Figure =
  | {
      kind: "shown";
      count: number;
      /** The base of `share`: those shown the question, or the whole column for 未显示. */
      base: number;
      share: string;
      /** The printed share as a fraction and in points: the same rounding as `share`. */
      fraction: number;
      points: number;
      /** The share without non-substantive answers, when this row has one. */
      valid: { base: number; share: string; fraction: number; points: number } | null;
    }
  | { kind: "empty"; base: 0 }
  | { kind: "hidden"; reason: HiddenReason | null; mark: string };

function shareOf(count: number, base: number) {
  return {
    share: formatShare(count, base),
    fraction: shareFraction(count, base),
    points: sharePoints(count, base),
  };
}

/** Cell i of a row, with its share computed from the integers, never from a float. */
export function figureOf(q: QuestionTable, row: Row, tab: Tabulation, i: number): Figure {
  const reason = row.hidden ?? q.hidden[i] ?? null;
  const base = rowBase(q, row, tab.columns, i);
  const cell = row.cells[i];
  const hidden = { kind: "hidden" as const, reason, mark: hiddenFigure(reason, tab.minBase) };
  if (reason !== null || base === null || !cell || cell.count === null) return hidden;
  if (base === 0) return { kind: "empty", base: 0 };
  const validBase = shownValidBase(q, i);
  const valid =
    validBase !== null && validBase > 0 && cell.validPercent !== null
      ? { base: validBase, ...shareOf(cell.count, validBase) }
      : null;
  return { kind: "shown", count: cell.count, base, ...shareOf(cell.count, base), valid };
}

/** Why column i is hidden; a missing base without a reason is treated as too small. */
export function hiddenReasonOf(q: QuestionTable, i: number): HiddenReason {
  return q.hidden[i] ?? "small";
}

/** This question's header of column i: its size or why it has none (figure-rules.ts). */
export function headingOf(q: QuestionTable, tab: Tabulation, i: number): string {
  const label = tab.columns[i]?.label ?? "";
  return columnHeading(label, shownBase(q, i), q.hidden[i] ?? null, tab.minBase);
}

/** A base row's figure: the number, or the words of why it is not shown. */
export function baseText(q: QuestionTable, tab: Tabulation, i: number, base: number | null) {
  return base === null ? hiddenFigure(q.hidden[i] ?? null, tab.minBase) : base;
}

/** Does the table have a 未显示 row, whose base is the column rather than the question? */
export const hasNotShownRow = (q: QuestionTable) => q.rows.some((r) => r.kind === "notShown");

/** The 未显示 row's base in column i (the column's respondents), or null when not published. */
export function notShownBase(q: QuestionTable, tab: Tabulation, i: number): number | null {
  const row = q.rows.find((r) => r.kind === "notShown");
  return row ? rowBase(q, row, tab.columns, i) : null;
}

/** Completes "{group}：…，按规定不予发布。" in plain words. */
export function describeHiddenReason(reason: HiddenReason, k: number): string {
  switch (reason) {
    case "small":
      return `回答人数少于 ${k} 人`;
    case "complementary":
      return "为避免通过相减推算出人数较少组别的结果";
    case "differencing":
      return `与此前已发布的结果对照，可能识别出少于 ${k} 人的组别`;
  }
}

/** What the marks in a table mean, printed with every table download. */
export const describeMarks = (k: number): string =>
  `“<${k}”表示该组人数少于 ${k}，数字按规定不予发布；“不显示”表示该组并非因人数不足，而是为防止相减推算出其他组（或与此前发布的结果相减）而一并不予发布，其人数也不说明；“无人作答”的列没有占比。`;

export const MULTIPLE_BASE_NOTE =
  "多选题的占比以看到该题的人数为基数，每人可选多项，各选项占比之和可能超过 100%。";

export const KIND_LABELS: Record<QuestionTable["kind"], string> = {
  single: "单选题",
  multiple: "多选题",
  shortText: "简答题",
  longText: "问答题",
  matrix: "矩阵题",
};

export function describeChiSquare(chi: ChiSquare | null): string | null {
  if (chi === null) return null;
  if ("skipped" in chi) return `卡方检验：未进行（${chi.skipped}）。`;
  const p = chi.p < 0.001 ? "p < 0.001" : `p = ${chi.p.toFixed(3)}`;
  const line = `卡方检验：χ² = ${chi.statistic.toFixed(2)}，自由度 = ${chi.df}，${p}。`;
  if (chi.lowExpectedCells === 0) return line;
  return `${line}注意：${chi.cells} 个格子中有 ${chi.lowExpectedCells} 个的期望频数小于 5，检验结果仅供参考。`;
}

export function describeDays(tab: Tabulation): string {
  return tab.days ? `${tab.days.first} 至 ${tab.days.last}` : "（无回答）";
}

export function describeFilters(tab: Tabulation): string {
  const { channels, from, to } = tab.filters;
  const channelText = channels.length > 0 ? channels.join("、") : "全部";
  const dayText = from || to ? `${from ?? "最早"} 至 ${to ?? "最近"}` : "不限";
  return `渠道：${channelText}；日期：${dayText}`;
}
