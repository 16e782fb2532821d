// Accounts, sessions, API tokens and the audit log in SQLite.
import {
  type AdminChange,
  type AdminRow,
  type AuditRecord,
  type ChangeRefusal,
  type TokenRow,
  toAdmin,
  toToken,
} from "./admin-records.ts";
import type { AdminStore } from "./admin-store.ts";
import type { DB } from "./open-database.ts";
import type { Synchronous } from "./synchronous.ts";

const ADMIN_COLUMNS = `id, username, display_name AS displayName, role, password_hash AS passwordHash,
  disabled, created_at AS createdAt, version`;
const TOKEN_COLUMNS = `t.id, t.admin_id AS adminId, a.username AS owner, t.label,
  t.created_at AS createdAt, t.last_used_on AS lastUsedOn, t.revoked, t.expires_at AS expiresAt`;

export function createAdminStatements(db: DB): Synchronous<AdminStore> {
  const count = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM admins");
  const countEnabled = db.prepare<[], { n: number }>(
    "SELECT count(*) AS n FROM admins WHERE role = 'admin' AND disabled = 0",
  );
  const insertAdmin = db.prepare(
    `INSERT INTO admins (id, username, display_name, role, password_hash, disabled, created_at)
     VALUES (@id, @username, @displayName, @role, @passwordHash, @disabled, @createdAt)
     ON CONFLICT (username) DO NOTHING`,
  );
  const adminById = db.prepare<[string], AdminRow>(
    `SELECT ${ADMIN_COLUMNS} FROM admins WHERE id = ?`,
  );
  const adminByName = db.prepare<[string], AdminRow>(
    `SELECT ${ADMIN_COLUMNS} FROM admins WHERE username = ?`,
  );
  const allAdmins = db.prepare<[], AdminRow>(
    `SELECT ${ADMIN_COLUMNS} FROM admins ORDER BY username`,
  );
  // Conditional on the version read: a change made meanwhile (say, a disable racing a password
  // reset) makes this one apply to nothing instead of quietly undoing it.
  const updateAdmin = db.prepare(
    `UPDATE admins SET display_name = @displayName, role = @role, password_hash = @passwordHash,
            disabled = @disabled, version = version + 1
      WHERE id = @id AND version = @version`,
  );
  const otherEnabledAdmins = db.prepare<[string], { n: number }>(
    "SELECT count(*) AS n FROM admins WHERE role = 'admin' AND disabled = 0 AND id <> ?",
  );

  const insertSession = db.prepare(
    `INSERT INTO admin_sessions (token_hash, admin_id, created_at, last_seen_at)
     VALUES (@tokenHash, @adminId, @createdAt, @lastSeenAt)`,
  );
  const sessionByHash = db.prepare<
    [string],
    { adminId: string; createdAt: string; lastSeenAt: string }
  >(
    `SELECT admin_id AS adminId, created_at AS createdAt, last_seen_at AS lastSeenAt
       FROM admin_sessions WHERE token_hash = ?`,
  );
  const touchSession = db.prepare(
    "UPDATE admin_sessions SET last_seen_at = ? WHERE token_hash = ?",
  );
  const deleteSession = db.prepare("DELETE FROM admin_sessions WHERE token_hash = ?");
  const deleteSessionsOf = db.prepare("DELETE FROM admin_sessions WHERE admin_id = ?");
  const purgeSessions = db.prepare(
    "DELETE FROM admin_sessions WHERE last_seen_at < @idleBefore OR created_at < @createdBefore",
  );

  const insertToken = db.prepare(
    `INSERT INTO api_tokens (id, admin_id, token_hash, label, created_at, expires_at)
     VALUES (@id, @adminId, @hash, @label, @createdAt, @expiresAt)`,
  );
  const tokenByHash = db.prepare<[string], TokenRow>(
    `SELECT ${TOKEN_COLUMNS} FROM api_tokens t JOIN admins a ON a.id = t.admin_id WHERE t.token_hash = ?`,
  );
  const tokenById = db.prepare<[string], TokenRow>(
    `SELECT ${TOKEN_COLUMNS} FROM api_tokens t JOIN admins a ON a.id = t.admin_id WHERE t.id = ?`,
  );
  const tokensOf = db.prepare<[string | null, string | null], TokenRow>(
    `SELECT ${TOKEN_COLUMNS} FROM api_tokens t JOIN admins a ON a.id = t.admin_id
      WHERE ? IS NULL OR t.admin_id = ? ORDER BY t.created_at DESC`,
  );
  const insertTokenAt = db.prepare(
    `INSERT INTO api_tokens (id, admin_id, token_hash, label, created_at, expires_at)
     SELECT @id, @adminId, @hash, @label, @createdAt, @expiresAt FROM admins
      WHERE id = @adminId AND version = @version AND disabled = 0`,
  );
  const revokeToken = db.prepare("UPDATE api_tokens SET revoked = 1 WHERE id = ?");
  const revokeTokensOf = db.prepare(
    "UPDATE api_tokens SET revoked = 1 WHERE admin_id = ? AND revoked = 0",
  );
  const tokenUsed = db.prepare(
    "UPDATE api_tokens SET last_used_on = @day WHERE id = @id AND last_used_on IS NOT @day",
  );

  const insertAudit = db.prepare(
    `INSERT INTO audit_log (at, actor, action, target, detail)
     VALUES (@at, @actor, @action, @target, @detail)`,
  );
  const auditPage = db.prepare<[number | null, number | null, number], AuditRecord>(
    `SELECT id, at, actor, action, target, detail FROM audit_log
      WHERE ? IS NULL OR id < ? ORDER BY id DESC LIMIT ?`,
  );

  // One transaction: the check that an enabled admin remains, the change, and the end of the access
  // granted under the old terms, so no request sees (or makes) a state in between.
  const changeAdmin = db.transaction((change: AdminChange): ChangeRefusal | null => {
    const staysEnabledAdmin = change.role === "admin" && !change.disabled;
    if (!staysEnabledAdmin && (otherEnabledAdmins.get(change.id)?.n ?? 0) === 0)
      return "last_admin";
    const { endAccess: _, ...row } = change;
    if (updateAdmin.run({ ...row, disabled: row.disabled ? 1 : 0 }).changes === 0) return "stale";
    if (change.endAccess) {
      deleteSessionsOf.run(change.id);
      revokeTokensOf.run(change.id);
    }
    return null;
  });

  return {
    countAdmins: () => count.get()?.n ?? 0,
    countEnabledAdmins: () => countEnabled.get()?.n ?? 0,
    createAdmin: (admin) =>
      insertAdmin.run({ ...admin, disabled: admin.disabled ? 1 : 0 }).changes === 1,
    getAdmin: (id) => {
      const row = adminById.get(id);
      return row && toAdmin(row);
    },
    findAdminByUsername: (username) => {
      const row = adminByName.get(username);
      return row && toAdmin(row);
    },
    listAdmins: () => allAdmins.all().map(toAdmin),
    changeAdmin: (change) => changeAdmin(change),

    createSession: (tokenHash, session) => void insertSession.run({ tokenHash, ...session }),
    getSession: (tokenHash) => sessionByHash.get(tokenHash),
    touchSession: (tokenHash, lastSeenAt) => void touchSession.run(lastSeenAt, tokenHash),
    deleteSession: (tokenHash) => void deleteSession.run(tokenHash),
    deleteSessionsOf: (adminId) => void deleteSessionsOf.run(adminId),
    purgeSessions: (idleBefore, createdBefore) =>
      void purgeSessions.run({ idleBefore, createdBefore }),

    createToken: (token, hash) => void insertToken.run({ ...token, hash }),
    createTokenAt: (token, hash, version) =>
      insertTokenAt.run({ ...token, hash, version }).changes === 1,
    findTokenByHash: (hash) => {
      const row = tokenByHash.get(hash);
      return row && toToken(row);
    },
    getToken: (id) => {
      const row = tokenById.get(id);
      return row && toToken(row);
    },
    listTokens: (adminId) => tokensOf.all(adminId, adminId).map(toToken),
    revokeToken: (id) => void revokeToken.run(id),
    noteTokenUsed: (id, day) => void tokenUsed.run({ id, day }),

    appendAudit: (entry) => void insertAudit.run(entry),
    listAudit: (limit, beforeId) => auditPage.all(beforeId, beforeId, limit),
  };
}
