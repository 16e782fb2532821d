// Rating grids in the downloads: a grid's row tables read with the grid's question, and the
// workbook gathers them on one sheet per grid.
import type { QuestionTable } from "../tabulate/results-schemas.ts";

/** A table's title: a grid row's is the grid's question, then the row (“…——当前政治生态”). */
export function tableTitle(q: QuestionTable): string {
  return q.grid ? `${q.grid.text}——${q.text}` : q.text;
}

/** Tables in order, each grid's consecutive rows together: one entry per sheet. */
export function groupByGrid(tables: readonly QuestionTable[]): QuestionTable[][] {
  const groups: QuestionTable[][] = [];
  for (const table of tables) {
    const last = groups.at(-1);
    const previous = last?.[0];
    if (last && previous?.grid && previous.grid.code === table.grid?.code) last.push(table);
    else groups.push([table]);
  }
  return groups;
}
