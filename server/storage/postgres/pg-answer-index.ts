// Fills the long answers table from released responses, in sorted bulk statements. Several
// instances may expand at once: each takes pending responses the others have not locked.

import { countRuns, longRowsOf } from "../long-table-rows.ts";
import type { ResponseStore } from "../response-store.ts";
import type { Pool } from "./open-postgres.ts";
import { inTransaction } from "./pg-transaction.ts";

export function createPgAnswerIndex(
  pool: Pool,
): Pick<ResponseStore, "expandPendingAnswers" | "pendingAnswerCount"> {
  return {
    expandPendingAnswers: (limit) =>
      inTransaction(
        pool,
        async (client) => {
          // In id order, as SQLite reads its answers_pending: a slice is a random subset of what
          // was released, never the earliest arrivals. SKIP LOCKED: another instance's slice is
          // left to it instead of being expanded twice.
          const { rows: responses } = await client.query<{
            id: string;
            version: number;
            category: string;
            answers: string;
          }>(
            `SELECT r.id, r.survey_version_id AS version, r.category, r.answers
               FROM answers_pending p JOIN responses r ON r.id = p.response_id
              ORDER BY p.response_id LIMIT $1
                FOR UPDATE OF p SKIP LOCKED`,
            [Number.isFinite(limit) ? limit : null],
          );
          if (responses.length === 0) return 0;
          // In primary-key order: the upserts below then lock count rows in one order in every
          // instance, so two expanding at once never deadlock.
          const rows = longRowsOf(responses);
          await client.query(
            `INSERT INTO answers (survey_version_id, question, category, option, response_id, text)
             SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
            columns(rows, 6),
          );
          const counts = countRuns(rows);
          await client.query(
            `INSERT INTO answer_counts (survey_version_id, question, category, option, n)
             SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[])
             ON CONFLICT (survey_version_id, question, category, option)
             DO UPDATE SET n = answer_counts.n + excluded.n`,
            columns(counts, 5),
          );
          await client.query("DELETE FROM answers_pending WHERE response_id = ANY ($1::text[])", [
            responses.map((r) => r.id),
          ]);
          return responses.length;
        },
        // Derived and redone after a crash: no fsync of its own (see pg-transaction.ts).
        { noOwnSync: true, writer: true },
      ),
    async pendingAnswerCount() {
      const { rows } = await pool.query<{ n: number }>("SELECT count(*) AS n FROM answers_pending");
      return rows[0]?.n ?? 0;
    },
  };
}

function columns(rows: readonly (readonly unknown[])[], width: number): unknown[][] {
  return Array.from({ length: width }, (_, c) => rows.map((row) => row[c]));
}
