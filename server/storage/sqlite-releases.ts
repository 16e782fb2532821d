// Waiting responses and their release in cohorts (the policy is responses/releases.ts).
import { type DB, withoutOwnSync } from "./open-database.ts";
import type { WaitingCell } from "./storage.ts";

export function createReleaseStatements(db: DB) {
  // Reads the partial index responses_waiting only: as small as what is waiting.
  const cells = db.prepare<[], WaitingCell>(
    `SELECT survey_version_id AS versionId, category, channel_id AS channelId, count(*) AS waiting
       FROM responses WHERE released_on IS NULL
      GROUP BY survey_version_id, category, channel_id`,
  );
  const release = db
    .prepare<{ versionId: number; category: string; channelId: string; day: string }, string>(
      `UPDATE responses SET released_on = @day
        WHERE released_on IS NULL AND survey_version_id = @versionId
          AND category = @category AND channel_id = @channelId
       RETURNING id`,
    )
    .pluck();
  // The long table is filled from released responses only (storage/sqlite-answer-index.ts).
  const markPending = db.prepare("INSERT INTO answers_pending (response_id) VALUES (?)");
  const releaseCells = db.transaction(
    (chosen: readonly Omit<WaitingCell, "waiting">[], day: string): number => {
      let released = 0;
      for (const cell of chosen) {
        const ids = release.all({ ...cell, day });
        for (const id of ids) markPending.run(id);
        released += ids.length;
      }
      return released;
    },
  );
  return {
    waitingCells: () => cells.all(),
    releaseCells: (chosen: readonly Omit<WaitingCell, "waiting">[], day: string) =>
      withoutOwnSync(db, () => releaseCells(chosen, day)),
  };
}
