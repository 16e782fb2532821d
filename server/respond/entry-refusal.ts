// The JSON answer when a link or a code cannot be used now: one place, so the survey route and the
// submit route can never tell a respondent's used code from an unknown one differently.
import type { Context } from "hono";
import { jsonError } from "../http/errors.ts";
import {
  type EntryUnavailable,
  respondentReason,
  UNAVAILABLE_MESSAGES,
  unavailableStatus,
} from "./entry-unavailable.ts";
import type { EntryKind } from "./resolve-entry.ts";

export function refuseEntry(c: Context, kind: EntryKind, reason: EntryUnavailable) {
  const shown = respondentReason(kind, reason);
  const message = UNAVAILABLE_MESSAGES[shown];
  if (shown === "unknown" || shown === "code_unusable")
    return jsonError(c, 404, "not_found", message);
  return jsonError(c, unavailableStatus(shown), "link_unavailable", message);
}
