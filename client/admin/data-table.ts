// One way to draw a table: a caption, columns described once, and sideways scrolling when narrow.
import { html, nothing } from "lit";

export interface Column<R> {
  label: string;
  cell: (row: R) => unknown;
  /** Right-aligned figures. */
  num?: boolean;
  /** Long text that may wrap instead of widening the table. */
  wrap?: boolean;
}

/**
 * The scrolling box is focusable and named after the caption, so keyboard users can scroll it
 * and screen readers can tell the tables apart. `empty` shows instead when there are no rows.
 */
export function renderTable<R>(caption: string, columns: Column<R>[], rows: R[], empty: unknown) {
  if (rows.length === 0) return html`<p class="empty">${empty}</p>`;
  return html`<div class="scroll" role="region" aria-label=${caption} tabindex="0">
    <table>
      <caption>${caption}</caption>
      <thead>
        <tr>
          ${columns.map((c) => html`<th scope="col" class=${c.num ? "num" : nothing}>${c.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) => html`<tr>
            ${columns.map(
              (c) =>
                html`<td class=${c.num ? "num" : c.wrap ? "wrap" : nothing}>${c.cell(row)}</td>`,
            )}
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
