// Random bearer secrets (session cookies, API tokens, the setup link) and the hash stored for them.
import { createHash, randomBytes } from "node:crypto";

/** 256 random bits, URL-safe. */
export function newSecret(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

/** Only this is stored: a copy of the database cannot be replayed as a session or token. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("base64url");
}
