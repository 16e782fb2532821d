// Creates a batch of single-use codes: a channel name, an optional category lock and a count.
import { html, LitElement } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { BatchView, NewBatchBody } from "../../server/domain/batch-shapes.ts";
import type { SurveySummary } from "../../server/domain/survey-shapes.ts";
import { buttons, tokens } from "../ui/theme.ts";
import { formStyles, viewStyles } from "./admin-styles.ts";
import { type ApiError, call } from "./api.ts";
import { renderCategoryField } from "./category-field.ts";
import "./error-notice.ts";
import { localProblem } from "./events.ts";
import { formActions, readCount, readForm } from "./forms.ts";
import { field, isBatchView } from "./shapes.ts";

/** Same limit as the server's MAX_BATCH_SIZE; importing it would pull zod into the bundle. */
export const MAX_BATCH_SIZE = 5000;

export class BatchCreatedEvent extends Event {
  static readonly eventName = "batch-created";
  readonly batch: BatchView;

  constructor(batch: BatchView) {
    super(BatchCreatedEvent.eventName, { bubbles: true, composed: true });
    this.batch = batch;
  }
}

@customElement("batch-form")
export class BatchForm extends LitElement {
  static override styles = [tokens, buttons, viewStyles, formStyles];

  /** The survey the codes answer; its categories fill the category list. */
  @property({ attribute: false }) survey!: SurveySummary;

  @state() private error: ApiError | null = null;
  @state() private busy = false;

  override render() {
    return html`<form @submit=${this.onSubmit}>
      <label>
        渠道名称<span class="hint">例如“一线教师纸质问卷”，会随每份答卷保存</span>
        <input name="label" required maxlength="100" />
      </label>
      ${renderCategoryField(this.survey)}
      <label>
        数量<span class="hint">1 至 ${MAX_BATCH_SIZE} 个，每个码只能提交一次</span>
        <input name="count" type="number" min="1" max=${MAX_BATCH_SIZE} step="1" required />
      </label>
      <error-notice .error=${this.error}></error-notice>
      ${formActions("生成一次性码", this.busy)}
    </form>`;
  }

  private async onSubmit(e: SubmitEvent) {
    const form = e.currentTarget;
    const fields = readForm(e);
    if (!fields || this.busy) return;
    const count = readCount(fields.count);
    if (count === null || Number.isNaN(count) || count > MAX_BATCH_SIZE) {
      this.error = localProblem("count", `数量须为 1 至 ${MAX_BATCH_SIZE} 的整数`);
      return;
    }
    const body: NewBatchBody = {
      surveyId: this.survey.id,
      label: fields.label ?? "",
      category: fields.category || null,
      count,
    };
    this.busy = true;
    const result = await call("POST", "/api/admin/batches", field("batch", isBatchView), { body });
    this.busy = false;
    if (!result.ok) {
      this.error = result;
      return;
    }
    this.error = null;
    if (form instanceof HTMLFormElement) form.reset();
    this.dispatchEvent(new BatchCreatedEvent(result.data.batch));
  }
}

declare global {
  interface HTMLElementEventMap {
    "batch-created": BatchCreatedEvent;
  }
  interface HTMLElementTagNameMap {
    "batch-form": BatchForm;
  }
}
