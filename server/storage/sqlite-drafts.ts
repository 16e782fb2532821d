// Survey drafts in SQLite: saved with a revision check, published and deleted in one transaction.
import type { DraftOutcome, DraftRecord, NewDraft } from "./draft-records.ts";
import type { DraftStore } from "./draft-store.ts";
import type { DB } from "./open-database.ts";
import type { Synchronous } from "./synchronous.ts";

/** The draft statements; publishing runs the caller's writes inside the revision check's transaction. */
export interface DraftStatements extends Omit<Synchronous<DraftStore>, "publishDraft"> {
  publishDraft<T>(id: string, revision: number, run: (draft: DraftRecord) => T): DraftOutcome<T>;
}

export function createDraftStatements(db: DB): DraftStatements {
  const insert = db.prepare<NewDraft>(
    `INSERT INTO survey_drafts (id, definition, based_on_version_id, revision, updated_at)
     VALUES (@id, @definition, @basedOnVersionId, 1, @updatedAt)`,
  );
  const byId = db.prepare<[string], DraftRecord>(
    `SELECT id, definition, based_on_version_id AS basedOnVersionId, revision,
            updated_at AS updatedAt
       FROM survey_drafts WHERE id = ?`,
  );
  const all = db.prepare<[], DraftRecord>(
    `SELECT id, definition, based_on_version_id AS basedOnVersionId, revision,
            updated_at AS updatedAt
       FROM survey_drafts ORDER BY updated_at DESC, id`,
  );
  const save = db.prepare<{ id: string; revision: number; definition: string; updatedAt: string }>(
    `UPDATE survey_drafts SET definition = @definition, updated_at = @updatedAt,
            revision = revision + 1
      WHERE id = @id AND revision = @revision`,
  );
  const remove = db.prepare<[string]>("DELETE FROM survey_drafts WHERE id = ?");

  /** The draft if it is still at `revision`; otherwise why a change naming it cannot go ahead. */
  const atRevision = (id: string, revision: number): DraftOutcome<DraftRecord> => {
    const found = byId.get(id);
    if (!found) return { kind: "missing" };
    return found.revision === revision ? { kind: "done", value: found } : { kind: "stale" };
  };

  function publishDraft<T>(id: string, revision: number, run: (draft: DraftRecord) => T) {
    let outcome: DraftOutcome<T> = { kind: "missing" };
    db.transaction(() => {
      const found = atRevision(id, revision);
      if (found.kind !== "done") {
        outcome = found;
        return;
      }
      const value = run(found.value);
      remove.run(id);
      outcome = { kind: "done", value };
    })();
    return outcome;
  }

  return {
    createDraft(draft) {
      insert.run(draft);
      return { ...draft, revision: 1 };
    },
    getDraft: (id) => byId.get(id),
    listDrafts: () => all.all(),
    saveDraft: db.transaction(
      (id: string, revision: number, definition: string, updatedAt: string) => {
        const found = atRevision(id, revision);
        if (found.kind !== "done") return found;
        save.run({ id, revision, definition, updatedAt });
        return atRevision(id, revision + 1);
      },
    ),
    deleteDraft: (id) => remove.run(id).changes > 0,
    publishDraft,
  };
}
