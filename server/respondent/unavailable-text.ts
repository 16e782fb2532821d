// What the page for an unusable link says, with the time that explains it (opens at, closed at) in
// the survey's time zone, as the console's 未开始（12月3日 08:00 开放）does.
import type { EntryUnavailable } from "../domain/refusals.ts";
import { minuteIn } from "../links/link-status-text.ts";
import { UNAVAILABLE_MESSAGES } from "./entry-unavailable.ts";
import type { LinkWindow } from "./resolve-entry.ts";

/** Zone names that all mean Beijing time, which respondents know by that name. */
const BEIJING = new Set([
  "Asia/Shanghai",
  "Asia/Chongqing",
  "Asia/Chungking",
  "Asia/Harbin",
  "PRC",
]);

/** e.g. 12月3日 08:00（北京时间）; the year only when it is not this year in that zone. */
export function respondentMoment(iso: string, timeZone: string, now: Date): string {
  const [date = "", time = ""] = minuteIn(timeZone, iso).split(" ");
  const [year = "", month = "", day = ""] = date.split("-");
  const thisYear = minuteIn(timeZone, now.toISOString()).slice(0, 4);
  const zone = BEIJING.has(timeZone) ? "北京时间" : timeZone;
  return `${year === thisYear ? "" : `${year}年`}${Number(month)}月${Number(day)}日 ${time}（${zone}）`;
}

/** Only a link has a window: a code's page never says more than UNAVAILABLE_MESSAGES. */
export function unavailableText(
  reason: EntryUnavailable,
  window: LinkWindow | undefined,
  timeZone: string,
  now: Date,
): string {
  const at = (iso: string) => respondentMoment(iso, timeZone, now);
  if (reason === "not_open" && window?.opensAt)
    return `这份问卷尚未开始收集，将于 ${at(window.opensAt)}开放，请届时再打开。`;
  if (reason === "expired" && window?.closesAt)
    return `这份问卷的收集已于 ${at(window.closesAt)}截止，感谢您的关注。`;
  return UNAVAILABLE_MESSAGES[reason];
}
