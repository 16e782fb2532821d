// Released responses per channel, the only per-channel count the console shows (a count that moves
// in cohorts, never by one submission). Read once per survey for a whole list, not once per row.
import type { ResponseStore } from "../storage/storage.ts";

export type ReleasedCount = (surveyId: string, channelId: string) => number;

/** Reads the counts of every survey in `surveyIds` (each once); the lookup then answers at once. */
export async function releasedCounts(
  storage: Pick<ResponseStore, "countByChannel">,
  surveyIds: Iterable<string>,
): Promise<ReleasedCount> {
  const bySurvey = new Map<string, Map<string, number>>();
  for (const surveyId of new Set(surveyIds))
    bySurvey.set(surveyId, await storage.countByChannel(surveyId));
  return (surveyId, channelId) => bySurvey.get(surveyId)?.get(channelId) ?? 0;
}
