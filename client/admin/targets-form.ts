// Sets a survey's response targets: an overall total and one figure per category, each optional.
import { html, LitElement } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { SurveySummary, Targets } from "../../server/domain/survey-shapes.ts";
import { buttons, tokens } from "../ui/theme.ts";
import { formStyles, viewStyles } from "./admin-styles.ts";
import { type ApiError, call, type FieldError } from "./api.ts";
import "./error-notice.ts";
import { FormCancelEvent } from "./events.ts";
import { formActions, readCount, readForm } from "./forms.ts";
import { field, isSurveySummary } from "./shapes.ts";

export class TargetsSavedEvent extends Event {
  static readonly eventName = "targets-saved";
  readonly survey: SurveySummary;

  constructor(survey: SurveySummary) {
    super(TargetsSavedEvent.eventName, { bubbles: true, composed: true });
    this.survey = survey;
  }
}

@customElement("targets-form")
export class TargetsForm extends LitElement {
  static override styles = [tokens, buttons, viewStyles, formStyles];

  /** The survey whose targets are edited. */
  @property({ attribute: false }) survey!: SurveySummary;

  @state() private error: ApiError | null = null;
  @state() private busy = false;

  override render() {
    const { targets, categories } = this.survey;
    return html`<form @submit=${this.onSubmit}>
      <label>
        总目标<span class="hint">份数；留空为不设</span>
        <input name="total" type="number" min="1" step="1" .value=${targets.total?.toString() ?? ""} />
      </label>
      <fieldset class="wide">
        <legend>各类别目标（留空为不设）</legend>
        <div class="grid">
          ${categories.map(
            (c) => html`<label>
              ${c.label}
              <input
                name="cat:${c.code}"
                type="number"
                min="1"
                step="1"
                .value=${targets.categories[c.code]?.toString() ?? ""}
              />
            </label>`,
          )}
        </div>
      </fieldset>
      <error-notice .error=${this.error}></error-notice>
      ${formActions("保存目标", this.busy, this.onCancel)}
    </form>`;
  }

  /** Puts the cursor in the first field. */
  async focusFirst() {
    await this.updateComplete;
    this.renderRoot.querySelector("input")?.focus();
  }

  private async onSubmit(e: SubmitEvent) {
    const fields = readForm(e);
    if (!fields || this.busy) return;
    const problems: FieldError[] = [];
    const read = (name: string, label: string) => {
      const n = readCount(fields[name]);
      if (Number.isNaN(n)) problems.push({ field: label, message: "须为正整数" });
      return n;
    };
    const body: Targets = { total: read("total", "总目标"), categories: {} };
    for (const c of this.survey.categories) {
      const n = read(`cat:${c.code}`, c.label);
      if (n !== null && !Number.isNaN(n)) body.categories[c.code] = n;
    }
    if (problems.length > 0) {
      this.error = { status: 0, message: "请先改正下面的问题。", fields: problems };
      return;
    }
    this.busy = true;
    const path = `/api/admin/surveys/${encodeURIComponent(this.survey.id)}/targets`;
    const result = await call("PUT", path, field("survey", isSurveySummary), { body });
    this.busy = false;
    this.error = result.ok ? null : result;
    if (result.ok) this.dispatchEvent(new TargetsSavedEvent(result.data.survey));
  }

  private onCancel() {
    this.dispatchEvent(new FormCancelEvent());
  }
}

declare global {
  interface HTMLElementEventMap {
    "targets-saved": TargetsSavedEvent;
  }
  interface HTMLElementTagNameMap {
    "targets-form": TargetsForm;
  }
}
