// How numbers, times and codes read on screen, and the datetime-local ⇄ ISO round trip.
import type { BatchState } from "../../server/domain/batch-states.ts";
import type { LinkState } from "../../server/domain/link-states.ts";

export { ROLE_LABELS } from "../../server/admin/role-labels.ts";

/** A link's or a batch's state as set; a new state fails to compile until it has a word here. */
const STATE_LABELS: Record<LinkState | BatchState, string> = {
  open: "开放",
  paused: "暂停",
  closed: "关闭",
  revoked: "已作废",
};

export const stateLabel = (state: LinkState | BatchState): string => STATE_LABELS[state];

/** A fraction as a percentage; "—" when there is no denominator. */
export function formatRate(rate: number | null): string {
  if (rate === null) return "—";
  // One decimal at most, and none when it is zero: 5%, 42.4%.
  return `${Number((rate * 100).toFixed(1))}%`;
}

export const formatCount = (n: number | null): string =>
  n === null ? "—" : n.toLocaleString("zh-CN");

const pad = (n: number) => String(n).padStart(2, "0");

/** Clock time on this computer, for "更新于 HH:MM:SS". */
export const formatClock = (d: Date): string =>
  `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;

/** An ISO instant in this browser's time zone, to the minute; "—" for none. */
export function formatInstant(iso: string | null): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The value a datetime-local input shows for an ISO instant, in local time. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * A datetime-local value as ISO with this browser's offset (2026-12-01T08:00:00+08:00), so the
 * server keeps the moment the user meant; null for an empty input.
 */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${toLocalInput(d.toISOString())}:${pad(d.getSeconds())}${zone}`;
}
