// Waiting responses and their release in cohorts (the policy is responses/releases.ts), and the
// released counts the console shows.
import type { ResponseStore, WaitingCell } from "../response-store.ts";
import type { Pool } from "./open-postgres.ts";
import { inTransaction } from "./pg-transaction.ts";

export function createPgReleases(
  pool: Pool,
): Pick<ResponseStore, "waitingCells" | "releaseCells" | "countByCategory" | "countByChannel"> {
  // Released responses only: counts move in whole cohorts, never by one submission.
  const counted = async (text: string, surveyId: string) => {
    const { rows } = await pool.query<{ key: string; n: number }>(text, [surveyId]);
    return new Map(rows.map((r) => [r.key, r.n]));
  };

  return {
    async waitingCells() {
      // Reads the partial index responses_waiting only: as small as what is waiting.
      const { rows } = await pool.query<WaitingCell>(
        `SELECT survey_version_id AS "versionId", category, channel_id AS "channelId",
                count(*) AS waiting
           FROM responses WHERE released_on IS NULL
          GROUP BY survey_version_id, category, channel_id
          ORDER BY survey_version_id, category, channel_id`,
      );
      return rows;
    },
    releaseCells: (cells, day) =>
      inTransaction(
        pool,
        async (client) => {
          let released = 0;
          for (const cell of cells) {
            // The long table is filled from released responses only (pg-answer-index.ts).
            const { rowCount } = await client.query(
              `WITH released AS (
                 UPDATE responses SET released_on = $4
                  WHERE released_on IS NULL AND survey_version_id = $1 AND category = $2
                    AND channel_id = $3
                 RETURNING id)
               INSERT INTO answers_pending (response_id) SELECT id FROM released ORDER BY id`,
              [cell.versionId, cell.category, cell.channelId, day],
            );
            released += rowCount ?? 0;
          }
          return released;
        },
        // Derived and redone after a crash: no fsync of its own (see pg-transaction.ts).
        { noOwnSync: true, writer: true },
      ),
    countByCategory: (surveyId) =>
      counted(
        `SELECT r.category AS key, count(*) AS n FROM responses r
           JOIN survey_versions v ON v.id = r.survey_version_id
          WHERE v.survey_id = $1 AND r.released_on IS NOT NULL
          GROUP BY r.category ORDER BY r.category`,
        surveyId,
      ),
    countByChannel: (surveyId) =>
      counted(
        `SELECT r.channel_id AS key, count(*) AS n FROM responses r
           JOIN survey_versions v ON v.id = r.survey_version_id
          WHERE v.survey_id = $1 AND r.released_on IS NOT NULL
          GROUP BY r.channel_id ORDER BY r.channel_id`,
        surveyId,
      ),
  };
}
