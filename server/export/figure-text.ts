// How every download prints a figure: shares with one decimal, "<k" wherever a figure is hidden.
import type {
  Cell,
  ChiSquare,
  Column,
  HiddenReason,
  QuestionTable,
  Row,
  Tabulation,
} from "../tabulate/results-schemas.ts";

/** Printed in place of any hidden base, count or share: never an estimate of it. */
export function markHidden(k: number): string {
  return `<${k}`;
}

/** 0.42105 → "42.1%" */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
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

export type ShownCell = Cell & { count: number; percent: number };

/** A cell with both figures shown, or null when its column, its row or the cell is suppressed. */
export function shownCell(q: QuestionTable, row: Row, i: number): ShownCell | null {
  if (shownBase(q, i) === null || row.hidden !== null) return null;
  const cell = row.cells[i];
  if (!cell || cell.count === null || cell.percent === null) return null;
  return { ...cell, count: cell.count, percent: cell.percent };
}

/** Why column i is hidden; a missing base without a reason is treated as too small. */
export function hiddenReasonOf(q: QuestionTable, i: number): HiddenReason {
  return q.hidden[i] ?? "small";
}

/** "企业负责人 (n=23)" or "一般干部 (<5)" */
export function columnHeading(label: string, base: number | null, k: number): string {
  return base === null ? `${label} (${markHidden(k)})` : `${label} (n=${base})`;
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

export const MULTIPLE_BASE_NOTE =
  "多选题的占比以看到该题的人数为基数，每人可选多项，各选项占比之和可能超过 100%。";

export const KIND_LABELS: Record<QuestionTable["kind"], string> = {
  single: "单选题",
  multiple: "多选题",
  shortText: "简答题",
  longText: "问答题",
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
