// One declared index (满意率 …) as a ranked table: 排序, 方面, 全体 with a bar, then each banner column.
import { html, LitElement, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import type {
  Column,
  IndexCell,
  IndexItem,
  QuestionTable,
  IndexSummary as Summary,
} from "../../server/domain/results-shapes.ts";
import { columnSizeText, formatShare, hiddenFigure } from "../../server/tabulate/figure-rules.ts";
import { tokens } from "../ui/theme.ts";
import { viewStyles } from "./admin-styles.ts";
import {
  describeIndexBase,
  formatInterval,
  hiddenReason,
  indexHeading,
  totalColumn,
} from "./results-format.ts";
import { indexStyles, questionStyles } from "./results-styles.ts";
import { tableStyles } from "./table-styles.ts";

/**
 * Decorative: the figure beside it says the same, so screen readers skip the drawing. SVG
 * attributes, not a style width: the console's CSP refuses inline styles.
 */
const renderBar = (share: number) =>
  html`<svg class="bar" aria-hidden="true" viewBox="0 0 100 10" preserveAspectRatio="none">
    <rect class="track" width="100" height="10"></rect>
    <rect class="fill" width=${Math.max(0, Math.min(1, share)) * 100} height="10"></rect>
  </svg>`;

@customElement("index-summary")
export class IndexSummary extends LitElement {
  static override styles = [tokens, viewStyles, tableStyles, questionStyles, indexStyles];

  /** The index, its items already in rank order, as the server summed them from the tables. */
  @property({ attribute: false }) summary!: Summary;
  /** The banner's columns, aligned with every item's cells. */
  @property({ attribute: false }) columns: Column[] = [];
  /** The tables the items come from: their non-substantive options name the base. */
  @property({ attribute: false }) questions: QuestionTable[] = [];
  /** The banner question's text, for the caption. */
  @property() bannerText = "";
  /** k: no figure under it is shown. */
  @property({ type: Number }) minBase = 5;

  override render() {
    const s = this.summary;
    const caption = `${s.name}排序，按“${this.bannerText}”分列`;
    return html`<section aria-labelledby="title">
      <h3 id="title">${indexHeading(s)}</h3>
      <p class="note">${describeIndexBase(s, this.questions)}</p>
      <div class="scroll" role="region" aria-label=${caption} tabindex="0">
        <table>
          <caption>${caption}</caption>
          <thead>
            <tr>
              <th scope="col" class="num">排序</th>
              <th scope="col" class="aspect">方面</th>
              ${this.columns.map((c) => this.renderHead(c))}
            </tr>
          </thead>
          <tbody>
            ${s.items.map((item) => this.renderItem(item))}
          </tbody>
        </table>
      </div>
      <p class="note">排序按“全体”一列从高到低，数值相同的并列；横条只是“全体”数值的示意。</p>
    </section>`;
  }

  /** The size line says what the banner tables' headers say: the group's size, or why none. */
  private renderHead(c: Column) {
    return html`<th scope="col" class="num col">
      ${c.label}
      <span class="size" title=${c.hidden === null ? nothing : hiddenReason(c.hidden, this.minBase)}>
        ${columnSizeText(c.n, c.hidden, this.minBase)}
      </span>
    </th>`;
  }

  private renderItem(item: IndexItem) {
    const total = totalColumn(this.columns);
    return html`<tr>
      <td class="num">${item.rank ?? "—"}</td>
      <th scope="row">${item.text}</th>
      ${this.columns.map((_, c) => this.renderCell(item.cells[c], c === total))}
    </tr>`;
  }

  /** A hidden figure reads as the banner tables print it; a shown one is rounded as every download. */
  private renderCell(cell: IndexCell | undefined, withBar: boolean) {
    const k = this.minBase;
    if (!cell || cell.count === null || cell.base === null) {
      const reason = cell?.hidden ?? null;
      return html`<td class="num hidden" title=${hiddenReason(reason, k)}>${hiddenFigure(reason, k)}</td>`;
    }
    if (cell.base === 0) return html`<td class="num" title="无人作答">—</td>`;
    const title = `${cell.count}/${cell.base}${cell.ci ? `，${formatInterval(cell.ci)}` : ""}`;
    return html`<td class=${withBar ? "num total" : "num"} title=${title}>
      <span class="figure">${formatShare(cell.count, cell.base)}</span>
      ${withBar ? renderBar(cell.count / cell.base) : nothing}
    </td>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "index-summary": IndexSummary;
  }
}
