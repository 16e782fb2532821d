// A rating grid on a phone: one card per row, the shared scale as a row of big tap targets.
import { css, html, LitElement, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { live } from "lit/directives/live.js";
import type { AnswerValue } from "../../surveys/format/answers.ts";
import { matrixRowValue } from "../../surveys/format/matrix-answers.ts";
import type { MatrixQuestion, MatrixRow, Option } from "../../surveys/format/schema.ts";
import { tokens } from "../ui/theme.ts";
import { AnswerChangeEvent } from "./answer-change-event.ts";
import { type Lang, STRINGS } from "./strings.ts";

@customElement("matrix-question")
export class MatrixQuestionElement extends LitElement {
  // Native radios, one name per row, so arrow keys move within a row as in any radio group;
  // they stay in the tree (screen readers, keyboards) but the whole segment is what is tapped.
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
      }
      .row {
        margin: 0 0 0.5rem;
        padding: 0.5rem;
        border: 0.0625rem solid var(--line);
        border-radius: var(--radius);
      }
      .row[aria-invalid] {
        border: 0.125rem solid var(--danger);
      }
      p {
        margin: 0 0 0.375rem;
        overflow-wrap: anywhere;
      }
      .scale {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
      }
      /* Equal segments while they fit; a label never breaks, its segment wraps to a new line. */
      label {
        position: relative;
        flex: 1 0 2.75rem;
        white-space: nowrap;
        display: flex;
        align-items: center;
        justify-content: center;
        min-height: 2.75rem;
        padding: 0.25rem 0.5rem;
        border: 0.0625rem solid var(--line);
        border-radius: var(--radius);
        text-align: center;
        cursor: pointer;
      }
      /* 不作评价 is no point on the scale: set apart, and drawn lighter. */
      .ns {
        margin-left: 0.5rem;
        border-style: dashed;
        color: var(--muted);
      }
      .on {
        background: var(--accent);
        color: var(--accent-ink);
        font-weight: 600;
      }
      label:focus-within {
        outline: 0.1875rem solid var(--focus);
      }
      input {
        position: absolute;
        inset: 0;
        margin: 0;
        opacity: 0;
      }
      .error {
        color: var(--danger);
        font-weight: 600;
      }
      /* Forced colours drop backgrounds: the chosen segment keeps a system-coloured ring. */
      @media (forced-colors: active) {
        .on {
          outline: 0.25rem solid Highlight;
        }
      }
    `,
  ];

  /** The grid, already resolved by the server. */
  @property({ attribute: false }) question!: MatrixQuestion;
  /** The current answer: row code → option code. */
  @property({ attribute: false }) value: AnswerValue | undefined;
  /**
   * What is wrong, set once the respondent tried to move on; unanswered required rows are then
   * marked and named instead.
   */
  @property() error = "";
  @property({ attribute: false }) uiLang: Lang = "zh";

  /** Focuses the first unanswered required row, else the first row's choice. */
  focusControl() {
    const missing = this.missingRows()[0];
    const row = missing ? `[data-row="${missing.code}"]` : "[data-row]";
    const box = this.renderRoot.querySelector(row);
    box?.querySelector<HTMLInputElement>("input:checked, input")?.focus();
  }

  override render() {
    const t = STRINGS[this.uiLang];
    const missing = this.error ? this.missingRows() : [];
    const names = missing.map((r) => r.label).join("、");
    return html`${
      this.error
        ? html`<p id="m" class="error">⚠ ${names ? t.missingRows(names) : this.error}</p>`
        : nothing
    }
    ${this.question.rows.map((row, i) => this.renderRow(row, i, missing.includes(row)))}`;
  }

  private renderRow(row: MatrixRow, i: number, missing: boolean) {
    const chosen = matrixRowValue(this.value, row.code);
    const own = row.required && !this.question.required;
    return html`<div
      class="row"
      role="radiogroup"
      data-row=${row.code}
      aria-labelledby="r${i}"
      aria-invalid=${missing ? "true" : nothing}
      aria-describedby=${missing ? "m" : nothing}
      aria-required=${this.question.required || row.required ? "true" : nothing}
    >
      <p id="r${i}">${row.label}${own ? html` <b class="error">${STRINGS[this.uiLang].required}</b>` : nothing}</p>
      <div class="scale">
        ${this.question.options.map((o) => this.renderPoint(row.code, o, chosen === o.code))}
      </div>
    </div>`;
  }

  private renderPoint(row: string, option: Option, on: boolean) {
    return html`<label class=${(option.nonSubstantive ? "ns " : "") + (on ? "on" : "")}>
      <input
        type="radio"
        name=${row}
        .checked=${live(on)}
        @change=${() => this.onPick(row, option.code)}
      />${option.label}
    </label>`;
  }

  private missingRows(): MatrixRow[] {
    const q = this.question;
    return q.rows.filter(
      (r) => (q.required || r.required) && matrixRowValue(this.value, r.code) === undefined,
    );
  }

  private onPick(row: string, option: string) {
    const before = typeof this.value === "object" && !Array.isArray(this.value) ? this.value : {};
    const value = { ...before, [row]: option };
    this.dispatchEvent(new AnswerChangeEvent(this.question.code, value, undefined));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "matrix-question": MatrixQuestionElement;
  }
}
