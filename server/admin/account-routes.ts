// Managing console accounts (admins only): list, create, change role, disable, reset a password.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { RouteDeps } from "../app-deps.ts";
import { jsonError } from "../http/errors.ts";
import { validationHook } from "../http/validation-hook.ts";
import type { AdminStore } from "../storage/admin-store.ts";
import { AccountPatchSchema, AccountSchema, NewAccountBodySchema } from "./account-schemas.ts";
import { toAccount } from "./account-view.ts";
import { createAccount } from "./accounts.ts";
import type { AdminEnv } from "./admin-auth.ts";
import { adminRoute, jsonBody, jsonResponse, z } from "./admin-route.ts";
import { recordAudit } from "./audit.ts";
import { hashPassword } from "./passwords.ts";

const ADMIN_ONLY = ["admin"] as const;
const One = z.object({ account: AccountSchema });
const IdParam = z.object({ id: z.string().max(64) });

const list = adminRoute(ADMIN_ONLY, {
  method: "get",
  path: "/admin/accounts",
  summary: "List console accounts",
  responses: { 200: jsonResponse(z.object({ accounts: z.array(AccountSchema) }), "Accounts") },
});

const create = adminRoute(ADMIN_ONLY, {
  method: "post",
  path: "/admin/accounts",
  summary: "Create an account with a role",
  request: { body: jsonBody(NewAccountBodySchema) },
  responses: {
    201: jsonResponse(One, "Created"),
    409: jsonResponse(z.object({}), "The username is taken"),
  },
});

const update = adminRoute(ADMIN_ONLY, {
  method: "patch",
  path: "/admin/accounts/{id}",
  summary: "Change an account's name, role, password, or disable it",
  description:
    "A new password, a new role or disabling ends the account's sessions and revokes its API " +
    "tokens, in the same transaction. The change applies only to the account as it was read: " +
    "if another change landed meanwhile (say, a disable racing a password reset), nothing is " +
    "saved and the answer is 409.",
  request: { params: IdParam, body: jsonBody(AccountPatchSchema) },
  responses: {
    200: jsonResponse(One, "Updated"),
    404: jsonResponse(z.object({}), "No such account"),
    409: jsonResponse(
      z.object({}),
      "It would leave no enabled admin, or the account changed meanwhile (nothing was saved)",
    ),
  },
});

export function accountRoutes(deps: RouteDeps<"now", AdminStore>) {
  const app = new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });

  app.openapi(list, async (c) =>
    c.json({ accounts: (await deps.storage.listAdmins()).map(toAccount) }, 200),
  );

  app.openapi(create, async (c) => {
    const body = c.req.valid("json");
    const now = deps.now();
    const admin = await createAccount(deps.storage, body, now);
    if (!admin)
      return jsonError(c, "conflict", `用户名 ${body.username} 已被使用`, [
        { field: "username", message: "已被使用" },
      ]);
    const actor = c.get("actor").admin.username;
    await recordAudit(deps.storage, now, {
      actor,
      action: "account.create",
      target: admin.username,
      detail: admin.role,
    });
    return c.json({ account: toAccount(admin) }, 201);
  });

  app.openapi(update, async (c) => {
    const { id } = c.req.valid("param");
    const patch = c.req.valid("json");
    const before = await deps.storage.getAdmin(id);
    if (!before) return jsonError(c, "not_found", "没有这个账号");
    // Hashing yields the event loop; changeAdmin applies only if nobody changed `before` meanwhile.
    const passwordHash = patch.password ? await hashPassword(patch.password) : before.passwordHash;
    const role = patch.role ?? before.role;
    const disabled = patch.disabled ?? before.disabled;
    const refusal = await deps.storage.changeAdmin({
      id,
      version: before.version,
      displayName: patch.displayName ?? before.displayName,
      role,
      passwordHash,
      disabled,
      // Access granted under the old terms (sessions, API tokens) ends with them.
      endAccess: patch.password !== undefined || patch.disabled === true || role !== before.role,
    });
    if (refusal === "last_admin") return jsonError(c, "conflict", "至少要保留一个启用的管理员账号");
    const after = await deps.storage.getAdmin(id);
    if (refusal === "stale" || !after)
      return jsonError(c, "conflict", "账号刚被他人修改，本次修改未保存；请刷新后重试");
    await recordAudit(deps.storage, deps.now(), {
      actor: c.get("actor").admin.username,
      action: "account.update",
      target: before.username,
      // Which fields changed and to what, except the password, which is only said to be reset.
      detail: JSON.stringify({ ...patch, password: patch.password ? "(重置)" : undefined }),
    });
    return c.json({ account: toAccount(after) }, 200);
  });
  return app;
}
