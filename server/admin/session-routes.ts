// Signing in and out: the one-time setup link, password sign-in behind growing waits, "who am I".
import { OpenAPIHono } from "@hono/zod-openapi";
import type { RouteDeps } from "../app-deps.ts";
import { jsonError } from "../http/errors.ts";
import { validationHook } from "../http/validation-hook.ts";
import type { AdminStore } from "../storage/admin-store.ts";
import { AccountSchema, LoginBodySchema, SetupBodySchema } from "./account-schemas.ts";
import { toAccount } from "./account-view.ts";
import { createAccount } from "./accounts.ts";
import type { AdminEnv } from "./admin-auth.ts";
import { ANY_ROLE, adminRoute, jsonBody, jsonResponse, z } from "./admin-route.ts";
import { recordAudit } from "./audit.ts";
import { checkPassword, tooManyAttempts } from "./password-check.ts";
import {
  clearSessionCookie,
  endSession,
  readSessionCookie,
  setSessionCookie,
  startSession,
} from "./sessions.ts";

const Signed = z.object({ account: AccountSchema });

const setup = adminRoute("public", {
  method: "post",
  path: "/admin/setup",
  summary: "Create the first admin with the one-time setup link printed at start",
  request: { body: jsonBody(SetupBodySchema) },
  responses: {
    201: jsonResponse(Signed, "Created and signed in"),
    410: jsonResponse(z.object({}), "Setup link unknown, used or expired, or an admin exists"),
  },
});

const login = adminRoute("public", {
  method: "post",
  path: "/admin/login",
  summary: "Sign in; sets an HttpOnly SameSite=Strict session cookie",
  request: { body: jsonBody(LoginBodySchema) },
  responses: {
    200: jsonResponse(Signed, "Signed in"),
    401: jsonResponse(z.object({}), "Wrong name or password (which one is never said)"),
    429: jsonResponse(
      z.object({}),
      "Too many attempts for this name or address, or a check for it already running: wait " +
        "Retry-After seconds. Each attempt is counted before the password is checked; after 5 " +
        "per name (20 per address) the wait doubles from 1 s, up to 5 min (15 min per address).",
    ),
  },
});

const logout = adminRoute(ANY_ROLE, {
  method: "post",
  path: "/admin/logout",
  summary: "Sign out: the session is deleted",
  request: { body: jsonBody(z.object({}).strict()) },
  responses: { 200: jsonResponse(z.object({}), "Signed out") },
});

const me = adminRoute(ANY_ROLE, {
  method: "get",
  path: "/admin/me",
  summary: "The signed-in account",
  responses: { 200: jsonResponse(Signed, "The account") },
});

const SETUP_GONE =
  "设置链接无效、已使用或已过期。请重启服务器获取新的链接，或用命令行 npm run cli -- admin create 创建管理员。";

export function sessionRoutes(
  deps: RouteDeps<
    "now" | "secureCookies" | "setupLink" | "trustedProxies" | "loginThrottle",
    AdminStore
  >,
) {
  const app = new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });

  app.openapi(setup, async (c) => {
    const body = c.req.valid("json");
    const now = deps.now();
    if (!(await deps.setupLink.consume(body.token, now)) || (await deps.storage.countAdmins()) > 0)
      return jsonError(c, "gone", SETUP_GONE);
    const admin = await createAccount(deps.storage, { ...body, role: "admin" }, now);
    if (!admin) return jsonError(c, "gone", SETUP_GONE);
    setSessionCookie(c, await startSession(deps.storage, admin.id, now), deps.secureCookies);
    await recordAudit(deps.storage, now, {
      actor: admin.username,
      action: "setup",
      target: admin.username,
    });
    return c.json({ account: toAccount(admin) }, 201);
  });

  app.openapi(login, async (c) => {
    const body = c.req.valid("json");
    const username = body.username.trim().toLowerCase();
    const check = await checkPassword(deps, c, username, body.password);
    // Refusals are not audited: a flood of them would bury the log, and no password was tried.
    if (check.kind === "refused") return tooManyAttempts(c, check.waitMs);
    const now = deps.now();
    // An account changed during the check (say, disabled) is a failure too: try again.
    if (check.kind === "failed" || check.kind === "changed") {
      await recordAudit(deps.storage, now, {
        actor: check.admin?.username ?? "(未知账号)",
        action: "login.failed",
      });
      return jsonError(c, "unauthorized", "用户名或密码不正确");
    }
    const { admin } = check;
    setSessionCookie(c, await startSession(deps.storage, admin.id, now), deps.secureCookies);
    await recordAudit(deps.storage, now, { actor: admin.username, action: "login" });
    return c.json({ account: toAccount(admin) }, 200);
  });

  app.openapi(logout, async (c) => {
    const token = readSessionCookie(c, deps.secureCookies);
    if (token) await endSession(deps.storage, token);
    clearSessionCookie(c, deps.secureCookies);
    await recordAudit(deps.storage, deps.now(), {
      actor: c.get("actor").admin.username,
      action: "logout",
    });
    return c.json({}, 200);
  });

  app.openapi(me, async (c) => c.json({ account: toAccount(c.get("actor").admin) }, 200));
  return app;
}
