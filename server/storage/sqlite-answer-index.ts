// Fills the long answers table from stored responses, in sorted bulk batches.

import { countRuns, longRowsOf } from "./long-table-rows.ts";
import { type DB, withoutOwnSync } from "./open-database.ts";

export function createAnswerIndexStatements(db: DB) {
  const pending = db.prepare<
    [number],
    { id: string; version: number; category: string; answers: string }
  >(
    `SELECT r.id, r.survey_version_id AS version, r.category, r.answers
       FROM answers_pending p JOIN responses r ON r.id = p.response_id LIMIT ?`,
  );
  const insertAnswer = db.prepare(
    `INSERT INTO answers (survey_version_id, question, category, option, response_id, text)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const count = db.prepare(
    `INSERT INTO answer_counts (survey_version_id, question, category, option, n)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET n = n + excluded.n`,
  );
  const done = db.prepare("DELETE FROM answers_pending WHERE response_id = ?");
  const backlog = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM answers_pending");

  /** Expands up to `limit` pending responses; returns how many were expanded. */
  const expand = db.transaction((limit: number): number => {
    const responses = pending.all(limit);
    const rows = longRowsOf(responses);
    for (const row of rows) insertAnswer.run(...row);
    for (const key of countRuns(rows)) count.run(...key);
    for (const r of responses) done.run(r.id);
    return responses.length;
  });

  return {
    expandPendingAnswers: (limit: number) => withoutOwnSync(db, () => expand(limit)),
    pendingAnswerCount: () => backlog.get()?.n ?? 0,
  };
}
