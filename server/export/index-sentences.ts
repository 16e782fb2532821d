// The report's words for the declared indices (满意率 …): one ranked table per index and the seed
// report's style of sentence, shared by the Word report, the printable page and the workbook.
import { formatShare, hiddenFigure } from "../tabulate/figure-rules.ts";
import type {
  IndexCell,
  IndexItem,
  IndexSummary,
  Tabulation,
} from "../tabulate/results-schemas.ts";

/** “好”或“较好”: the options an index counts, as a sentence names them. */
export const positiveNames = (item: Pick<IndexItem, "positive">): string =>
  item.positive.map((label) => `“${label}”`).join("或");

/** What the base is, in words. */
export const baseWords = (summary: Pick<IndexSummary, "base">): string =>
  summary.base === "valid" ? "有效回答（不含“不作评价”等）" : "回答该题的全部人数";

/** The printed value of one cell: "81.1%", or the hidden mark the tables use. */
export function indexFigure(cell: IndexCell | undefined, k: number): string {
  if (!cell || cell.count === null || cell.base === null)
    return hiddenFigure(cell?.hidden ?? null, k);
  return cell.base > 0 ? formatShare(cell.count, cell.base) : "—";
}

/** A grid row reads “当前政治生态”; a question keeps its own text. */
export const itemName = (item: Pick<IndexItem, "text">): string => item.text;

/** The summary table: 排序, 方面, then one column per banner column; rows in rank order. */
export function buildIndexTable(summary: IndexSummary, tab: Tabulation) {
  const head = ["排序", "方面", ...tab.columns.map((c) => c.label)];
  const body = summary.items.map((item) => [
    item.rank === null ? "—" : String(item.rank),
    itemName(item),
    ...tab.columns.map((_, c) => indexFigure(item.cells[c], tab.minBase)),
  ]);
  return { head, body };
}

const shownValue = (
  cell: IndexCell | undefined,
): cell is IndexCell & { count: number; base: number } =>
  !!cell && cell.count !== null && cell.base !== null && cell.base > 0;

/** Highest and lowest shown category for one item, skipping 全体; null with fewer than two. */
function categoryExtremes(item: IndexItem, tab: Tabulation) {
  const shown = tab.columns
    .map((column, c) => ({ column, cell: item.cells[c] }))
    .filter((x, c) => c > 0 && shownValue(x.cell));
  if (shown.length < 2) return null;
  const value = (x: (typeof shown)[number]) => (x.cell?.count ?? 0) / (x.cell?.base ?? 1);
  const sorted = [...shown].sort((a, b) => value(b) - value(a));
  const high = sorted[0];
  const low = sorted[sorted.length - 1];
  if (!high || !low || value(high) === value(low)) return null;
  return { high, low };
}

/** “当前政治生态”的满意率为 81.1%，即选择“好”或“较好”的占有效回答的 81.1%；分类别看，… */
export function describeIndexItem(summary: IndexSummary, item: IndexItem, tab: Tabulation): string {
  const total = item.cells[0];
  const name = `“${itemName(item)}”`;
  if (!shownValue(total)) return `${name}的${summary.name}按规定不予发布。`;
  const share = indexFigure(total, tab.minBase);
  const lead = `${name}的${summary.name}为 ${share}，即选择${positiveNames(item)}的占${baseWords(summary)}的 ${share}（${total.count}/${total.base}）`;
  const extremes = categoryExtremes(item, tab);
  if (!extremes) return `${lead}。`;
  const { high, low } = extremes;
  return `${lead}；按${tab.banner.text.replace(/[？?]$/, "")}分，${high.column.label}最高（${indexFigure(high.cell, tab.minBase)}），${low.column.label}最低（${indexFigure(low.cell, tab.minBase)}）。`;
}

/** The ranking in one sentence: 在 10 个方面中，满意率最高的是…，最低的是…。 */
export function describeIndexRanking(summary: IndexSummary, tab: Tabulation): string {
  const ranked = summary.items.filter((i) => i.rank !== null);
  const first = ranked[0];
  const last = ranked[ranked.length - 1];
  if (!first || !last || ranked.length < 2) return `${summary.name}按${baseWords(summary)}计算。`;
  const figure = (item: IndexItem) => indexFigure(item.cells[0], tab.minBase);
  return `${summary.name}按${baseWords(summary)}计算。在 ${summary.items.length} 个方面中，${summary.name}最高的是“${itemName(first)}”（${figure(first)}），最低的是“${itemName(last)}”（${figure(last)}）。`;
}
