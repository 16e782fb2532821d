// Single-use code batches in SQLite: the batch, its codes, and counts (never which code was used).

import type { BatchRecord, NewBatch } from "./admin-records.ts";
import type { BatchStore } from "./batch-store.ts";
import { codeRefusal } from "./code-refusal.ts";
import type { DB } from "./open-database.ts";
import type { Synchronous } from "./synchronous.ts";

type BatchRow = Omit<BatchRecord, "state"> & { state: string };

const BATCH_COLUMNS = `b.id, b.survey_id AS surveyId, b.channel_id AS channelId, b.label, b.locked_category AS lockedCategory,
  b.issued, b.state, b.created_at AS createdAt,
  (SELECT count(*) FROM codes c WHERE c.batch_id = b.id AND c.used = 1) AS used,
  (SELECT count(*) FROM codes c WHERE c.batch_id = b.id AND c.used = 0 AND c.revoked = 1) AS revoked`;

const toBatch = (row: BatchRow): BatchRecord => ({
  ...row,
  state: row.state === "revoked" ? "revoked" : "open",
});

export function createBatchStatements(db: DB): Synchronous<BatchStore> {
  const insertBatch = db.prepare(
    `INSERT INTO code_batches (id, survey_id, channel_id, label, locked_category, issued, created_at)
     VALUES (@id, @surveyId, @channelId, @label, @lockedCategory, @issued, @createdAt)`,
  );
  const insertCode = db.prepare("INSERT INTO codes (code, batch_id) VALUES (?, ?)");
  const byId = db.prepare<[string], BatchRow>(
    `SELECT ${BATCH_COLUMNS} FROM code_batches b WHERE b.id = ?`,
  );
  const all = db.prepare<[], BatchRow>(
    `SELECT ${BATCH_COLUMNS} FROM code_batches b ORDER BY b.created_at, b.label`,
  );
  const codesOf = db.prepare<[string], { code: string }>(
    "SELECT code FROM codes WHERE batch_id = ? ORDER BY code",
  );
  const revokeBatch = db.prepare("UPDATE code_batches SET state = 'revoked' WHERE id = ?");
  const revokeAllCodes = db.prepare("UPDATE codes SET revoked = 1 WHERE batch_id = ? AND used = 0");
  const inBatch = db.prepare<[string, string], { used: number }>(
    "SELECT used FROM codes WHERE code = ? AND batch_id = ?",
  );
  const revokeCode = db.prepare("UPDATE codes SET revoked = 1 WHERE code = ? AND used = 0");
  // What a respondent's code needs, in one lookup: no per-batch counts on the respondent's path.
  const codeRow = db.prepare<
    [string],
    Pick<BatchRecord, "surveyId" | "channelId" | "label" | "lockedCategory"> & {
      batchId: string;
      used: number;
      revoked: number;
      batchState: string;
      surveyState: string;
    }
  >(
    `SELECT c.batch_id AS batchId, c.used, c.revoked, b.state AS batchState, b.survey_id AS surveyId,
            b.channel_id AS channelId, b.label, b.locked_category AS lockedCategory, s.state AS surveyState
       FROM codes c JOIN code_batches b ON b.id = c.batch_id JOIN surveys s ON s.id = b.survey_id
      WHERE c.code = ?`,
  );

  const getBatch = (id: string) => {
    const row = byId.get(id);
    return row && toBatch(row);
  };

  return {
    createBatch: db.transaction((batch: NewBatch, codes: string[]): BatchRecord => {
      insertBatch.run(batch);
      for (const code of codes) insertCode.run(code, batch.id);
      return { ...batch, used: 0, revoked: 0, state: "open" };
    }),
    getBatch,
    listBatches: () => all.all().map(toBatch),
    batchCodes: (id) => codesOf.all(id).map((r) => r.code),
    revokeBatch: db.transaction((id: string) => {
      revokeBatch.run(id);
      revokeAllCodes.run(id);
    }),
    revokeCodes: db.transaction((id: string, codes: string[]) => {
      let matched = 0;
      for (const code of new Set(codes)) {
        if (!inBatch.get(code, id)) continue;
        matched += 1;
        revokeCode.run(code);
      }
      return matched;
    }),
    findCode(code) {
      const row = codeRow.get(code);
      if (!row) return undefined;
      const unavailable = codeRefusal(row);
      const { batchId, surveyId, channelId, label, lockedCategory } = row;
      return { batch: { id: batchId, surveyId, channelId, label, lockedCategory }, unavailable };
    },
  };
}
