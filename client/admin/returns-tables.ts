// The returns monitor's tables: per category, per link and per code batch. Counts only, and per
// link a burst alert that is a flag, never a number (server/respondent/burst-watch.ts says why).
import { html, nothing } from "lit";
import type { BatchState } from "../../server/domain/batch-states.ts";
import type { LinkState } from "../../server/domain/link-states.ts";
import type { Returns } from "../../server/domain/returns-shapes.ts";
import { type Column, renderTable } from "./data-table.ts";
import { formatCount, formatRate, stateLabel } from "./format.ts";

type CategoryRow = Returns["categories"][number];
type LinkRow = Returns["links"][number];
type BatchRow = Returns["batches"][number];

const state = (s: LinkState | BatchState) => html`<span class="badge ${s}">${stateLabel(s)}</span>`;

const CATEGORY_COLUMNS: Column<CategoryRow>[] = [
  { label: "类别", cell: (r) => r.label, wrap: true },
  { label: "完成", cell: (r) => formatCount(r.completed), num: true },
  { label: "目标", cell: (r) => formatCount(r.target), num: true },
  { label: "进度", cell: (r) => formatRate(r.rate), num: true },
];

export const BURST_ALERT = "提交速度异常：可能有人在刷问卷";

const burst = (r: LinkRow) =>
  r.burstAlert ? html`<br /><span class="badge paused burst">${BURST_ALERT}</span>` : nothing;

const LINK_COLUMNS: Column<LinkRow>[] = [
  { label: "渠道", cell: (r) => html`${r.label}${burst(r)}`, wrap: true },
  { label: "类别", cell: (r) => r.categoryLabel ?? "不限" },
  { label: "状态", cell: (r) => state(r.state) },
  { label: "完成", cell: (r) => formatCount(r.completed), num: true },
  { label: "上限", cell: (r) => formatCount(r.cap), num: true },
  { label: "回收率", cell: (r) => formatRate(r.rate), num: true },
];

const BATCH_COLUMNS: Column<BatchRow>[] = [
  { label: "批次", cell: (r) => r.label, wrap: true },
  { label: "类别", cell: (r) => r.categoryLabel ?? "不限" },
  { label: "状态", cell: (r) => state(r.state) },
  { label: "发放", cell: (r) => formatCount(r.issued), num: true },
  { label: "已回收", cell: (r) => formatCount(r.completed), num: true },
  { label: "回收率", cell: (r) => formatRate(r.rate), num: true },
];

const BURST_ADVICE = html`<p class="note" role="status">
  “${BURST_ALERT}”：过去 10 分钟内经这个链接保存的答卷远多于正常填写的速度，或同一网络地址的提交超过了频率上限。也可能是许多人在同一会场用同一网络提交。
  如不是，请暂停这个链接，改发新链接或一次性问卷码，并在结束收集前核对这个渠道的答卷。
</p>`;

export function renderReturnsTables(returns: Returns) {
  return html`<h3>按类别</h3>
    ${renderTable("按类别统计", CATEGORY_COLUMNS, returns.categories, "这份问卷没有类别题。")}
    <h3>按发放链接</h3>
    ${renderTable("按发放链接统计", LINK_COLUMNS, returns.links, "还没有发放链接。")}
    ${returns.links.some((l) => l.burstAlert) ? BURST_ADVICE : nothing}
    <h3>按一次性码批次</h3>
    ${renderTable("按批次统计", BATCH_COLUMNS, returns.batches, "还没有一次性码批次。")}`;
}
