// Survey drafts in PostgreSQL: saved with a revision check, published and deleted in one transaction.
import type { DraftOutcome, DraftRecord } from "../draft-records.ts";
import type { DraftStore } from "../draft-store.ts";
import type { Pool } from "./open-postgres.ts";
import { appendAuditIn } from "./pg-admins.ts";
import { registerVersionIn } from "./pg-surveys.ts";
import { inTransaction, type Queryable } from "./pg-transaction.ts";

const COLUMNS = `id, definition, based_on_version_id AS "basedOnVersionId", revision,
  updated_at AS "updatedAt"`;

const BY_ID = `SELECT ${COLUMNS} FROM survey_drafts WHERE id = $1`;
/** The same, and the row locked until the transaction ends (publishing). */
const BY_ID_LOCKED = `SELECT ${COLUMNS} FROM survey_drafts WHERE id = $1 FOR UPDATE`;

async function draftIn(client: Queryable, id: string, text = BY_ID) {
  const { rows } = await client.query<DraftRecord>(text, [id]);
  return rows[0];
}

/** Why a change naming `revision` cannot go ahead, when the draft is not at it. */
const refusal = (found: DraftRecord | undefined): DraftOutcome<never> =>
  found ? { kind: "stale" } : { kind: "missing" };

export function createPgDrafts(pool: Pool): DraftStore {
  return {
    async createDraft(draft) {
      await pool.query(
        `INSERT INTO survey_drafts (id, definition, based_on_version_id, revision, updated_at)
         VALUES ($1, $2, $3, 1, $4)`,
        [draft.id, draft.definition, draft.basedOnVersionId, draft.updatedAt],
      );
      return { ...draft, revision: 1 };
    },
    getDraft: (id) => draftIn(pool, id),
    async listDrafts() {
      const { rows } = await pool.query<DraftRecord>(
        `SELECT ${COLUMNS} FROM survey_drafts ORDER BY updated_at DESC, id`,
      );
      return rows;
    },
    // One conditional statement: of two admins saving the same revision, one changes the row and
    // the other finds it moved on (stale), as SQLite's transaction decides.
    async saveDraft(id, revision, definition, updatedAt) {
      const { rows } = await pool.query<DraftRecord>(
        `UPDATE survey_drafts SET definition = $3, updated_at = $4, revision = revision + 1
          WHERE id = $1 AND revision = $2
         RETURNING ${COLUMNS}`,
        [id, revision, definition, updatedAt],
      );
      const saved = rows[0];
      return saved ? { kind: "done", value: saved } : refusal(await draftIn(pool, id));
    },
    async deleteDraft(id) {
      const { rowCount } = await pool.query("DELETE FROM survey_drafts WHERE id = $1", [id]);
      return (rowCount ?? 0) > 0;
    },
    // One transaction: the draft locked at its revision, the version registered, its audit entry,
    // the draft deleted. A save racing it waits for the lock, then finds the draft gone.
    publishDraft: (id, revision, version, audit) =>
      inTransaction(pool, async (client) => {
        const found = await draftIn(client, id, BY_ID_LOCKED);
        if (found?.revision !== revision) return refusal(found);
        const registered = await registerVersionIn(client, version);
        await appendAuditIn(client, audit(registered));
        await client.query("DELETE FROM survey_drafts WHERE id = $1", [id]);
        return { kind: "done", value: registered };
      }),
  };
}
