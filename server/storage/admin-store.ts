// The office side: accounts, sessions, API tokens and the audit log (records: admin-records.ts).
import type {
  AdminChange,
  AdminRecord,
  AuditRecord,
  ChangeRefusal,
  NewAdminRecord,
  NewAuditRecord,
  NewTokenRecord,
  SessionRecord,
  TokenRecord,
} from "./admin-records.ts";

export interface AdminStore {
  countAdmins(): Promise<number>;
  countEnabledAdmins(): Promise<number>;
  /** False when the username is taken (by the constraint, so two requests cannot both take it). */
  createAdmin(admin: NewAdminRecord): Promise<boolean>;
  getAdmin(id: string): Promise<AdminRecord | undefined>;
  findAdminByUsername(username: string): Promise<AdminRecord | undefined>;
  listAdmins(): Promise<AdminRecord[]>;
  /** Applies the change and its effects in one transaction; the refusal when it cannot. */
  changeAdmin(change: AdminChange): Promise<ChangeRefusal | null>;

  createSession(tokenHash: string, session: SessionRecord): Promise<void>;
  getSession(tokenHash: string): Promise<SessionRecord | undefined>;
  touchSession(tokenHash: string, lastSeenAt: string): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteSessionsOf(adminId: string): Promise<void>;
  /** Deletes sessions idle since before `idleBefore` or created before `createdBefore`. */
  purgeSessions(idleBefore: string, createdBefore: string): Promise<void>;

  createToken(token: NewTokenRecord, hash: string): Promise<void>;
  /** Creates the token only while its account is enabled and still at `version`; false if not. */
  createTokenAt(token: NewTokenRecord, hash: string, version: number): Promise<boolean>;
  findTokenByHash(hash: string): Promise<TokenRecord | undefined>;
  getToken(id: string): Promise<TokenRecord | undefined>;
  listTokens(adminId: string | null): Promise<TokenRecord[]>;
  revokeToken(id: string): Promise<void>;
  noteTokenUsed(id: string, day: string): Promise<void>;

  appendAudit(entry: NewAuditRecord): Promise<void>;
  listAudit(limit: number, beforeId: number | null): Promise<AuditRecord[]>;
}
