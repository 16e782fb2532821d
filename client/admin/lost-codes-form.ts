// Revokes lost slips of one batch: paste their codes or URLs, one per line.
import { html, LitElement } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { BatchView } from "../../server/domain/batch-shapes.ts";
import { buttons, tokens } from "../ui/theme.ts";
import { formStyles, viewStyles } from "./admin-styles.ts";
import { type ApiError, call } from "./api.ts";
import "./error-notice.ts";
import { FormCancelEvent, localProblem } from "./events.ts";
import { formActions, readForm } from "./forms.ts";
import { isRevokeResult } from "./shapes.ts";

export class CodesRevokedEvent extends Event {
  static readonly eventName = "codes-revoked";
  readonly batch: BatchView;
  /** How many of the given codes belong to the batch, used or not. */
  readonly matched: number;
  readonly given: number;

  constructor(batch: BatchView, matched: number, given: number) {
    super(CodesRevokedEvent.eventName, { bubbles: true, composed: true });
    this.batch = batch;
    this.matched = matched;
    this.given = given;
  }
}

@customElement("lost-codes-form")
export class LostCodesForm extends LitElement {
  static override styles = [tokens, buttons, viewStyles, formStyles];

  /** The batch the lost slips came from. */
  @property({ attribute: false }) batch!: BatchView;

  @state() private error: ApiError | null = null;
  @state() private busy = false;

  override render() {
    return html`<form @submit=${this.onSubmit}>
      <label class="wide">
        丢失的码或链接<span class="hint">每行一个；已提交过的码仍计入回收，不会被删除</span>
        <textarea name="codes" required></textarea>
      </label>
      <error-notice .error=${this.error}></error-notice>
      ${formActions("作废这些码", this.busy, this.onCancel)}
    </form>`;
  }

  /** Puts the cursor in the text box. */
  async focusFirst() {
    await this.updateComplete;
    this.renderRoot.querySelector("textarea")?.focus();
  }

  private async onSubmit(e: SubmitEvent) {
    const fields = readForm(e);
    if (!fields || this.busy) return;
    const codes = (fields.codes ?? "")
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== "");
    if (codes.length === 0) {
      this.error = localProblem("codes", "请至少输入一个码或链接");
      return;
    }
    this.busy = true;
    const path = `/api/admin/batches/${encodeURIComponent(this.batch.id)}/revoke`;
    const result = await call("POST", path, isRevokeResult, { body: { codes } });
    this.busy = false;
    if (!result.ok) {
      this.error = result;
      return;
    }
    this.error = null;
    this.dispatchEvent(new CodesRevokedEvent(result.data.batch, result.data.matched, codes.length));
  }

  private onCancel() {
    this.dispatchEvent(new FormCancelEvent());
  }
}

declare global {
  interface HTMLElementEventMap {
    "codes-revoked": CodesRevokedEvent;
  }
  interface HTMLElementTagNameMap {
    "lost-codes-form": LostCodesForm;
  }
}
