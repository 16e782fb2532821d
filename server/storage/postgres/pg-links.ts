// Distribution links in PostgreSQL, and the label of every channel responses carry.
import type { LinkRecord, LinkStore } from "../link-store.ts";
import type { Pool } from "./open-postgres.ts";

const COLUMNS = `id, survey_id AS "surveyId", channel_id AS "channelId", label,
  locked_category AS "lockedCategory", cap, opens_at AS "opensAt", closes_at AS "closesAt", state,
  completed, created_at AS "createdAt"`;

export function createPgLinks(pool: Pool): LinkStore {
  return {
    async createLink(link) {
      await pool.query(
        `INSERT INTO links (id, survey_id, channel_id, label, locked_category, cap, opens_at,
                            closes_at, state, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          link.id,
          link.surveyId,
          link.channelId,
          link.label,
          link.lockedCategory,
          link.cap,
          link.opensAt,
          link.closesAt,
          link.state,
          link.createdAt,
        ],
      );
      return { ...link, completed: 0 };
    },
    async getLink(id) {
      const { rows } = await pool.query<LinkRecord>(`SELECT ${COLUMNS} FROM links WHERE id = $1`, [
        id,
      ]);
      return rows[0];
    },
    async listLinks() {
      const { rows } = await pool.query<LinkRecord>(
        `SELECT ${COLUMNS} FROM links ORDER BY created_at, label`,
      );
      return rows;
    },
    async setLinkState(id, state) {
      const { rowCount } = await pool.query("UPDATE links SET state = $2 WHERE id = $1", [
        id,
        state,
      ]);
      return rowCount === 1;
    },
    // The CHECK links_completed_within_cap refuses a cap below what is already collected, as
    // SQLite's does: one statement, so a submission racing the edit cannot slip between.
    async updateLink(link) {
      const { rowCount } = await pool.query(
        `UPDATE links SET label = $2, locked_category = $3, cap = $4, opens_at = $5, closes_at = $6,
                state = $7
          WHERE id = $1
            AND (completed = 0
                 OR (locked_category IS NOT DISTINCT FROM $3
                     AND ($4::integer IS NULL OR (cap IS NOT NULL AND $4::integer >= cap))))`,
        [
          link.id,
          link.label,
          link.lockedCategory,
          link.cap,
          link.opensAt,
          link.closesAt,
          link.state,
        ],
      );
      return rowCount === 1;
    },
    async channelLabels() {
      const { rows } = await pool.query<{ id: string; label: string }>(
        `SELECT channel_id AS id, label FROM links
         UNION ALL SELECT channel_id, label FROM code_batches
         UNION ALL SELECT id, label FROM legacy_channels`,
      );
      return new Map(rows.map((r) => [r.id, r.label]));
    },
  };
}
