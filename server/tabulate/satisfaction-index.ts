// Satisfaction indices (满意率 = (好+较好)/有效回答): summed from a published table's shown counts only,
// so an index can never disclose more than the table it comes from, whatever the banner or filter.
import { listQuestions } from "../../surveys/format/answers.ts";
import type { Index, Survey } from "../../surveys/format/schema.ts";
import type {
  IndexCell,
  IndexItem,
  IndexSummary,
  QuestionTable,
  Tabulation,
} from "./results-schemas.ts";
import { wilsonInterval } from "./statistics.ts";

/** The index a table carries: its own question's, or its grid's for a grid row. */
function declaredIndex(survey: Survey, table: QuestionTable): Index | undefined {
  const source = listQuestions(survey).find((q) => q.code === (table.grid?.code ?? table.code));
  return source?.kind === "single" || source?.kind === "matrix" ? source.index : undefined;
}

/** Adds the shown counts of some rows in one column; null if any of them is not shown. */
function sumRows(table: QuestionTable, keys: Set<string>, c: number): number | null {
  let sum = 0;
  for (const row of table.rows) {
    if (row.kind !== "option" || !keys.has(row.key)) continue;
    const count = row.cells[c]?.count;
    if (count === null || count === undefined) return null;
    sum += count;
  }
  return sum;
}

function indexCell(table: QuestionTable, index: Index, c: number): IndexCell {
  const hidden = table.hidden[c] ?? null;
  const empty = { count: null, base: null, value: null, ci: null, hidden };
  if (hidden) return empty;
  const positive = new Set(index.positive);
  const substantive = new Set(
    table.rows.filter((r) => r.kind === "option" && !r.nonSubstantive).map((r) => r.key),
  );
  const count = sumRows(table, positive, c);
  const base = index.base === "shown" ? (table.bases[c] ?? null) : sumRows(table, substantive, c);
  if (count === null || base === null) return empty;
  return {
    count,
    base,
    value: base > 0 ? count / base : null,
    ci: wilsonInterval(count, base),
    hidden: null,
  };
}

/** Highest 全体 value first; equal values share a rank; a hidden 全体 value has none and goes last. */
function rankItems(items: Omit<IndexItem, "rank">[]): IndexItem[] {
  const total = (item: Omit<IndexItem, "rank">) => item.cells[0]?.value ?? null;
  const ordered = items
    .map((item, order) => ({ item, order }))
    .sort((a, b) => {
      const x = total(a.item);
      const y = total(b.item);
      if (x === null || y === null) return x === y ? a.order - b.order : x === null ? 1 : -1;
      return y - x || a.order - b.order;
    });
  return ordered.map(({ item }, i) => {
    const value = total(item);
    if (value === null) return { ...item, rank: null };
    const first = ordered.findIndex(({ item: other }) => total(other) === value);
    return { ...item, rank: first === i ? i + 1 : first + 1 };
  });
}

/** One summary per index name, in the order the survey first declares each. */
export function summarizeIndices(survey: Survey, tables: Tabulation["questions"]): IndexSummary[] {
  const byName = new Map<string, { base: Index["base"]; items: Omit<IndexItem, "rank">[] }>();
  for (const table of tables) {
    const index = declaredIndex(survey, table);
    if (!index) continue;
    const labels = new Map(table.rows.map((r) => [r.key, r.label]));
    const summary = byName.get(index.name) ?? { base: index.base, items: [] };
    summary.items.push({
      code: table.code,
      text: index.aspect ?? table.text,
      grid: table.grid,
      positive: index.positive.map((code) => labels.get(code) ?? code),
      cells: table.bases.map((_, c) => indexCell(table, index, c)),
    });
    byName.set(index.name, summary);
  }
  return [...byName].map(([name, { base, items }]) => ({ name, base, items: rankItems(items) }));
}
