// Imports a survey definition: pick the .json file or paste its content; shows each problem found.
import { html, LitElement } from "lit";
import { customElement, query, state } from "lit/decorators.js";
import type { ImportResult } from "../../server/domain/survey-shapes.ts";
import { buttons, tokens } from "../ui/theme.ts";
import { formStyles, viewStyles } from "./admin-styles.ts";
import { type ApiError, call } from "./api.ts";
import "./error-notice.ts";
import { localProblem } from "./events.ts";
import { formActions } from "./forms.ts";
import { isImportResult } from "./shapes.ts";

export class SurveyImportedEvent extends Event {
  static readonly eventName = "survey-imported";
  readonly result: ImportResult;

  constructor(result: ImportResult) {
    super(SurveyImportedEvent.eventName, { bubbles: true, composed: true });
    this.result = result;
  }
}

@customElement("survey-import")
export class SurveyImport extends LitElement {
  static override styles = [tokens, buttons, viewStyles, formStyles];

  @state() private error: ApiError | null = null;
  @state() private busy = false;
  @query("textarea") private text!: HTMLTextAreaElement;

  override render() {
    return html`<form @submit=${this.onSubmit}>
      <label class="wide">
        选择问卷文件<span class="hint">.json 格式；选择后内容会显示在下面，可先检查再导入</span>
        <input type="file" accept=".json,application/json" @change=${this.onFile} />
      </label>
      <label class="wide">
        或直接粘贴问卷 JSON
        <textarea name="json" spellcheck="false"></textarea>
      </label>
      <error-notice .error=${this.error}></error-notice>
      ${formActions("导入问卷", this.busy)}
    </form>`;
  }

  private async onFile(e: Event) {
    const file = e.target instanceof HTMLInputElement ? e.target.files?.[0] : undefined;
    if (!file) return;
    this.text.value = await file.text();
    this.error = null;
  }

  private async onSubmit(e: SubmitEvent) {
    e.preventDefault();
    if (this.busy) return;
    let survey: unknown;
    try {
      survey = JSON.parse(this.text.value);
    } catch (error) {
      const why = error instanceof Error ? error.message : "";
      this.error = localProblem("JSON", `不是有效的 JSON。${why}`);
      return;
    }
    this.busy = true;
    const result = await call("POST", "/api/admin/surveys", isImportResult, { body: survey });
    this.busy = false;
    if (!result.ok) {
      this.error = result;
      return;
    }
    this.error = null;
    this.dispatchEvent(new SurveyImportedEvent(result.data));
  }
}

declare global {
  interface HTMLElementEventMap {
    "survey-imported": SurveyImportedEvent;
  }
  interface HTMLElementTagNameMap {
    "survey-import": SurveyImport;
  }
}
