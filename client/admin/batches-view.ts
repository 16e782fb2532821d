// Single-use code batches of one survey: create, print slips, revoke lost codes or whole batches.
import { Task } from "@lit/task";
import { html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { BatchView } from "../../server/domain/batch-shapes.ts";
import type { SurveySummary } from "../../server/domain/survey-shapes.ts";
import { buttons, tokens } from "../ui/theme.ts";
import { viewStyles } from "./admin-styles.ts";
import { type ApiError, call, describeFailure, load } from "./api.ts";
import { type BatchActions, batchColumns } from "./batch-columns.ts";
import type { BatchCreatedEvent } from "./batch-form.ts";
import "./batch-form.ts";
import { renderTable } from "./data-table.ts";
import "./error-notice.ts";
import { arrayOf } from "./guards.ts";
import type { CodesRevokedEvent } from "./lost-codes-form.ts";
import "./lost-codes-form.ts";
import { field, isBatchView, isRevokeResult } from "./shapes.ts";
import { linkButtons, tableStyles } from "./table-styles.ts";

const isBatchList = field("batches", arrayOf(isBatchView));

@customElement("batches-view")
export class BatchesView extends LitElement {
  static override styles = [tokens, buttons, viewStyles, tableStyles, linkButtons];

  /** The survey whose code batches are shown. */
  @property({ attribute: false }) survey!: SurveySummary;

  /** The batch whose lost codes are being entered, if any. */
  @state() private revoking: BatchView | null = null;
  @state() private error: ApiError | null = null;
  @state() private said = "";

  private batches = new Task(this, {
    args: () => [this.survey.id] as const,
    task: async ([id], { signal }) =>
      (await load(`/api/admin/batches?survey=${encodeURIComponent(id)}`, isBatchList, signal))
        .batches,
  });

  private actions: BatchActions = {
    revokeAll: (batch) => this.revokeAll(batch),
    revokeSome: (batch) => this.startRevoking(batch),
  };

  override render() {
    const revoking = this.revoking;
    return html`<h2>一次性码</h2>
      <p class="note">每个码只能提交一次。列表只显示数量，不显示哪个码已被使用。</p>
      <section class="panel" aria-labelledby="new-title">
        <h3 id="new-title">生成一批一次性码</h3>
        <batch-form .survey=${this.survey} @batch-created=${this.onCreated}></batch-form>
      </section>
      ${
        revoking
          ? html`<section class="panel" aria-labelledby="lost-title">
              <h3 id="lost-title">作废丢失的码：${revoking.label}</h3>
              <lost-codes-form
                .batch=${revoking}
                @codes-revoked=${this.onRevoked}
                @form-cancel=${this.onCancel}
              ></lost-codes-form>
            </section>`
          : nothing
      }
      <p class="status" role="status">${this.said}</p>
      <error-notice .error=${this.error}></error-notice>
      ${this.batches.render({
        pending: () =>
          this.batches.value ? this.renderList(this.batches.value) : html`<p>正在加载…</p>`,
        complete: (batches) => this.renderList(batches),
        error: (e) => html`<error-notice .error=${describeFailure(e)}></error-notice>`,
      })}`;
  }

  private renderList(batches: BatchView[]) {
    const empty = "还没有一次性码。用上面的表单生成第一批。";
    return renderTable("一次性码批次列表", batchColumns(this.actions), batches, empty);
  }

  private async revokeAll(batch: BatchView) {
    const ask = `确定作废批次“${batch.label}”中所有未使用的码吗？已提交的答卷保留。此操作不能撤销。`;
    if (!window.confirm(ask)) return;
    const path = `/api/admin/batches/${encodeURIComponent(batch.id)}/revoke`;
    const result = await call("POST", path, isRevokeResult, { body: {} });
    this.error = result.ok ? null : result;
    this.said = result.ok ? `已作废“${batch.label}”中未使用的码。` : "";
    if (result.ok) this.batches.run();
  }

  private async startRevoking(batch: BatchView) {
    this.revoking = batch;
    this.said = "";
    await this.updateComplete;
    const form = this.renderRoot.querySelector("lost-codes-form");
    form?.scrollIntoView({ block: "start" });
    form?.focusFirst();
  }

  private onCreated(e: BatchCreatedEvent) {
    this.said = `已生成 ${e.batch.issued} 个一次性码（${e.batch.label}）。可点“打印二维码条”打印。`;
    this.error = null;
    this.batches.run();
  }

  private onRevoked(e: CodesRevokedEvent) {
    const outside = e.given - e.matched;
    const extra = outside > 0 ? `另有 ${outside} 个不属于这个批次，未作处理。` : "";
    this.said = `“${e.batch.label}”：${e.matched} 个码属于这个批次，未使用的已作废。${extra}`;
    this.revoking = null;
    this.batches.run();
  }

  private onCancel() {
    this.revoking = null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "batches-view": BatchesView;
  }
}
