// What a link can be set to, and what a respondent meets through it: words both sides share.

/** What an office sets: the stored state. */
export const LINK_STATES = ["open", "paused", "closed"] as const;
export type LinkState = (typeof LINK_STATES)[number];

/** Why a link takes no response now: as set (paused, closed), or by its times and cap. */
export const LINK_UNAVAILABLE = ["paused", "closed", "not_open", "expired", "full"] as const;
export type LinkUnavailable = (typeof LINK_UNAVAILABLE)[number];

/** What a respondent gets from a link right now; the console and the CLI show this, not `state`. */
export const LINK_AVAILABILITIES = ["open", ...LINK_UNAVAILABLE] as const;
export type LinkAvailability = (typeof LINK_AVAILABILITIES)[number];
