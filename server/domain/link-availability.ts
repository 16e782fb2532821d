// Whether a link may take a response right now, and if not, why (each reason has its own page).
// A pure rule: storage applies it in the transaction that stores; routes and the CLI list it.
import type { LinkAvailability, LinkState, LinkUnavailable } from "./link-states.ts";

/** Link ids are nanoids; anything else is refused without a database lookup. */
export function isLinkId(value: string): boolean {
  return /^[A-Za-z0-9_-]{21,64}$/.test(value);
}

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

/** The same rule as a respondent meets it, for lists: a link opening tomorrow is not "open". */
export function linkAvailability(link: LinkTerms, nowIso: string): LinkAvailability {
  return checkLinkAvailability(link, nowIso) ?? "open";
}
