// Why a respondent cannot use a link or a code right now: one message and one error code (so one
// status) per reason. The one place that says which reason answers with which status.
import type { EntryUnavailable } from "../domain/refusals.ts";
import { ERROR_STATUS } from "../http/errors.ts";

/**
 * What a respondent is told. A used, a revoked and an unknown code get the same answer: whoever
 * holds someone's slip cannot tell "answered" from "revoked" or "mistyped" (an unused code still
 * opens the survey, or it could not work at all).
 */
export function respondentReason(
  kind: "link" | "code",
  reason: EntryUnavailable,
): EntryUnavailable {
  if (kind === "code" && (reason === "unknown" || reason === "used" || reason === "revoked"))
    return "code_unusable";
  return reason;
}

/**
 * Never existed (or a code a respondent may not tell from that) → not_found, 404; may come back
 * (paused, not yet open) → link_not_open, 403; gone for good → link_unavailable, 410.
 */
export function unavailableCode(
  reason: EntryUnavailable,
): "not_found" | "link_not_open" | "link_unavailable" {
  if (reason === "unknown" || reason === "code_unusable") return "not_found";
  return reason === "paused" || reason === "not_open" ? "link_not_open" : "link_unavailable";
}

/** The status of the JSON refusal, for the HTML page of the same reason. */
export function unavailableStatus(reason: EntryUnavailable) {
  return ERROR_STATUS[unavailableCode(reason)];
}

export const UNAVAILABLE_MESSAGES: Record<EntryUnavailable, string> = {
  unknown: "找不到这份问卷。请核对链接是否完整，或向发放问卷的单位索取新的链接。",
  paused: "这份问卷暂停收集，请稍后再试。",
  not_open: "这份问卷尚未开始收集，请在开始时间之后再打开。",
  closed: "这份问卷已结束收集，感谢您的关注。",
  expired: "这份问卷的收集时间已截止，感谢您的关注。",
  full: "这份问卷已收满：已达到份数上限，不再接收新的答卷。感谢您的关注。",
  used: "这个问卷码已经使用过。每个码只能提交一次，感谢您的参与。",
  revoked: "这个问卷码已作废。如有疑问，请向发放问卷的单位咨询。",
  code_unusable:
    "这个问卷码不能再使用：它可能已经提交过（每个码只能提交一次）、已作废，或输入有误。如有疑问，请向发放问卷的单位咨询。",
};

/**
 * The heading of each page: it says what is true (closed is over, full is full), and says
 * "暂时" only where the link may come back. A code's three reasons share one heading, as they
 * share one message.
 */
export const UNAVAILABLE_HEADINGS: Record<EntryUnavailable, string> = {
  unknown: "找不到这份问卷",
  paused: "问卷暂停收集",
  not_open: "问卷尚未开始",
  closed: "问卷已结束收集",
  expired: "问卷已截止",
  full: "问卷已收满",
  used: "问卷码不能使用",
  revoked: "问卷码不能使用",
  code_unusable: "问卷码不能使用",
};
