// Per-account API tokens for scripts: create (the password again; the secret is shown once; it
// expires), list, revoke. A password reset, role change or disable revokes them all (account-routes).
import { OpenAPIHono } from "@hono/zod-openapi";
import type { RouteDeps } from "../app-deps.ts";
import { jsonError } from "../http/errors.ts";
import { validationHook } from "../http/validation-hook.ts";
import type { AdminStore } from "../storage/admin-store.ts";
import { NewTokenBodySchema, NewTokenResultSchema, TokenInfoSchema } from "./account-schemas.ts";
import { toTokenInfo } from "./account-view.ts";
import { issueApiTokenIfUnchanged } from "./accounts.ts";
import type { AdminEnv } from "./admin-auth.ts";
import { ANY_ROLE, adminRoute, jsonBody, jsonResponse, z } from "./admin-route.ts";
import { recordAudit } from "./audit.ts";
import { checkPassword, tooManyAttempts } from "./password-check.ts";

const list = adminRoute(ANY_ROLE, {
  method: "get",
  path: "/admin/tokens",
  summary: "Your API tokens (an admin sees every account's)",
  responses: { 200: jsonResponse(z.object({ tokens: z.array(TokenInfoSchema) }), "Tokens") },
});

const create = adminRoute(ANY_ROLE, {
  method: "post",
  path: "/admin/tokens",
  summary: "Create an API token that acts with your role, for `days` days (asks for your password)",
  description:
    "A wrong password answers 422 naming the field `password`; password checks share the sign-in waits.",
  request: { body: jsonBody(NewTokenBodySchema) },
  responses: {
    201: jsonResponse(NewTokenResultSchema, "Created; the secret is shown only now"),
    409: jsonResponse(z.object({}), "Your account changed while the password was checked"),
    429: jsonResponse(z.object({}), "Too many password attempts: wait Retry-After seconds"),
  },
});

const revoke = adminRoute(ANY_ROLE, {
  method: "post",
  path: "/admin/tokens/{id}/revoke",
  summary: "Revoke one of your tokens (an admin may revoke any)",
  request: { params: z.object({ id: z.string().max(64) }), body: jsonBody(z.object({}).strict()) },
  responses: {
    200: jsonResponse(z.object({ token: TokenInfoSchema }), "Revoked"),
    404: jsonResponse(z.object({}), "No such token of yours"),
  },
});

/**
 * checkPassword's own deps (the login throttle, the client address), whatever they are: still the
 * whole AppDeps until password-check.ts is narrowed; this module then narrows with it.
 */
type PasswordCheckDeps = Parameters<typeof checkPassword>[0];

export function tokenRoutes(deps: PasswordCheckDeps & RouteDeps<"now", AdminStore>) {
  const app = new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });

  app.openapi(list, async (c) => {
    const { admin } = c.get("actor");
    const tokens = await deps.storage.listTokens(admin.role === "admin" ? null : admin.id);
    return c.json({ tokens: tokens.map(toTokenInfo) }, 200);
  });

  app.openapi(create, async (c) => {
    const { admin } = c.get("actor");
    const body = c.req.valid("json");
    const check = await checkPassword(deps, c, admin.username, body.password);
    if (check.kind === "refused") return tooManyAttempts(c, check.waitMs);
    const now = deps.now();
    if (check.kind === "failed") {
      // 422, not 401: the session is fine, and the console signs out on a 401. Not audited: a
      // refused request changes nothing stored (only a failed sign-in is logged, by design).
      return jsonError(c, "invalid", "密码不正确，未创建令牌", [
        { field: "password", message: "密码不正确" },
      ]);
    }
    // Unchanged since this request's session was checked, not only since the password was: a role
    // change that ended the session while this request ran must not leave a token behind it.
    const made =
      check.kind === "passed" && check.admin.version === admin.version
        ? await issueApiTokenIfUnchanged(deps.storage, check.admin, body.label, now, body.days)
        : null;
    if (!made) return jsonError(c, "conflict", "账号刚被修改，未创建令牌，请重试");
    await recordAudit(deps.storage, now, {
      actor: admin.username,
      action: "token.create",
      target: made.token.label,
      detail: `${body.days} 天`,
    });
    return c.json({ token: toTokenInfo(made.token), secret: made.secret }, 201);
  });

  app.openapi(revoke, async (c) => {
    const { admin } = c.get("actor");
    const token = await deps.storage.getToken(c.req.valid("param").id);
    // Someone else's token looks exactly like a missing one to a non-admin.
    if (!token || (admin.role !== "admin" && token.adminId !== admin.id))
      return jsonError(c, "not_found", "没有这个令牌");
    await deps.storage.revokeToken(token.id);
    await recordAudit(deps.storage, deps.now(), {
      actor: admin.username,
      action: "token.revoke",
      target: `${token.owner}/${token.label}`,
    });
    return c.json({ token: toTokenInfo({ ...token, revoked: true }) }, 200);
  });
  return app;
}
