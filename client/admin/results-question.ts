// One question of the results: its banner table, test line, bar chart of 全体, texts and keywords.
import { html, LitElement, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { Column, QuestionTable } from "../../server/domain/results-shapes.ts";
import { tokens } from "../ui/theme.ts";
import { viewStyles } from "./admin-styles.ts";
import type { Bar } from "./bar-chart.ts";
import "./bar-chart.ts";
import {
  formatShare,
  hiddenFigure,
  nonSubstantiveNames,
} from "../../server/tabulate/figure-rules.ts";
import { describeChiSquare, totalColumn } from "./results-format.ts";
import type { Mode } from "./results-query.ts";
import { questionStyles } from "./results-styles.ts";
import { renderResultsTable } from "./results-table.ts";
import { renderKeywords, renderTexts } from "./results-texts.ts";
import { tableStyles } from "./table-styles.ts";

@customElement("results-question")
export class ResultsQuestion extends LitElement {
  static override styles = [tokens, viewStyles, tableStyles, questionStyles];

  /** The question's tables, as the server tabulated them. */
  @property({ attribute: false }) question!: QuestionTable;
  /** The banner's columns, aligned with every row's cells. */
  @property({ attribute: false }) columns: Column[] = [];
  /** The banner question's text. */
  @property() bannerText = "";
  /** k: no figure under it is shown. */
  @property({ type: Number }) minBase = 5;
  /** Open texts are listed only for groups at least this large. */
  @property({ type: Number }) textMinGroup = 10;
  /** Counts or percents in the table. */
  @property() mode: Mode = "count";

  override render() {
    const q = this.question;
    return html`<section aria-labelledby="title">
      <h3 id="title"><span class="code">${q.code}</span> ${q.text}</h3>
      ${
        q.rows.length > 0
          ? renderResultsTable({
              question: q,
              columns: this.columns,
              bannerText: this.bannerText,
              minBase: this.minBase,
              mode: this.mode,
            })
          : nothing
      }
      ${q.note ? html`<p class="note">${q.note}</p>` : nothing}
      ${q.validBases ? html`<p class="note">“有效”百分比不计${nonSubstantiveNames(q)}和未作答。</p>` : nothing}
      ${this.renderChiSquare()} ${this.renderChart()} ${renderTexts(q, this.textMinGroup)}
      ${renderKeywords(q)}
    </section>`;
  }

  private renderChiSquare() {
    const chi = this.question.chiSquare;
    if (!chi) return nothing;
    const { line, warning } = describeChiSquare(chi);
    return html`<p class="stat">${line}</p>
      ${warning ? html`<p class="warning">${warning}</p>` : nothing}`;
  }

  /** Bars of the 全体 column's shares, one per option; nothing when that column is hidden. */
  private renderChart() {
    const q = this.question;
    // A text question's rows are only 已作答 / 未作答: the table says all there is.
    if (q.kind === "shortText" || q.kind === "longText") return nothing;
    const total = totalColumn(this.columns);
    const base = q.bases[total] ?? null;
    if ((q.hidden[total] ?? null) !== null || !base) return nothing;
    const bars: Bar[] = q.rows
      .filter((r) => r.kind === "option")
      .map((r) => {
        const count = r.hidden ? null : (r.cells[total]?.count ?? null);
        return {
          label: r.label,
          value: count === null ? null : count / base,
          text: count === null ? hiddenFigure(r.hidden, this.minBase) : formatShare(count, base),
        };
      });
    if (bars.length === 0) return nothing;
    return html`<bar-chart label="${q.code} 全体各选项百分比" .bars=${bars}></bar-chart>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "results-question": ResultsQuestion;
  }
}
