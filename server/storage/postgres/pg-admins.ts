// Accounts, sessions, API tokens and the audit log in PostgreSQL.
import {
  type AdminRow,
  type AuditRecord,
  type NewAuditRecord,
  type TokenRow,
  toAdmin,
  toToken,
} from "../admin-records.ts";
import type { AdminStore } from "../admin-store.ts";
import type { Pool } from "./open-postgres.ts";
import { inTransaction, LOCKS, lockForTransaction, type Queryable } from "./pg-transaction.ts";

const ADMIN_COLUMNS = `id, username, display_name AS "displayName", role,
  password_hash AS "passwordHash", disabled, created_at AS "createdAt", version`;
const TOKEN_COLUMNS = `t.id, t.admin_id AS "adminId", a.username AS owner, t.label,
  t.created_at AS "createdAt", t.last_used_on AS "lastUsedOn", t.revoked, t.expires_at AS "expiresAt"`;

/** Appends on `client`, inside the caller's transaction (publishing a draft audits in its own). */
export async function appendAuditIn(client: Queryable, entry: NewAuditRecord): Promise<void> {
  await client.query(
    "INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5)",
    [entry.at, entry.actor, entry.action, entry.target, entry.detail],
  );
}

export function createPgAdmins(pool: Pool): AdminStore {
  const count = async (text: string, values: unknown[] = []) =>
    (await pool.query<{ n: number }>(text, values)).rows[0]?.n ?? 0;
  // Each statement whole (column lists spliced from this module's constants only).
  const ADMIN_BY_ID = `SELECT ${ADMIN_COLUMNS} FROM admins WHERE id = $1`;
  const ADMIN_BY_NAME = `SELECT ${ADMIN_COLUMNS} FROM admins WHERE username = $1`;
  const TOKEN_BY_HASH = `SELECT ${TOKEN_COLUMNS} FROM api_tokens t JOIN admins a ON a.id = t.admin_id
    WHERE t.token_hash = $1`;
  const TOKEN_BY_ID = `SELECT ${TOKEN_COLUMNS} FROM api_tokens t JOIN admins a ON a.id = t.admin_id
    WHERE t.id = $1`;
  const admin = async (text: string, value: string) => {
    const { rows } = await pool.query<AdminRow>(text, [value]);
    return rows[0] && toAdmin(rows[0]);
  };
  const token = async (text: string, value: string) => {
    const { rows } = await pool.query<TokenRow>(text, [value]);
    return rows[0] && toToken(rows[0]);
  };
  const run = async (text: string, values: unknown[]) => void (await pool.query(text, values));

  return {
    countAdmins: () => count("SELECT count(*) AS n FROM admins"),
    countEnabledAdmins: () =>
      count("SELECT count(*) AS n FROM admins WHERE role = 'admin' AND disabled = 0"),
    async createAdmin(a) {
      const { rowCount } = await pool.query(
        `INSERT INTO admins (id, username, display_name, role, password_hash, disabled, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (username) DO NOTHING`,
        [a.id, a.username, a.displayName, a.role, a.passwordHash, a.disabled ? 1 : 0, a.createdAt],
      );
      return rowCount === 1;
    },
    getAdmin: (id) => admin(ADMIN_BY_ID, id),
    findAdminByUsername: (username) => admin(ADMIN_BY_NAME, username),
    async listAdmins() {
      const { rows } = await pool.query<AdminRow>(
        `SELECT ${ADMIN_COLUMNS} FROM admins ORDER BY username`,
      );
      return rows.map(toAdmin);
    },
    // One transaction: the check that an enabled admin remains, the change, and the end of the
    // access granted under the old terms. SQLite runs one writer at a time; here the accounts lock
    // does it, so two admins disabling each other at once cannot leave none.
    changeAdmin: (change) =>
      inTransaction(pool, async (client) => {
        await lockForTransaction(client, LOCKS.accounts);
        const staysEnabledAdmin = change.role === "admin" && !change.disabled;
        if (!staysEnabledAdmin) {
          const { rows } = await client.query<{ n: number }>(
            "SELECT count(*) AS n FROM admins WHERE role = 'admin' AND disabled = 0 AND id <> $1",
            [change.id],
          );
          if ((rows[0]?.n ?? 0) === 0) return "last_admin";
        }
        // Conditional on the version read: a change made meanwhile makes this one apply to nothing.
        const updated = await client.query(
          `UPDATE admins SET display_name = $3, role = $4, password_hash = $5, disabled = $6,
                  version = version + 1
            WHERE id = $1 AND version = $2`,
          [
            change.id,
            change.version,
            change.displayName,
            change.role,
            change.passwordHash,
            change.disabled ? 1 : 0,
          ],
        );
        if (updated.rowCount === 0) return "stale";
        if (change.endAccess) {
          await client.query("DELETE FROM admin_sessions WHERE admin_id = $1", [change.id]);
          await client.query(
            "UPDATE api_tokens SET revoked = 1 WHERE admin_id = $1 AND revoked = 0",
            [change.id],
          );
        }
        return null;
      }),

    createSession: (tokenHash, s) =>
      run(
        `INSERT INTO admin_sessions (token_hash, admin_id, created_at, last_seen_at)
         VALUES ($1, $2, $3, $4)`,
        [tokenHash, s.adminId, s.createdAt, s.lastSeenAt],
      ),
    async getSession(tokenHash) {
      const { rows } = await pool.query<{ adminId: string; createdAt: string; lastSeenAt: string }>(
        `SELECT admin_id AS "adminId", created_at AS "createdAt", last_seen_at AS "lastSeenAt"
           FROM admin_sessions WHERE token_hash = $1`,
        [tokenHash],
      );
      return rows[0];
    },
    touchSession: (tokenHash, lastSeenAt) =>
      run("UPDATE admin_sessions SET last_seen_at = $2 WHERE token_hash = $1", [
        tokenHash,
        lastSeenAt,
      ]),
    deleteSession: (tokenHash) =>
      run("DELETE FROM admin_sessions WHERE token_hash = $1", [tokenHash]),
    deleteSessionsOf: (adminId) => run("DELETE FROM admin_sessions WHERE admin_id = $1", [adminId]),
    purgeSessions: (idleBefore, createdBefore) =>
      run("DELETE FROM admin_sessions WHERE last_seen_at < $1 OR created_at < $2", [
        idleBefore,
        createdBefore,
      ]),

    createToken: (t, hash) =>
      run(
        `INSERT INTO api_tokens (id, admin_id, token_hash, label, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [t.id, t.adminId, hash, t.label, t.createdAt, t.expiresAt],
      ),
    // FOR SHARE: a change of the account racing this waits for it, or this waits for the change and
    // then finds the version moved on; either way no token outlives the access it was made under.
    async createTokenAt(t, hash, version) {
      const { rowCount } = await pool.query(
        `INSERT INTO api_tokens (id, admin_id, token_hash, label, created_at, expires_at)
         SELECT $1, id, $3, $4, $5, $6 FROM admins
          WHERE id = $2 AND version = $7 AND disabled = 0 FOR SHARE`,
        [t.id, t.adminId, hash, t.label, t.createdAt, t.expiresAt, version],
      );
      return rowCount === 1;
    },
    findTokenByHash: (hash) => token(TOKEN_BY_HASH, hash),
    getToken: (id) => token(TOKEN_BY_ID, id),
    async listTokens(adminId) {
      const { rows } = await pool.query<TokenRow>(
        `SELECT ${TOKEN_COLUMNS} FROM api_tokens t JOIN admins a ON a.id = t.admin_id
          WHERE $1::text IS NULL OR t.admin_id = $1 ORDER BY t.created_at DESC`,
        [adminId],
      );
      return rows.map(toToken);
    },
    revokeToken: (id) => run("UPDATE api_tokens SET revoked = 1 WHERE id = $1", [id]),
    noteTokenUsed: (id, day) =>
      run(
        "UPDATE api_tokens SET last_used_on = $2 WHERE id = $1 AND last_used_on IS DISTINCT FROM $2",
        [id, day],
      ),

    appendAudit: (entry) => appendAuditIn(pool, entry),
    async listAudit(limit, beforeId) {
      const { rows } = await pool.query<AuditRecord>(
        `SELECT id, at, actor, action, target, detail FROM audit_log
          WHERE $1::bigint IS NULL OR id < $1 ORDER BY id DESC LIMIT $2`,
        [beforeId, limit],
      );
      return rows;
    },
  };
}
