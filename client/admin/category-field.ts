// The category lock field shared by the link and batch forms: 不限, or one of the survey's categories.
import { html } from "lit";
import type { SurveySummary } from "../../server/domain/survey-shapes.ts";

/** A <select name="category">; the empty value means no lock. */
export function renderCategoryField(survey: SurveySummary, selected: string | null = null) {
  return html`<label>
    类别<span class="hint">锁定后，填写者不再回答类别题</span>
    <select name="category">
      <option value="" ?selected=${!selected}>不限</option>
      ${survey.categories.map(
        (c) => html`<option value=${c.code} ?selected=${selected === c.code}>${c.label}</option>`,
      )}
    </select>
  </label>`;
}
