// Released responses per channel, the only per-channel count the console shows (a count that moves
// in cohorts, never by one submission). Read once per survey for a whole list, not once per row.
import type { Storage } from "../storage/storage.ts";

export type ReleasedCount = (surveyId: string, channelId: string) => number;

export function releasedCounts(storage: Pick<Storage, "countByChannel">): ReleasedCount {
  const bySurvey = new Map<string, Map<string, number>>();
  return (surveyId, channelId) => {
    let counts = bySurvey.get(surveyId);
    if (!counts) {
      counts = storage.countByChannel(surveyId);
      bySurvey.set(surveyId, counts);
    }
    return counts.get(channelId) ?? 0;
  };
}
