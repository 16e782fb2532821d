// Who is calling the console API: a session cookie (browsers) or a bearer API token (scripts).
// Cookie-authenticated changes must come from our own origin, so another site cannot ride a session.
import type { Context, MiddlewareHandler } from "hono";
import type { AppDeps, RouteDeps } from "../app-deps.ts";
import { dayIn } from "../http/clock.ts";
import { jsonError } from "../http/errors.ts";
import type { AdminRecord } from "../storage/admin-records.ts";
import type { AdminStore } from "../storage/admin-store.ts";
import { hashSecret } from "./secret-tokens.ts";
import { readSession, readSessionCookie } from "./sessions.ts";

export interface Actor {
  admin: AdminRecord;
  via: "session" | "token";
}

export type AdminEnv = { Variables: { actor: Actor } };

/** Reachable without signing in: everything else under /api/admin needs an actor. */
export const PUBLIC_ADMIN_PATHS = new Set(["/api/admin/setup", "/api/admin/login"]);

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Same origin as the request itself, or as the configured public URL (behind a proxy). */
function isOwnOrigin(c: Context, origin: string, publicBase: string): boolean {
  return origin === new URL(c.req.url).origin || origin === new URL(publicBase).origin;
}

/**
 * Runs before every console request, so reads only who is calling (sessions.ts readSession, API
 * tokens) and notes a session's or token's use: it cannot create or change an account.
 */
type AuthDeps = RouteDeps<
  "secureCookies" | "now" | "timeZone",
  Pick<
    AdminStore,
    | "getSession"
    | "getAdmin"
    | "deleteSession"
    | "touchSession"
    | "findTokenByHash"
    | "noteTokenUsed"
  >
>;

/** Refuses a state change that a browser says comes from another site. */
export function refuseCrossSite(deps: Pick<AppDeps, "publicBase">): MiddlewareHandler {
  return async function checkOrigin(c, next) {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header("Origin");
    const site = c.req.header("Sec-Fetch-Site");
    if ((origin !== undefined && !isOwnOrigin(c, origin, deps.publicBase)) || site === "cross-site")
      return jsonError(c, "forbidden", "请求来自其他网站，已拒绝");
    return next();
  };
}

export function authenticateAdmin(deps: AuthDeps): MiddlewareHandler<AdminEnv> {
  return async function authenticate(c, next) {
    if (PUBLIC_ADMIN_PATHS.has(c.req.path)) return next();
    const authorization = c.req.header("Authorization");
    if (authorization !== undefined) {
      const admin = await adminForToken(deps, authorization);
      if (!admin) return jsonError(c, "unauthorized", "API 令牌无效、已撤销或已过期");
      c.set("actor", { admin, via: "token" });
      return next();
    }
    const token = readSessionCookie(c, deps.secureCookies);
    const admin = token ? await readSession(deps.storage, token, deps.now()) : null;
    if (!admin) return jsonError(c, "unauthorized", "请先登录（登录可能已过期）");
    // Browsers always send Origin on these methods; a missing one means we cannot tell the site.
    if (!SAFE_METHODS.has(c.req.method) && c.req.header("Origin") === undefined)
      return jsonError(c, "forbidden", "缺少 Origin 请求头，已拒绝");
    c.set("actor", { admin, via: "session" });
    return next();
  };
}

async function adminForToken(deps: AuthDeps, authorization: string) {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  const token = match?.[1] ? await deps.storage.findTokenByHash(hashSecret(match[1])) : undefined;
  // An unreadable expiry (NaN) refuses too: a token is good only while it provably has not expired.
  const live = token && !token.revoked && Date.parse(token.expiresAt) > deps.now().getTime();
  if (!token || !live) return null;
  const admin = await deps.storage.getAdmin(token.adminId);
  if (!admin || admin.disabled) return null;
  await deps.storage.noteTokenUsed(token.id, dayIn(deps.timeZone, deps.now()));
  return admin;
}
