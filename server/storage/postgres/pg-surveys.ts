// Survey versions in PostgreSQL: content-addressed, so a version with responses can never change.
import type pg from "pg";
import type { SurveyState } from "../../domain/survey-states.ts";
import type {
  NewSurveyVersion,
  RegisteredVersion,
  SurveyStore,
  SurveyTargets,
  SurveyVersionRecord,
  VersionSummary,
} from "../survey-store.ts";
import type { Pool } from "./open-postgres.ts";
import {
  inTransaction,
  lockObjectForTransaction,
  OBJECT_LOCKS,
  type Queryable,
} from "./pg-transaction.ts";

const VERSION_COLUMNS = `id, survey_id AS "surveyId", version, definition, created_on AS "createdOn"`;

/**
 * Registers a version on `client`, inside the caller's transaction (publishing a draft registers
 * and audits in one). Two instances starting with the same file number it once: the survey's lock
 * holds the second until the first commits, and it then finds the version by its hash.
 */
export async function registerVersionIn(
  client: Queryable,
  { surveyId, contentHash, definition, today, makeCurrent }: NewSurveyVersion,
): Promise<RegisteredVersion> {
  await lockObjectForTransaction(client, OBJECT_LOCKS.survey, surveyId);
  const found = await client.query<SurveyVersionRecord>(
    `SELECT ${VERSION_COLUMNS} FROM survey_versions WHERE survey_id = $1 AND content_hash = $2`,
    [surveyId, contentHash],
  );
  let record = found.rows[0];
  const created = !record;
  if (!record) {
    const inserted = await client.query<SurveyVersionRecord>(
      `INSERT INTO survey_versions (survey_id, version, content_hash, definition, created_on)
       SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4 FROM survey_versions WHERE survey_id = $1
       RETURNING ${VERSION_COLUMNS}`,
      [surveyId, contentHash, definition, today],
    );
    record = inserted.rows[0];
    if (!record) throw new Error("INSERT … RETURNING returned no row");
  }
  // At start a file only moves the survey on when its content is new, so a version imported
  // through the console is not undone by an older file on the next restart.
  const current = await client.query("SELECT 1 FROM surveys WHERE id = $1", [surveyId]);
  if (makeCurrent === "always" || created || current.rowCount === 0)
    await client.query(
      `INSERT INTO surveys (id, current_version_id) VALUES ($1, $2)
       ON CONFLICT (id) DO UPDATE SET current_version_id = excluded.current_version_id`,
      [surveyId, record.id],
    );
  return { record, created };
}

export function createPgSurveys(pool: Pool): SurveyStore {
  const one = async <T extends pg.QueryResultRow>(text: string, values: unknown[]) =>
    (await pool.query<T>(text, values)).rows[0];

  return {
    registerSurveyVersion: (version) =>
      inTransaction(pool, (client) => registerVersionIn(client, version)),
    getSurveyVersion: (id) =>
      one<SurveyVersionRecord>(`SELECT ${VERSION_COLUMNS} FROM survey_versions WHERE id = $1`, [
        id,
      ]),
    currentVersionId: async (surveyId) =>
      (
        await one<{ id: number }>("SELECT current_version_id AS id FROM surveys WHERE id = $1", [
          surveyId,
        ])
      )?.id,
    async listVersions(): Promise<VersionSummary[]> {
      // Released responses only: counts move in whole cohorts, never by one submission.
      const { rows } = await pool.query<VersionSummary>(
        `SELECT v.id, v.survey_id AS "surveyId", v.version, v.created_on AS "createdOn",
                (s.current_version_id = v.id) AS current,
                (SELECT count(*) FROM responses r
                  WHERE r.survey_version_id = v.id AND r.released_on IS NOT NULL) AS responses
           FROM survey_versions v JOIN surveys s ON s.id = v.survey_id
          ORDER BY v.survey_id, v.version`,
      );
      return rows;
    },
    surveyState: async (surveyId) =>
      (await one<{ state: SurveyState }>("SELECT state FROM surveys WHERE id = $1", [surveyId]))
        ?.state,
    async setSurveyState(surveyId, state) {
      await pool.query("UPDATE surveys SET state = $2 WHERE id = $1", [surveyId, state]);
    },
    async getTargets(surveyId): Promise<SurveyTargets> {
      const result: SurveyTargets = { total: null, categories: {} };
      const { rows } = await pool.query<{ category: string; target: number }>(
        "SELECT category, target FROM survey_targets WHERE survey_id = $1 ORDER BY category",
        [surveyId],
      );
      for (const row of rows) {
        if (row.category === "") result.total = row.target;
        else result.categories[row.category] = row.target;
      }
      return result;
    },
    setTargets: (surveyId, targets) =>
      inTransaction(pool, async (client) => {
        // The survey's row locked first: two plans saved at once apply one after the other (the
        // later wins whole), instead of the second tripping over the first's new rows.
        await client.query("SELECT 1 FROM surveys WHERE id = $1 FOR UPDATE", [surveyId]);
        await client.query("DELETE FROM survey_targets WHERE survey_id = $1", [surveyId]);
        const entries: [string, number][] = Object.entries(targets.categories);
        if (targets.total !== null) entries.unshift(["", targets.total]);
        await client.query(
          `INSERT INTO survey_targets (survey_id, category, target)
           SELECT $1, category, target FROM unnest($2::text[], $3::int[]) AS t (category, target)`,
          [surveyId, entries.map(([category]) => category), entries.map(([, n]) => n)],
        );
      }),
  };
}
