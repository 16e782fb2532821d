// What the API shows of an account or a token: never a password hash or a token hash.
import type { AdminRecord, TokenRecord } from "../storage/admin-records.ts";
import type { Account, TokenInfo } from "./account-schemas.ts";

export function toAccount(admin: AdminRecord): Account {
  const { id, username, displayName, role, disabled, createdAt } = admin;
  return { id, username, displayName, role, disabled, createdAt };
}

export function toTokenInfo(token: TokenRecord): TokenInfo {
  const { id, label, owner, createdAt, lastUsedOn, revoked, expiresAt } = token;
  return { id, label, owner, createdAt, lastUsedOn, revoked, expiresAt };
}
