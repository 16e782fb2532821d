// The columns of the link list, with each row's actions handed in by the view.
import { html, nothing } from "lit";
import type { LinkView } from "../../server/domain/link-shapes.ts";
import type { LinkAvailability, LinkState } from "../../server/domain/link-states.ts";
import type { Column } from "./data-table.ts";
import "./copy-text.ts";
import { formatCount, formatInstant } from "./format.ts";

export interface LinkActions {
  setState(link: LinkView, state: LinkState): void;
  edit(link: LinkView): void;
}

const qrPath = (link: LinkView, ext: "svg" | "png") =>
  `/api/admin/links/${encodeURIComponent(link.id)}/qr.${ext}`;

/** The badge's colour: waiting (paused, not yet open) or over (closed, ended, full). */
const BADGE: Record<LinkAvailability, string> = {
  open: "open",
  paused: "paused",
  not_open: "paused",
  closed: "closed",
  expired: "closed",
  full: "closed",
};

/** What a respondent gets now, as the server decided it (server/domain/link-availability.ts). */
export function availabilityLabel(link: LinkView): string {
  switch (link.availability) {
    case "open":
      return "开放";
    case "paused":
      return "暂停";
    case "closed":
      return "关闭";
    case "not_open":
      return `未开始（${formatMoment(link.opensAt)} 开放）`;
    case "expired":
      return `已截止（${formatMoment(link.closesAt)}）`;
    case "full":
      return "已收满";
  }
}

/** e.g. 12月3日 08:00 in this browser's zone, as the 开放时间 column; the year only if not this one. */
function formatMoment(iso: string | null): string {
  const d = new Date(iso ?? "");
  if (Number.isNaN(d.getTime())) return iso ?? "";
  const year = d.getFullYear() === new Date().getFullYear() ? "" : `${d.getFullYear()}年`;
  const time = `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
  return `${year}${d.getMonth() + 1}月${d.getDate()}日 ${time}`;
}

function renderWindow(link: LinkView) {
  if (!link.opensAt && !link.closesAt) return "不限";
  return html`${formatInstant(link.opensAt)} 至<br />${formatInstant(link.closesAt)}`;
}

function renderActions(link: LinkView, act: LinkActions) {
  const open = link.state === "open";
  return html`<div class="actions">
    ${
      link.state === "closed"
        ? nothing
        : html`<button type="button" @click=${() => act.setState(link, open ? "paused" : "open")}>
              ${open ? "暂停" : "恢复"}
            </button>
            <button type="button" @click=${() => act.setState(link, "closed")}>关闭</button>`
    }
    <button type="button" @click=${() => act.edit(link)}>编辑</button>
    <a class="button" href=${qrPath(link, "svg")} download="${link.label}.svg">二维码 SVG</a>
    <a class="button" href=${qrPath(link, "png")} download="${link.label}.png">二维码 PNG</a>
  </div>`;
}

export function linkColumns(act: LinkActions): Column<LinkView>[] {
  return [
    { label: "渠道", cell: (l) => l.label, wrap: true },
    { label: "类别", cell: (l) => l.categoryLabel ?? "不限" },
    {
      label: "状态",
      cell: (l) =>
        html`<span class="badge ${BADGE[l.availability]}">${availabilityLabel(l)}</span>`,
    },
    {
      label: "完成 / 上限",
      cell: (l) => `${formatCount(l.completed)} / ${l.cap === null ? "不限" : formatCount(l.cap)}`,
      num: true,
    },
    { label: "开放时间", cell: renderWindow },
    {
      label: "链接地址",
      cell: (l) => html`<copy-text value=${l.url} label="链接地址：${l.label}"></copy-text>`,
      wrap: true,
    },
    { label: "操作", cell: (l) => renderActions(l, act) },
  ];
}
