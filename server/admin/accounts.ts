// Creating console accounts and their API tokens: shared by the setup link, the routes and the CLI.
import { nanoid } from "nanoid";
import type { Role } from "../domain/roles.ts";
import type { AdminRecord, NewTokenRecord, TokenRecord } from "../storage/admin-records.ts";
import type { AdminStore } from "../storage/admin-store.ts";
import { TOKEN_DAYS_DEFAULT } from "./account-schemas.ts";
import { hashPassword } from "./passwords.ts";
import { hashSecret, newSecret } from "./secret-tokens.ts";

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

/** Stores the account with a scrypt hash of its password; null when the username is taken. */
export async function createAccount(
  storage: Pick<AdminStore, "findAdminByUsername" | "createAdmin">,
  account: NewAccount,
  now: Date,
): Promise<AdminRecord | null> {
  // Spares the scrypt work for a name already taken; the insert itself decides a race.
  if (await storage.findAdminByUsername(account.username)) return null;
  const passwordHash = await hashPassword(account.password);
  const admin: AdminRecord = {
    id: nanoid(),
    username: account.username,
    displayName: account.displayName,
    role: account.role,
    passwordHash,
    disabled: false,
    createdAt: now.toISOString(),
    version: 0,
  };
  return (await storage.createAdmin(admin)) ? admin : null;
}

interface IssuedToken {
  token: TokenRecord;
  secret: string;
}

function newToken(admin: AdminRecord, label: string, now: Date, days: number) {
  const secret = newSecret("sv_");
  const expiresAt = new Date(now.getTime() + days * 86_400_000).toISOString();
  const token: NewTokenRecord = {
    id: nanoid(),
    adminId: admin.id,
    label,
    createdAt: now.toISOString(),
    expiresAt,
  };
  const issued = {
    token: { ...token, owner: admin.username, lastUsedOn: null, revoked: false },
    secret,
  };
  return { row: token, hash: hashSecret(secret), issued };
}

/** A new API token acting as `admin` (the CLI's); the secret is returned once, only its hash kept. */
export async function issueApiToken(
  storage: Pick<AdminStore, "createToken">,
  admin: AdminRecord,
  label: string,
  now: Date,
  days = TOKEN_DAYS_DEFAULT,
): Promise<IssuedToken> {
  const { row, hash, issued } = newToken(admin, label, now, days);
  await storage.createToken(row, hash);
  return issued;
}

/**
 * As issueApiToken, but only while the account is enabled and unchanged since `admin` was read
 * (its password checked): null when a reset, role change or disable landed in between, which
 * would otherwise leave a token minted under the old terms.
 */
export async function issueApiTokenIfUnchanged(
  storage: Pick<AdminStore, "createTokenAt">,
  admin: AdminRecord,
  label: string,
  now: Date,
  days: number,
): Promise<IssuedToken | null> {
  const { row, hash, issued } = newToken(admin, label, now, days);
  return (await storage.createTokenAt(row, hash, admin.version)) ? issued : null;
}
