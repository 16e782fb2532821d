// One question's banner table: options down, banner columns across, counts or percents, hidden cells as "<k".
import { html, nothing } from "lit";
import type { Cell, Column, QuestionTable, Row } from "../../server/domain/results-shapes.ts";
import type { HiddenReason } from "../../server/domain/results-terms.ts";
import {
  columnSizeText,
  formatShare,
  hiddenFigure,
  NOT_SHOWN_BASE_LABEL,
  rowBase,
  validBaseLabel,
} from "../../server/tabulate/figure-rules.ts";
import { formatCount } from "./format.ts";
import { formatInterval, hiddenReason } from "./results-format.ts";
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
          ${columns.map((c, i) => renderHead(c, q, i, k))}
        </tr>
      </thead>
      <tbody>
        ${q.rows.map((row) => renderRow(row, t))}
      </tbody>
      <tbody class="bases">
        ${renderBases("基数", q.bases, q, k)}
        ${q.validBases ? renderBases(validBaseLabel(q), q.validBases, q, k) : nothing}
        ${notShownBases(t)}
      </tbody>
    </table>
  </div>`;
}

/** The size line says what the downloads' headers say: this question's base, or why none. */
function renderHead(c: Column, q: QuestionTable, i: number, k: number) {
  const reason = q.hidden[i] ?? null;
  const base = reason === null ? (q.bases[i] ?? null) : null;
  return html`<th scope="col" class="num col">
    ${c.label}
    <span class="size" title=${base === null ? hiddenReason(reason, k) : nothing}>
      ${columnSizeText(base, reason, k)}
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
    ${row.cells.map((cell, i) => {
      const base = rowBase(t.question, row, t.columns, i);
      const validBase = row.kind === "option" ? (t.question.validBases?.[i] ?? null) : null;
      return renderCell(cell, row.hidden ?? hidden[i] ?? null, base, validBase, t);
    })}
  </tr>`;
}

/** Shares from the counts and bases, rounded as every download rounds them (figure-rules.ts). */
function renderCell(
  cell: Cell,
  hidden: HiddenReason | null,
  base: number | null,
  validBase: number | null,
  { minBase: k, mode }: TableInput,
) {
  if (hidden !== null || cell.count === null)
    return html`<td class="num hidden" title=${hiddenReason(hidden, k)}>${hiddenFigure(hidden, k)}</td>`;
  if (mode === "count") return html`<td class="num">${formatCount(cell.count)}</td>`;
  const valid = cell.validPercent !== null && validBase ? formatShare(cell.count, validBase) : null;
  return html`<td class="num" title=${cell.ci ? formatInterval(cell.ci) : nothing}>
    ${base ? formatShare(cell.count, base) : "—"}
    ${valid === null ? nothing : html`<span class="valid">有效 ${valid}</span>`}
  </td>`;
}

/** The 未显示 row's shares are of everyone in the column: its base gets a row of its own. */
function notShownBases(t: TableInput) {
  const row = t.question.rows.find((r) => r.kind === "notShown");
  if (!row) return nothing;
  const bases = t.columns.map((_, i) => rowBase(t.question, row, t.columns, i));
  return renderBases(NOT_SHOWN_BASE_LABEL, bases, t.question, t.minBase);
}

function renderBases(label: string, bases: (number | null)[], q: QuestionTable, k: number) {
  return html`<tr>
    <th scope="row">${label}</th>
    ${bases.map((n, i) => {
      const hidden = q.hidden[i] ?? null;
      return hidden !== null || n === null
        ? html`<td class="num hidden" title=${hiddenReason(hidden, k)}>${hiddenFigure(hidden, k)}</td>`
        : html`<td class="num">n=${formatCount(n)}</td>`;
    })}
  </tr>`;
}
