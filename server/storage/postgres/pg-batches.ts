// Single-use code batches in PostgreSQL: the batch, its codes, and counts (never which code was used).

import type { BatchRecord } from "../admin-records.ts";
import type { BatchStore, FoundCode } from "../batch-store.ts";
import { codeRefusal } from "../code-refusal.ts";
import type { Pool } from "./open-postgres.ts";
import { inTransaction, type Queryable } from "./pg-transaction.ts";

type BatchRow = Omit<BatchRecord, "state"> & { state: string };

const BATCH_COLUMNS = `b.id, b.survey_id AS "surveyId", b.channel_id AS "channelId", b.label,
  b.locked_category AS "lockedCategory", b.issued, b.state, b.created_at AS "createdAt",
  (SELECT count(*) FROM codes c WHERE c.batch_id = b.id AND c.used = 1) AS used,
  (SELECT count(*) FROM codes c WHERE c.batch_id = b.id AND c.used = 0 AND c.revoked = 1) AS revoked`;

const toBatch = (row: BatchRow): BatchRecord => ({
  ...row,
  state: row.state === "revoked" ? "revoked" : "open",
});

interface CodeRow {
  batchId: string;
  used: number;
  revoked: number;
  batchState: string;
  surveyId: string;
  channelId: string;
  label: string;
  lockedCategory: string | null;
  surveyState: string;
}

/**
 * What a respondent's code needs, in one lookup; on `client` so that storing a response reads it
 * inside its own transaction, as SQLite's does.
 */
export async function findCodeIn(client: Queryable, code: string): Promise<FoundCode | undefined> {
  const { rows } = await client.query<CodeRow>(
    `SELECT c.batch_id AS "batchId", c.used, c.revoked, b.state AS "batchState",
            b.survey_id AS "surveyId", b.channel_id AS "channelId", b.label,
            b.locked_category AS "lockedCategory", s.state AS "surveyState"
       FROM codes c JOIN code_batches b ON b.id = c.batch_id JOIN surveys s ON s.id = b.survey_id
      WHERE c.code = $1`,
    [code],
  );
  const row = rows[0];
  if (!row) return undefined;
  const unavailable = codeRefusal(row);
  const { batchId, surveyId, channelId, label, lockedCategory } = row;
  return { batch: { id: batchId, surveyId, channelId, label, lockedCategory }, unavailable };
}

export function createPgBatches(pool: Pool): BatchStore {
  return {
    createBatch: (batch, codes) =>
      inTransaction(pool, async (client) => {
        await client.query(
          `INSERT INTO code_batches (id, survey_id, channel_id, label, locked_category, issued,
                                     created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            batch.id,
            batch.surveyId,
            batch.channelId,
            batch.label,
            batch.lockedCategory,
            batch.issued,
            batch.createdAt,
          ],
        );
        // One statement for the whole sheet; the codes go in sorted, so their order says nothing.
        await client.query(
          `INSERT INTO codes (code, batch_id) SELECT code, $1 FROM unnest($2::text[]) AS c (code)
            ORDER BY code`,
          [batch.id, codes],
        );
        return { ...batch, used: 0, revoked: 0, state: "open" };
      }),
    async getBatch(id) {
      const { rows } = await pool.query<BatchRow>(
        `SELECT ${BATCH_COLUMNS} FROM code_batches b WHERE b.id = $1`,
        [id],
      );
      return rows[0] && toBatch(rows[0]);
    },
    async listBatches() {
      const { rows } = await pool.query<BatchRow>(
        `SELECT ${BATCH_COLUMNS} FROM code_batches b ORDER BY b.created_at, b.label`,
      );
      return rows.map(toBatch);
    },
    async batchCodes(id) {
      const { rows } = await pool.query<{ code: string }>(
        "SELECT code FROM codes WHERE batch_id = $1 ORDER BY code",
        [id],
      );
      return rows.map((r) => r.code);
    },
    revokeBatch: (id) =>
      inTransaction(pool, async (client) => {
        await client.query("UPDATE code_batches SET state = 'revoked' WHERE id = $1", [id]);
        await client.query("UPDATE codes SET revoked = 1 WHERE batch_id = $1 AND used = 0", [id]);
      }),
    // Conditional on used = 0 in the statement itself: a code being used at this moment is either
    // used first (and stays used) or revoked first (and refused), never both.
    revokeCodes: (id, codes) =>
      inTransaction(pool, async (client) => {
        await client.query(
          "UPDATE codes SET revoked = 1 WHERE batch_id = $1 AND code = ANY ($2::text[]) AND used = 0",
          [id, codes],
        );
        const { rows } = await client.query<{ n: number }>(
          "SELECT count(*) AS n FROM codes WHERE batch_id = $1 AND code = ANY ($2::text[])",
          [id, codes],
        );
        return rows[0]?.n ?? 0;
      }),
    findCode: (code) => findCodeIn(pool, code),
  };
}
