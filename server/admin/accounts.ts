// Creating console accounts and their API tokens: shared by the setup link, the routes and the CLI.
import { nanoid } from "nanoid";
import type { AdminRecord, TokenRecord } from "../storage/admin-records.ts";
import type { Storage } from "../storage/storage.ts";
import type { Role } from "./account-schemas.ts";
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
  storage: Storage,
  account: NewAccount,
  now: Date,
): Promise<AdminRecord | null> {
  if (storage.findAdminByUsername(account.username)) return null;
  const passwordHash = await hashPassword(account.password);
  // Hashing yields the event loop: check again, so two requests cannot both take the name.
  if (storage.findAdminByUsername(account.username)) return null;
  const admin: AdminRecord = {
    id: nanoid(),
    username: account.username,
    displayName: account.displayName,
    role: account.role,
    passwordHash,
    disabled: false,
    createdAt: now.toISOString(),
  };
  storage.createAdmin(admin);
  return admin;
}

/** A new API token acting as `admin`; the secret is returned once and only its hash is kept. */
export function issueApiToken(
  storage: Storage,
  admin: AdminRecord,
  label: string,
  now: Date,
): { token: TokenRecord; secret: string } {
  const secret = newSecret("sv_");
  const token = { id: nanoid(), adminId: admin.id, label, createdAt: now.toISOString() };
  storage.createToken(token, hashSecret(secret));
  return { token: { ...token, owner: admin.username, lastUsedOn: null, revoked: false }, secret };
}
