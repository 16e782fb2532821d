// The office-side records storage keeps: accounts, sessions, API tokens, audit entries, code batches.
import type { BatchState } from "../domain/batch-states.ts";
import type { ChangeRefusal, CodeUnavailable } from "../domain/refusals.ts";
import { ROLES, type Role } from "../domain/roles.ts";

// The reasons live in the domain (the respondent pages and the console read them too).
export type { ChangeRefusal, CodeUnavailable };

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
  state: BatchState;
  createdAt: string;
}

export type NewBatch = Omit<BatchRecord, "used" | "revoked" | "state">;

/** An account row as both engines read it: flags as 0/1, the role as stored text. */
export type AdminRow = Omit<AdminRecord, "disabled" | "role"> & { disabled: number; role: string };
export type TokenRow = Omit<TokenRecord, "revoked"> & { revoked: number };

/** A role the program does not know is refused loudly, never read as a lesser or greater one. */
function toRole(value: string): Role {
  const role = ROLES.find((r) => r === value);
  if (role) return role;
  throw new Error(`unknown role in the database: ${value}`);
}

export const toAdmin = (row: AdminRow): AdminRecord => ({
  ...row,
  role: toRole(row.role),
  disabled: row.disabled === 1,
});
export const toToken = (row: TokenRow): TokenRecord => ({ ...row, revoked: row.revoked === 1 });
