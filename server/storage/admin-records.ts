// The office-side records storage keeps: accounts, sessions, API tokens, audit entries, code batches.
import type { Role } from "../admin/account-schemas.ts";

export interface AdminRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
  /** Raised by every change: an update applies only to the version it read (no lost update). */
  version: number;
}

/** A new account starts at version 0. */
export type NewAdminRecord = Omit<AdminRecord, "version">;

/** An account change, applied only while the account is still at `version`. */
export interface AdminChange {
  id: string;
  version: number;
  displayName: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  /** A new password, a new role or a disabled account: its sessions end and its tokens are revoked. */
  endAccess: boolean;
}

/** Why a change was not applied: someone changed the account first, or no enabled admin would remain. */
export type ChangeRefusal = "stale" | "last_admin";

export interface SessionRecord {
  adminId: string;
  createdAt: string;
  lastSeenAt: string;
}

export interface TokenRecord {
  id: string;
  adminId: string;
  owner: string;
  label: string;
  createdAt: string;
  lastUsedOn: string | null;
  revoked: boolean;
  /** ISO instant from which the token is refused. */
  expiresAt: string;
}

export type NewTokenRecord = Omit<TokenRecord, "owner" | "lastUsedOn" | "revoked">;

export interface AuditRecord {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  detail: string;
}

export type NewAuditRecord = Omit<AuditRecord, "id">;

export interface BatchRecord {
  id: string;
  surveyId: string;
  /** The channel its responses carry: fixed at creation, never the label. */
  channelId: string;
  label: string;
  lockedCategory: string | null;
  issued: number;
  used: number;
  /** Unused codes revoked, one by one or with the batch. */
  revoked: number;
  state: "open" | "revoked";
  createdAt: string;
}

export type NewBatch = Omit<BatchRecord, "used" | "revoked" | "state">;

export type CodeUnavailable = "used" | "revoked" | "closed";

export interface AdminStorage {
  countAdmins(): number;
  countEnabledAdmins(): number;
  createAdmin(admin: NewAdminRecord): void;
  getAdmin(id: string): AdminRecord | undefined;
  findAdminByUsername(username: string): AdminRecord | undefined;
  listAdmins(): AdminRecord[];
  /** Applies the change and its effects in one transaction; the refusal when it cannot. */
  changeAdmin(change: AdminChange): ChangeRefusal | null;

  createSession(tokenHash: string, session: SessionRecord): void;
  getSession(tokenHash: string): SessionRecord | undefined;
  touchSession(tokenHash: string, lastSeenAt: string): void;
  deleteSession(tokenHash: string): void;
  deleteSessionsOf(adminId: string): void;
  /** Deletes sessions idle since before `idleBefore` or created before `createdBefore`. */
  purgeSessions(idleBefore: string, createdBefore: string): void;

  createToken(token: NewTokenRecord, hash: string): void;
  /** Creates the token only while its account is enabled and still at `version`; false if not. */
  createTokenAt(token: NewTokenRecord, hash: string, version: number): boolean;
  findTokenByHash(hash: string): TokenRecord | undefined;
  getToken(id: string): TokenRecord | undefined;
  listTokens(adminId: string | null): TokenRecord[];
  revokeToken(id: string): void;
  noteTokenUsed(id: string, day: string): void;

  appendAudit(entry: NewAuditRecord): void;
  listAudit(limit: number, beforeId: number | null): AuditRecord[];
}

export interface BatchStorage {
  /** Creates the batch and its codes in one transaction. */
  createBatch(batch: NewBatch, codes: string[]): BatchRecord;
  getBatch(id: string): BatchRecord | undefined;
  listBatches(): BatchRecord[];
  /** Every code of the batch, sorted, so a reprinted sheet numbers its slips the same way. */
  batchCodes(id: string): string[];
  revokeBatch(id: string): void;
  /** Revokes the unused ones among `codes`; returns how many of them belong to the batch. */
  revokeCodes(id: string, codes: string[]): number;
  /** The batch a code belongs to, or why it cannot be used now; undefined when unknown. */
  findCode(code: string):
    | {
        batch: Pick<BatchRecord, "id" | "surveyId" | "channelId" | "label" | "lockedCategory">;
        unavailable: CodeUnavailable | null;
      }
    | undefined;
}
