// Survey versions in SQLite: content-addressed, so a version with responses can never change.
import type { DB } from "./open-database.ts";
import type { SurveyVersionRecord, VersionSummary } from "./storage.ts";

export function createSurveyStatements(db: DB) {
  const byHash = db.prepare<{ surveyId: string; hash: string }, SurveyVersionRecord>(
    `SELECT id, survey_id AS surveyId, version, definition, created_on AS createdOn
       FROM survey_versions WHERE survey_id = @surveyId AND content_hash = @hash`,
  );
  const byId = db.prepare<[number], SurveyVersionRecord>(
    `SELECT id, survey_id AS surveyId, version, definition, created_on AS createdOn
       FROM survey_versions WHERE id = ?`,
  );
  const nextNumber = db.prepare<[string], { next: number }>(
    "SELECT coalesce(max(version), 0) + 1 AS next FROM survey_versions WHERE survey_id = ?",
  );
  const insert = db.prepare(
    `INSERT INTO survey_versions (survey_id, version, content_hash, definition, created_on)
     VALUES (@surveyId, @version, @hash, @definition, @today)`,
  );
  const setCurrent = db.prepare(
    `INSERT INTO surveys (id, current_version_id) VALUES (@surveyId, @versionId)
     ON CONFLICT (id) DO UPDATE SET current_version_id = excluded.current_version_id`,
  );
  const current = db.prepare<[string], { id: number }>(
    "SELECT current_version_id AS id FROM surveys WHERE id = ?",
  );
  const summaries = db.prepare<[], Omit<VersionSummary, "current"> & { current: number }>(
    `SELECT v.id, v.survey_id AS surveyId, v.version, v.created_on AS createdOn,
            (s.current_version_id = v.id) AS current,
            (SELECT count(*) FROM responses r WHERE r.survey_version_id = v.id) AS responses
       FROM survey_versions v JOIN surveys s ON s.id = v.survey_id
      ORDER BY v.survey_id, v.version`,
  );

  return {
    registerSurveyVersion: db.transaction(
      (surveyId: string, hash: string, definition: string, today: string): SurveyVersionRecord => {
        let record = byHash.get({ surveyId, hash });
        if (!record) {
          const version = nextNumber.get(surveyId)?.next ?? 1;
          const { lastInsertRowid } = insert.run({ surveyId, version, hash, definition, today });
          record = { id: Number(lastInsertRowid), surveyId, version, definition, createdOn: today };
        }
        setCurrent.run({ surveyId, versionId: record.id });
        return record;
      },
    ),
    getSurveyVersion: (id: number) => byId.get(id),
    currentVersionId: (surveyId: string) => current.get(surveyId)?.id,
    listVersions: (): VersionSummary[] =>
      summaries.all().map((v) => ({ ...v, current: v.current === 1 })),
  };
}
