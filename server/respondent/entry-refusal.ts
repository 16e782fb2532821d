// The JSON answer when a link or a code cannot be used now: one place, so the survey route and the
// submit route can never tell a respondent's used code from an unknown one differently.
import type { Context } from "hono";
import type { EntryUnavailable } from "../domain/refusals.ts";
import { jsonError } from "../http/errors.ts";
import { respondentReason, UNAVAILABLE_MESSAGES, unavailableCode } from "./entry-unavailable.ts";
import type { EntryKind } from "./resolve-entry.ts";

export function refuseEntry(c: Context, kind: EntryKind, reason: EntryUnavailable) {
  const shown = respondentReason(kind, reason);
  return jsonError(c, unavailableCode(shown), UNAVAILABLE_MESSAGES[shown]);
}
