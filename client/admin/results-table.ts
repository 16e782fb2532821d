// One question's banner table: options down, banner columns across, counts or percents, hidden cells as "<k".
import { html, nothing } from "lit";
import type {
  Cell,
  Column,
  HiddenReason,
  QuestionTable,
  Row,
} from "../../server/tabulate/results-schemas.ts";
import { formatCount } from "./format.ts";
import {
  columnSize,
  formatInterval,
  formatPercent,
  hiddenMark,
  hiddenReason,
} from "./results-format.ts";
import type { Mode } from "./results-query.ts";

export interface TableInput {
  question: QuestionTable;
  columns: Column[];
  /** The banner question's text, for the caption. */
  bannerText: string;
  minBase: number;
  mode: Mode;
}

/** The scrolling box is focusable and named, like every console table (data-table.ts). */
export function renderResultsTable(t: TableInput) {
  const { question: q, columns, minBase: k } = t;
  const caption = `${q.code} 按“${t.bannerText}”分列`;
  return html`<div class="scroll" role="region" aria-label=${caption} tabindex="0">
    <table>
      <caption>${caption}（${t.mode === "count" ? "人数" : "百分比"}）</caption>
      <thead>
        <tr>
          <th scope="col">选项</th>
          ${columns.map((c) => renderHead(c, k))}
        </tr>
      </thead>
      <tbody>
        ${q.rows.map((row) => renderRow(row, t))}
      </tbody>
      <tbody class="bases">
        ${renderBases("基数", q.bases, q, k)}
        ${q.validBases ? renderBases("有效基数", q.validBases, q, k) : nothing}
      </tbody>
    </table>
  </div>`;
}

function renderHead(c: Column, k: number) {
  const hidden = c.hidden !== null || c.n === null;
  return html`<th scope="col" class="num col">
    ${c.label}
    <span class="size" title=${hidden ? hiddenReason(c.hidden, k) : nothing}>
      ${columnSize(c.n, hidden, k)}
    </span>
  </th>`;
}

/** A hidden row (a category under k, in the category question's table) reads "<k" in every cell. */
function renderRow(row: Row, t: TableInput) {
  const hidden = t.question.hidden;
  return html`<tr class=${row.kind === "option" ? nothing : "meta"}>
    <th scope="row" title=${row.hidden ? hiddenReason(row.hidden, t.minBase) : nothing}>
      ${row.label}
    </th>
    ${row.cells.map((cell, i) => renderCell(cell, row.hidden ?? hidden[i] ?? null, t))}
  </tr>`;
}

function renderCell(cell: Cell, hidden: HiddenReason | null, { minBase: k, mode }: TableInput) {
  if (hidden !== null || cell.count === null)
    return html`<td class="num hidden" title=${hiddenReason(hidden, k)}>${hiddenMark(k)}</td>`;
  if (mode === "count") return html`<td class="num">${formatCount(cell.count)}</td>`;
  const valid = cell.validPercent;
  return html`<td class="num" title=${cell.ci ? formatInterval(cell.ci) : nothing}>
    ${cell.percent === null ? "—" : formatPercent(cell.percent)}
    ${valid === null ? nothing : html`<span class="valid">有效 ${formatPercent(valid)}</span>`}
  </td>`;
}

function renderBases(label: string, bases: (number | null)[], q: QuestionTable, k: number) {
  return html`<tr>
    <th scope="row">${label}</th>
    ${bases.map((n, i) => {
      const hidden = q.hidden[i] ?? null;
      return hidden !== null || n === null
        ? html`<td class="num hidden" title=${hiddenReason(hidden, k)}>${hiddenMark(k)}</td>`
        : html`<td class="num">n=${formatCount(n)}</td>`;
    })}
  </tr>`;
}
