// Why storage refuses a respondent's entry or an office's change: reasons, not messages or statuses
// (respond/entry-unavailable.ts words them and picks each one's error code).
import type { LinkUnavailable } from "./link-states.ts";

/** Why a single-use code cannot be used now: answered, revoked, or its survey closed. */
export const CODE_UNAVAILABLE = ["used", "revoked", "closed"] as const;
export type CodeUnavailable = (typeof CODE_UNAVAILABLE)[number];

/**
 * Every reason a link or a code can be refused for: the link's and the code's own, "unknown" (no
 * such link or code), and "code_unusable" (what a respondent is told for used, revoked and unknown
 * codes alike).
 */
export type EntryUnavailable = LinkUnavailable | CodeUnavailable | "unknown" | "code_unusable";

/** Why an account change was not applied: someone changed it first, or no admin would remain. */
export const CHANGE_REFUSALS = ["stale", "last_admin"] as const;
export type ChangeRefusal = (typeof CHANGE_REFUSALS)[number];
