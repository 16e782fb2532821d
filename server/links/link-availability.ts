// Whether a link may take a response right now, and if not, why (each reason has its own page).
/** Link ids are nanoids; anything else is refused without a database lookup. */
export function isLinkId(value: string): boolean {
  return /^[A-Za-z0-9_-]{21,64}$/.test(value);
}

export type LinkState = "open" | "paused" | "closed";
export type LinkUnavailable = "paused" | "closed" | "not_open" | "expired" | "full";

export interface LinkTerms {
  state: LinkState;
  cap: number | null;
  completed: number;
  opensAt: string | null;
  closesAt: string | null;
}

/** `nowIso` is an ISO-8601 UTC instant; times are stored in the same form, so they compare as text. */
export function checkLinkAvailability(link: LinkTerms, nowIso: string): LinkUnavailable | null {
  if (link.state === "closed") return "closed";
  if (link.state === "paused") return "paused";
  if (link.closesAt !== null && nowIso >= link.closesAt) return "expired";
  if (link.opensAt !== null && nowIso < link.opensAt) return "not_open";
  if (link.cap !== null && link.completed >= link.cap) return "full";
  return null;
}

/** Gone for good → 410; may come back (paused, not yet open) → 403. */
export function unavailableStatus(reason: LinkUnavailable): 403 | 410 {
  return reason === "paused" || reason === "not_open" ? 403 : 410;
}

export const UNAVAILABLE_MESSAGES: Record<LinkUnavailable | "unknown", string> = {
  unknown: "找不到这份问卷。请核对链接是否完整，或向发放问卷的单位索取新的链接。",
  paused: "这份问卷暂停收集，请稍后再试。",
  not_open: "这份问卷尚未开始收集，请在开始时间之后再打开。",
  closed: "这份问卷已结束收集，感谢您的关注。",
  expired: "这份问卷的收集时间已截止，感谢您的关注。",
  full: "这份问卷已收满，感谢您的关注。",
};
