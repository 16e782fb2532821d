// Console sessions: a random token in a cookie, its hash in the database, idle and absolute expiry.
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AdminRecord } from "../storage/admin-records.ts";
import type { AdminStore } from "../storage/admin-store.ts";
import { hashSecret, newSecret } from "./secret-tokens.ts";

/** Signed out after 30 minutes without a request, and after 12 hours whatever happens. */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_MS = 12 * 60 * 60_000;
/** last_seen is rewritten at most once a minute, not on every request. */
const TOUCH_EVERY_MS = 60_000;

const COOKIE = "survey_admin";

export async function startSession(
  storage: Pick<AdminStore, "purgeSessions" | "createSession">,
  adminId: string,
  now: Date,
): Promise<string> {
  // Sessions that were never signed out of would otherwise stay forever; sweep them here.
  const t = now.getTime();
  await storage.purgeSessions(
    new Date(t - SESSION_IDLE_MS).toISOString(),
    new Date(t - SESSION_MAX_MS).toISOString(),
  );
  const token = newSecret();
  const at = now.toISOString();
  await storage.createSession(hashSecret(token), { adminId, createdAt: at, lastSeenAt: at });
  return token;
}

/** The signed-in account, or null when the token is unknown, expired or its account disabled. */
export async function readSession(
  storage: Pick<AdminStore, "getSession" | "getAdmin" | "deleteSession" | "touchSession">,
  token: string,
  now: Date,
): Promise<AdminRecord | null> {
  const hash = hashSecret(token);
  const session = await storage.getSession(hash);
  if (!session) return null;
  const t = now.getTime();
  const idle = t - Date.parse(session.lastSeenAt);
  const age = t - Date.parse(session.createdAt);
  const admin = await storage.getAdmin(session.adminId);
  if (idle > SESSION_IDLE_MS || age > SESSION_MAX_MS || !admin || admin.disabled) {
    await storage.deleteSession(hash);
    return null;
  }
  if (idle > TOUCH_EVERY_MS) await storage.touchSession(hash, now.toISOString());
  return admin;
}

export function endSession(storage: Pick<AdminStore, "deleteSession">, token: string) {
  return storage.deleteSession(hashSecret(token));
}

/** Over HTTPS the cookie is `__Host-` prefixed and Secure: bound to this exact origin. */
export function setSessionCookie(c: Context, token: string, secure: boolean): void {
  const options = { httpOnly: true, sameSite: "Strict", path: "/" } as const;
  if (secure) setCookie(c, COOKIE, token, { ...options, secure: true, prefix: "host" });
  else setCookie(c, COOKIE, token, options);
}

export function readSessionCookie(c: Context, secure: boolean): string | undefined {
  return secure ? getCookie(c, COOKIE, "host") : getCookie(c, COOKIE);
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  if (secure) deleteCookie(c, COOKIE, { path: "/", secure: true, prefix: "host" });
  else deleteCookie(c, COOKIE, { path: "/" });
}
