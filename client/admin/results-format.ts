// How the results view words figures: percentages, hidden cells, intervals, the χ² line, indices.
import type {
  ChiSquare,
  Column,
  IndexSummary,
  QuestionTable,
} from "../../server/domain/results-shapes.ts";
import type { HiddenReason } from "../../server/domain/results-terms.ts";

/** An interval bound, one decimal; shares of counts go through formatShare (figure-rules.ts). */
const formatBound = (fraction: number): string => `${(fraction * 100).toFixed(1)}%`;

/** The title of a hidden cell or column: why it is not shown. */
export function hiddenReason(reason: HiddenReason | null, k: number): string {
  switch (reason) {
    case "complementary":
      return "为防止相减推算而一并隐藏";
    case "differencing":
      return `与已发布结果相减会推算出少于${k}人`;
    default:
      return `人数少于${k}`;
  }
}

export const formatInterval = ([low, high]: [number, number]): string =>
  `95% 置信区间：${formatBound(low)} – ${formatBound(high)}`;

/** p under 0.001 reads as such; otherwise three decimals. */
const formatP = (p: number): string => (p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(3)}`);

/** The χ² line under a table, and a warning when the approximation is doubtful. */
export function describeChiSquare(chi: ChiSquare): { line: string; warning: string | null } {
  if ("skipped" in chi) return { line: `未做卡方检验：${chi.skipped}`, warning: null };
  const line = `χ² = ${chi.statistic.toFixed(2)}, 自由度 ${chi.df}, ${formatP(chi.p)}`;
  const warning =
    chi.lowExpectedCells > 0
      ? `注意：${chi.cells} 个单元格中有 ${chi.lowExpectedCells} 个期望频数小于 5，卡方检验结果仅供参考。`
      : null;
  return { line, warning };
}

/** Index of the 全体 column: the server keys it "_total" ("total" in the first draft of the contract). */
export function totalColumn(columns: Column[]): number {
  const i = columns.findIndex((c) => c.key === "_total" || c.key === "total");
  return Math.max(i, 0);
}

/** "满意率（按有效回答）": the index's name and what it is a share of. */
export const indexHeading = (summary: IndexSummary): string =>
  `${summary.name}（${summary.base === "valid" ? "按有效回答" : "按显示该题的全部人数"}）`;

const distinct = (words: string[]): string[] => [...new Set(words)];

/**
 * 满意率 = 选择“好”或“较好”的人数 ÷ 有效回答人数（不含“不作评价”和未作答): the options counted and
 * the base, in the survey's own labels, taken from the tables the index is summed from.
 */
export function describeIndexBase(summary: IndexSummary, questions: QuestionTable[]): string {
  const positives = distinct(
    summary.items.map((item) => item.positive.map((label) => `“${label}”`).join("或")),
  );
  const numerator = `${summary.name} = 选择${positives.join("；")}的人数`;
  if (summary.base === "shown") return `${numerator} ÷ 显示该题的全部人数（含未作答）`;
  const codes = new Set(summary.items.map((item) => item.code));
  const excluded = distinct(
    questions
      .filter((q) => codes.has(q.code))
      .flatMap((q) => q.rows.filter((r) => r.kind === "option" && r.nonSubstantive))
      .map((r) => `“${r.label}”`),
  );
  const left = excluded.length > 0 ? `${excluded.join("、")}和未作答` : "未作答";
  return `${numerator} ÷ 有效回答人数（不含${left}）`;
}
