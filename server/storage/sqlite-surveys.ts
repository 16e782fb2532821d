// Survey versions in SQLite: content-addressed, so a version with responses can never change.
import type { DB } from "./open-database.ts";
import type {
  NewSurveyVersion,
  SurveyState,
  SurveyTargets,
  SurveyVersionRecord,
  VersionSummary,
} from "./survey-store.ts";

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
  const hasCurrent = db.prepare<[string], { id: string }>("SELECT id FROM surveys WHERE id = ?");
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
            (SELECT count(*) FROM responses r
              WHERE r.survey_version_id = v.id AND r.released_on IS NOT NULL) AS responses
       FROM survey_versions v JOIN surveys s ON s.id = v.survey_id
      ORDER BY v.survey_id, v.version`,
  );

  const state = db.prepare<[string], { state: SurveyState }>(
    "SELECT state FROM surveys WHERE id = ?",
  );
  const setState = db.prepare("UPDATE surveys SET state = @state WHERE id = @surveyId");
  const targets = db.prepare<[string], { category: string; target: number }>(
    "SELECT category, target FROM survey_targets WHERE survey_id = ?",
  );
  const clearTargets = db.prepare("DELETE FROM survey_targets WHERE survey_id = ?");
  const insertTarget = db.prepare(
    "INSERT INTO survey_targets (survey_id, category, target) VALUES (?, ?, ?)",
  );
  // Released responses only: counts move in whole cohorts, never by one submission.
  const byCategory = db.prepare<[string], { category: string; n: number }>(
    `SELECT r.category, count(*) AS n FROM responses r
       JOIN survey_versions v ON v.id = r.survey_version_id
      WHERE v.survey_id = ? AND r.released_on IS NOT NULL GROUP BY r.category`,
  );
  const byChannel = db.prepare<[string], { channelId: string; n: number }>(
    `SELECT r.channel_id AS channelId, count(*) AS n FROM responses r
       JOIN survey_versions v ON v.id = r.survey_version_id
      WHERE v.survey_id = ? AND r.released_on IS NOT NULL GROUP BY r.channel_id`,
  );
  const labels = db.prepare<[], { id: string; label: string }>(
    `SELECT channel_id AS id, label FROM links
     UNION ALL SELECT channel_id, label FROM code_batches
     UNION ALL SELECT id, label FROM legacy_channels`,
  );

  return {
    registerSurveyVersion: db.transaction(
      ({ surveyId, contentHash: hash, definition, today, makeCurrent }: NewSurveyVersion) => {
        let record = byHash.get({ surveyId, hash });
        const created = !record;
        if (!record) {
          const version = nextNumber.get(surveyId)?.next ?? 1;
          const { lastInsertRowid } = insert.run({ surveyId, version, hash, definition, today });
          record = { id: Number(lastInsertRowid), surveyId, version, definition, createdOn: today };
        }
        // At start a file only moves the survey on when its content is new, so a version
        // imported through the console is not undone by an older file on the next restart.
        if (makeCurrent === "always" || created || !hasCurrent.get(surveyId))
          setCurrent.run({ surveyId, versionId: record.id });
        return { record, created };
      },
    ),
    getSurveyVersion: (id: number) => byId.get(id),
    currentVersionId: (surveyId: string) => current.get(surveyId)?.id,
    listVersions: (): VersionSummary[] =>
      summaries.all().map((v) => ({ ...v, current: v.current === 1 })),
    surveyState: (surveyId: string) => state.get(surveyId)?.state,
    setSurveyState: (surveyId: string, value: SurveyState) =>
      void setState.run({ surveyId, state: value }),
    getTargets(surveyId: string): SurveyTargets {
      const result: SurveyTargets = { total: null, categories: {} };
      for (const row of targets.all(surveyId)) {
        if (row.category === "") result.total = row.target;
        else result.categories[row.category] = row.target;
      }
      return result;
    },
    setTargets: db.transaction((surveyId: string, value: SurveyTargets) => {
      clearTargets.run(surveyId);
      if (value.total !== null) insertTarget.run(surveyId, "", value.total);
      for (const [category, n] of Object.entries(value.categories))
        insertTarget.run(surveyId, category, n);
    }),
    countByCategory: (surveyId: string) =>
      new Map(byCategory.all(surveyId).map((r) => [r.category, r.n])),
    countByChannel: (surveyId: string) =>
      new Map(byChannel.all(surveyId).map((r) => [r.channelId, r.n])),
    channelLabels: () => new Map(labels.all().map((r) => [r.id, r.label])),
  };
}
