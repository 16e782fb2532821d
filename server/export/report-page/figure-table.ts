// A table of figures as HTML, cut into parts that fit the page; each part repeats the label
// columns and its own header, and its caption says which table it continues.
import { html } from "hono/html";
import { emWidth, splitColumns, type TableMeasure } from "./column-parts.ts";

export interface FigureTable {
  /** "banner" (a question's table) or "index" (a ranked index table): report.css styles each. */
  className: string;
  caption: string;
  /** Leading columns that name the row, repeated in every part; the last one is the row header. */
  labels: number;
  head: string[];
  body: string[][];
  foot: string[][];
  /** Cell texts that mark a figure not shown ("<5", "不显示"): printed, but not as a number. */
  hidden: ReadonlySet<string>;
}

/** Label columns wider than this wrap rather than take room from the figures. */
const LABEL_MAX_EM = 8;

const widest = (texts: (string | undefined)[]) =>
  Math.max(0, ...texts.map((t) => emWidth(t ?? "")));

function columnParts(table: FigureTable, measure: TableMeasure): number[][] {
  const rows = [...table.body, ...table.foot];
  const labelEm = Array.from({ length: table.labels }, (_, c) =>
    Math.min(LABEL_MAX_EM, widest(rows.map((row) => row[c]))),
  ).reduce((a, b) => a + b, 0);
  const figureEm = table.head
    .slice(table.labels)
    .map((_, i) => widest(rows.map((row) => row[table.labels + i])));
  return splitColumns(figureEm, labelEm, measure).map((run) => run.map((i) => i + table.labels));
}

function renderRow(table: FigureTable, cells: string[], columns: number[]) {
  const labels = cells
    .slice(0, table.labels)
    .map((text, c) =>
      c === table.labels - 1 ? html`<th scope="row">${text}</th>` : html`<td>${text}</td>`,
    );
  const figures = columns.map((c) => {
    const text = cells[c] ?? "";
    return table.hidden.has(text)
      ? html`<td class="hidden-figure">${text}</td>`
      : html`<td>${text}</td>`;
  });
  return html`<tr>${labels}${figures}</tr>`;
}

/** One <table> per part; one part, the common case, is the whole table. */
export function renderFigureTable(table: FigureTable, measure: TableMeasure) {
  const parts = columnParts(table, measure);
  const labelColumns = Array.from({ length: table.labels }, (_, c) => c);
  return parts.map((columns, part) => {
    const head = [...labelColumns, ...columns].map((c) => table.head[c] ?? "");
    const className = part === 0 ? table.className : `${table.className} continued`;
    const caption = part === 0 ? table.caption : `${table.caption}（续）`;
    return html`<table class="${className}">
<caption>${caption}</caption>
<thead><tr>${head.map((text) => html`<th scope="col">${text}</th>`)}</tr></thead>
<tbody>
${table.body.map((cells) => html`${renderRow(table, cells, columns)}\n`)}</tbody>
${table.foot.length > 0 ? html`<tfoot>${table.foot.map((cells) => renderRow(table, cells, columns))}</tfoot>` : ""}
</table>
`;
  });
}
