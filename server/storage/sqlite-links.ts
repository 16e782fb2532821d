// Distribution links in SQLite.
import type { LinkState } from "../domain/link-states.ts";
import type { DB } from "./open-database.ts";
import type { LinkRecord, NewLink } from "./storage.ts";

const COLUMNS = `id, survey_id AS surveyId, channel_id AS channelId, label, locked_category AS lockedCategory, cap,
  opens_at AS opensAt, closes_at AS closesAt, state, completed, created_at AS createdAt`;

export function createLinkStatements(db: DB) {
  const insert = db.prepare(
    `INSERT INTO links (id, survey_id, channel_id, label, locked_category, cap, opens_at, closes_at,
                        state, created_at)
     VALUES (@id, @surveyId, @channelId, @label, @lockedCategory, @cap, @opensAt, @closesAt, @state,
             @createdAt)`,
  );
  const byId = db.prepare<[string], LinkRecord>(`SELECT ${COLUMNS} FROM links WHERE id = ?`);
  const all = db.prepare<[], LinkRecord>(`SELECT ${COLUMNS} FROM links ORDER BY created_at, label`);
  const updateState = db.prepare("UPDATE links SET state = @state WHERE id = @id");
  // The CHECK on completed <= cap refuses a cap below what is already collected.
  const update = db.prepare(
    `UPDATE links SET label = @label, locked_category = @lockedCategory, cap = @cap,
            opens_at = @opensAt, closes_at = @closesAt, state = @state
      WHERE id = @id
        AND (completed = 0
             OR (locked_category IS @lockedCategory
                 AND (@cap IS NULL OR (cap IS NOT NULL AND @cap >= cap))))`,
  );

  return {
    createLink(link: NewLink): LinkRecord {
      insert.run(link);
      return { ...link, completed: 0 };
    },
    getLink: (id: string) => byId.get(id),
    listLinks: () => all.all(),
    setLinkState: (id: string, state: LinkState) => updateState.run({ id, state }).changes === 1,
    updateLink: (link: Omit<LinkRecord, "completed" | "createdAt" | "surveyId" | "channelId">) =>
      update.run(link).changes === 1,
  };
}
