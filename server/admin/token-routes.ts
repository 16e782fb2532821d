// Per-account API tokens for scripts: create (the secret is shown once), list, revoke.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppDeps } from "../app-deps.ts";
import { jsonError } from "../http/errors.ts";
import { validationHook } from "../http/validation-hook.ts";
import { NewTokenBodySchema, NewTokenResultSchema, TokenInfoSchema } from "./account-schemas.ts";
import { toTokenInfo } from "./account-view.ts";
import { issueApiToken } from "./accounts.ts";
import type { AdminEnv } from "./admin-auth.ts";
import { ANY_ROLE, adminRoute, jsonBody, jsonResponse, z } from "./admin-route.ts";
import { recordAudit } from "./audit.ts";

const list = adminRoute(ANY_ROLE, {
  method: "get",
  path: "/admin/tokens",
  summary: "Your API tokens (an admin sees every account's)",
  responses: { 200: jsonResponse(z.object({ tokens: z.array(TokenInfoSchema) }), "Tokens") },
});

const create = adminRoute(ANY_ROLE, {
  method: "post",
  path: "/admin/tokens",
  summary: "Create an API token that acts with your role",
  request: { body: jsonBody(NewTokenBodySchema) },
  responses: { 201: jsonResponse(NewTokenResultSchema, "Created; the secret is shown only now") },
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

export function tokenRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });

  app.openapi(list, (c) => {
    const { admin } = c.get("actor");
    const tokens = deps.storage.listTokens(admin.role === "admin" ? null : admin.id);
    return c.json({ tokens: tokens.map(toTokenInfo) }, 200);
  });

  app.openapi(create, (c) => {
    const { admin } = c.get("actor");
    const now = deps.now();
    const { token, secret } = issueApiToken(deps.storage, admin, c.req.valid("json").label, now);
    recordAudit(deps.storage, now, {
      actor: admin.username,
      action: "token.create",
      target: token.label,
    });
    return c.json({ token: toTokenInfo(token), secret }, 201);
  });

  app.openapi(revoke, (c) => {
    const { admin } = c.get("actor");
    const token = deps.storage.getToken(c.req.valid("param").id);
    // Someone else's token looks exactly like a missing one to a non-admin.
    if (!token || (admin.role !== "admin" && token.adminId !== admin.id))
      return jsonError(c, 404, "not_found", "没有这个令牌");
    deps.storage.revokeToken(token.id);
    recordAudit(deps.storage, deps.now(), {
      actor: admin.username,
      action: "token.revoke",
      target: `${token.owner}/${token.label}`,
    });
    return c.json({ token: toTokenInfo({ ...token, revoked: true }) }, 200);
  });
  return app;
}
