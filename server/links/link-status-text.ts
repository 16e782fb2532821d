// A link's availability in words for the terminal (CLI and start output), with the time that matters.
import { type LinkTerms, linkAvailability } from "../domain/link-availability.ts";
import type { LinkAvailability } from "../domain/link-states.ts";

const WORDS: Record<LinkAvailability, string> = {
  open: "open",
  paused: "paused",
  closed: "closed",
  not_open: "not yet open",
  expired: "ended",
  full: "full",
};

/** Wide enough for the longest word, so `link list` keeps its columns. */
export const STATUS_WIDTH = Math.max(...Object.values(WORDS).map((w) => w.length));

export interface LinkStatusText {
  availability: LinkAvailability;
  word: string;
  /** e.g. "opens 2026-12-03 08:00 Asia/Shanghai"; "" when no time explains the word. */
  when: string;
}

/** Times are shown in the survey's zone (SURVEY_TIME_ZONE), which the terminal's may not be. */
export function linkStatusText(link: LinkTerms, now: Date, timeZone: string): LinkStatusText {
  const availability = linkAvailability(link, now.toISOString());
  const at = (iso: string) => `${minuteIn(timeZone, iso)} ${timeZone}`;
  const when =
    availability === "not_open" && link.opensAt
      ? `opens ${at(link.opensAt)}`
      : availability === "expired" && link.closesAt
        ? `closed at ${at(link.closesAt)}`
        : "";
  return { availability, word: WORDS[availability], when };
}

/** YYYY-MM-DD HH:MM in `timeZone`, on a 24-hour clock. */
export function minuteIn(timeZone: string, iso: string): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}`;
}
