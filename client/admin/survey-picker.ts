// Chooses which survey the console works on; a plain title when there is only one.
import { css, html, LitElement, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import type { SurveySummary } from "../../server/domain/survey-shapes.ts";
import { tokens } from "../ui/theme.ts";

export class SurveyPickEvent extends Event {
  static readonly eventName = "survey-pick";
  readonly surveyId: string;

  constructor(surveyId: string) {
    super(SurveyPickEvent.eventName, { bubbles: true, composed: true });
    this.surveyId = surveyId;
  }
}

@customElement("survey-picker")
export class SurveyPicker extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
        min-width: 0;
      }
      label {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
      }
      select {
        min-height: 2.75rem;
        max-width: 100%;
        padding: 0.25rem 0.5rem;
        border: 0.0625rem solid var(--line);
        border-radius: var(--radius);
        background: var(--paper);
        color: var(--ink);
        font: inherit;
      }
      .only {
        margin: 0;
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** Every survey the user may see. */
  @property({ attribute: false }) surveys: SurveySummary[] = [];
  /** Id of the chosen survey. */
  @property() value = "";

  override render() {
    if (this.surveys.length === 0) return nothing;
    const only = this.surveys.length === 1 ? this.surveys[0] : undefined;
    if (only) return html`<p class="only">问卷：${only.title}</p>`;
    return html`<label>
      当前问卷
      <select @change=${this.onChange}>
        ${this.surveys.map(
          (s) => html`<option value=${s.id} ?selected=${s.id === this.value}>${s.title}</option>`,
        )}
      </select>
    </label>`;
  }

  private onChange(e: Event) {
    if (e.target instanceof HTMLSelectElement)
      this.dispatchEvent(new SurveyPickEvent(e.target.value));
  }
}

declare global {
  interface HTMLElementEventMap {
    "survey-pick": SurveyPickEvent;
  }
  interface HTMLElementTagNameMap {
    "survey-picker": SurveyPicker;
  }
}
