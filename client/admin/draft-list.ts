// The drafts being written: open one, or delete one that is no longer wanted.
import { Task } from "@lit/task";
import { html, LitElement } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { buttons, tokens } from "../ui/theme.ts";
import { viewStyles } from "./admin-styles.ts";
import { type ApiError, describeFailure, load } from "./api.ts";
import { type Column, renderTable } from "./data-table.ts";
import { deleteDraft } from "./draft-api.ts";
import { type DraftSummary, isDraftList, readSummary } from "./draft-shapes.ts";
import { DraftOpenEvent } from "./editor-events.ts";
import "./error-notice.ts";
import { tableStyles } from "./table-styles.ts";

const when = (iso: string) => iso.slice(0, 16).replace("T", " ");

@customElement("draft-list")
export class DraftList extends LitElement {
  static override styles = [tokens, buttons, viewStyles, tableStyles];

  /** Bumped by the view to reload the list (after creating or publishing). */
  @property({ type: Number }) generation = 0;

  @state() private error: ApiError | null = null;

  private drafts = new Task(this, {
    args: () => [this.generation] as const,
    task: async (_args, { signal }) =>
      (await load("/api/admin/drafts", isDraftList, signal)).drafts.map(readSummary),
  });

  override render() {
    return html`<error-notice .error=${this.error}></error-notice>
      ${this.drafts.render({
        pending: () => html`<p role="status">正在加载草稿…</p>`,
        error: (e) => html`<error-notice .error=${describeFailure(e)}></error-notice>`,
        complete: (drafts) => renderTable("草稿列表", this.columns(), drafts, "还没有草稿。"),
      })}`;
  }

  private columns(): Column<DraftSummary>[] {
    return [
      { label: "标题", cell: (d) => d.title, wrap: true },
      {
        label: "来源",
        cell: (d) => (d.basedOn ? `${d.basedOn.surveyId} 第 ${d.basedOn.version} 版` : "新问卷"),
      },
      { label: "最后保存", cell: (d) => when(d.updatedAt) },
      {
        label: "操作",
        cell: (d) => html`<div class="actions">
          <button type="button" @click=${() => this.dispatchEvent(new DraftOpenEvent(d.id))}>编辑</button>
          <button type="button" @click=${() => this.onDelete(d)}>删除</button>
        </div>`,
      },
    ];
  }

  private async onDelete(d: DraftSummary) {
    if (!window.confirm(`确定删除草稿“${d.title}”吗？删除后不能恢复。`)) return;
    const result = await deleteDraft(d.id);
    this.error = result.ok ? null : result;
    if (result.ok) this.drafts.run();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "draft-list": DraftList;
  }
}
