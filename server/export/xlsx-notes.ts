// The workbook leaves a hidden figure as an empty cell, so that a column sums in Excel; the 说明
// column says why, wherever the column's heading ("一般干部（人数少于5，不显示）") does not already.
import { columnSizeText } from "../tabulate/figure-rules.ts";
import type { HiddenReason, QuestionTable, Row, Tabulation } from "../tabulate/results-schemas.ts";
import { describeHiddenReason, figureOf } from "./figure-text.ts";

export const NOTE_HEADING = "说明";

/** Width of the 说明 column, in characters; its text wraps. */
export const NOTE_WIDTH = 26;

/** One workbook-wide line for the summary: where the words went that "<5" used to stand for. */
export const EMPTY_FIGURES_NOTE =
  "本工作簿中不予发布的数字一律留作空白单元格（不写“<5”或“不显示”），以便按列求和；原因写在列标题中，或在该行最后的“说明”列中。";

/** What the headings' words mean: the workbook's "<5" legend (describeMarks) in its own words. */
export function describeHeadingMarks(k: number): string {
  const [small, complementary, differencing] = (
    ["small", "complementary", "differencing"] as const
  ).map((reason) => `“${columnSizeText(null, reason, k)}”`);
  return `列标题中的${small}表示该组人数少于 ${k}，数字按规定不予发布；${complementary}、${differencing}表示该组并非因人数不足，而是为防止相减推算出其他组（或与此前发布的结果相减）而一并不予发布，其人数也不说明；“无人作答”的列没有占比。`;
}

/** "企业负责人、一线教师：回答人数少于 5 人，不予发布", one clause per reason. */
export function describeHiddenColumns(
  labels: Map<HiddenReason, string[]>,
  k: number,
): string | null {
  const clauses = [...labels].map(
    ([reason, names]) => `${names.join("、")}：${describeHiddenReason(reason, k)}，不予发布`,
  );
  return clauses.length > 0 ? clauses.join("；") : null;
}

/** Adds column i's label under its reason. */
export function noteColumn(
  labels: Map<HiddenReason, string[]>,
  reason: HiddenReason,
  label: string,
): void {
  const names = labels.get(reason);
  if (names) names.push(label);
  else labels.set(reason, [label]);
}

/** Why this row's empty cells are empty, when the column headings do not say it; else null. */
export function rowNote(q: QuestionTable, row: Row, tab: Tabulation): string | null {
  if (row.hidden) return `${describeHiddenReason(row.hidden, tab.minBase)}，按规定不予发布`;
  const labels = new Map<HiddenReason, string[]>();
  tab.columns.forEach((column, i) => {
    // A column this table hides says so in its heading.
    if ((q.hidden[i] ?? null) !== null) return;
    const figure = figureOf(q, row, tab, i);
    if (figure.kind === "hidden") noteColumn(labels, figure.reason ?? "small", column.label);
  });
  return describeHiddenColumns(labels, tab.minBase);
}

/** The same for a base row: columns whose base is not published though the heading shows one. */
export function baseNote(
  q: QuestionTable,
  tab: Tabulation,
  base: (i: number) => number | null,
): string | null {
  const labels = new Map<HiddenReason, string[]>();
  tab.columns.forEach((column, i) => {
    if ((q.hidden[i] ?? null) === null && base(i) === null)
      noteColumn(labels, "small", column.label);
  });
  return describeHiddenColumns(labels, tab.minBase);
}
