// Fills the long answers table from stored responses, in sorted bulk batches.
import { type DB, withoutOwnSync } from "./open-database.ts";
import { parseStoredRows } from "./stored-rows.ts";

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
    const rows: [number, string, string, string, string, string | null][] = [];
    for (const r of responses) {
      for (const [question, option, text] of parseStoredRows(r.answers))
        rows.push([r.version, question, r.category, option, r.id, text]);
      done.run(r.id);
    }
    // In primary-key order, consecutive inserts land on the same B-tree pages.
    rows.sort(compareRows);
    // Sorted rows make equal count keys adjacent: one upsert per key, not per row.
    let run = 0;
    rows.forEach((row, i) => {
      insertAnswer.run(...row);
      run += 1;
      const next = rows[i + 1];
      if (
        next &&
        next[0] === row[0] &&
        next[1] === row[1] &&
        next[2] === row[2] &&
        next[3] === row[3]
      )
        return;
      count.run(row[0], row[1], row[2], row[3], run);
      run = 0;
    });
    return responses.length;
  });

  return {
    expandPendingAnswers: (limit: number) => withoutOwnSync(db, () => expand(limit)),
    pendingAnswerCount: () => backlog.get()?.n ?? 0,
  };
}

function compareRows(
  a: readonly (string | number | null)[],
  b: readonly (string | number | null)[],
): number {
  for (let i = 0; i < 5; i++) {
    const x = a[i] ?? "";
    const y = b[i] ?? "";
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
