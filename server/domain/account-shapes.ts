// The account, token and audit bodies the console reads: plain types, equal to what the zod
// schemas of server/admin/account-schemas.ts infer (tests/client/admin/shared-types.test.ts).
import type { Role } from "./roles.ts";

export interface Account {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export interface TokenInfo {
  id: string;
  label: string;
  /** Username of the account the token acts as. */
  owner: string;
  createdAt: string;
  /** Day only (YYYY-MM-DD). */
  lastUsedOn: string | null;
  revoked: boolean;
  /** ISO time from which the token is refused. */
  expiresAt: string;
}

export interface NewTokenResult {
  token: TokenInfo;
  /** Shown once; only a hash is kept. */
  secret: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  detail: string;
}
