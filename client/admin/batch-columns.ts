// The columns of the code batch list: counts only, and the actions on a whole batch.
import { html, nothing } from "lit";
import type { BatchView } from "../../server/domain/batch-shapes.ts";
import type { Column } from "./data-table.ts";
import { formatCount, formatInstant, stateLabel } from "./format.ts";

export interface BatchActions {
  revokeAll(batch: BatchView): void;
  revokeSome(batch: BatchView): void;
}

function renderActions(batch: BatchView, act: BatchActions) {
  const slips = `/api/admin/batches/${encodeURIComponent(batch.id)}/slips`;
  return html`<div class="actions">
    <a class="button" href=${slips} target="_blank" rel="noopener">打印二维码条</a>
    ${
      batch.state === "revoked"
        ? nothing
        : html`<button type="button" @click=${() => act.revokeSome(batch)}>作废丢失的码</button>
            <button type="button" @click=${() => act.revokeAll(batch)}>作废整批</button>`
    }
  </div>`;
}

export function batchColumns(act: BatchActions): Column<BatchView>[] {
  return [
    { label: "渠道", cell: (b) => b.label, wrap: true },
    { label: "类别", cell: (b) => b.categoryLabel ?? "不限" },
    {
      label: "状态",
      cell: (b) => html`<span class="badge ${b.state}">${stateLabel(b.state)}</span>`,
    },
    { label: "发放", cell: (b) => formatCount(b.issued), num: true },
    // Released responses (counted in cohorts), never the exact number of codes used.
    { label: "已回收", cell: (b) => formatCount(b.used), num: true },
    { label: "已作废", cell: (b) => formatCount(b.revoked), num: true },
    { label: "创建时间", cell: (b) => formatInstant(b.createdAt) },
    { label: "操作", cell: (b) => renderActions(b, act) },
  ];
}
