// The audit log, newest first, for admins.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { RouteDeps } from "../app-deps.ts";
import { validationHook } from "../http/validation-hook.ts";
import type { AdminStore } from "../storage/admin-store.ts";
import { AuditEntrySchema } from "./account-schemas.ts";
import type { AdminEnv } from "./admin-auth.ts";
import { adminRoute, jsonResponse, z } from "./admin-route.ts";

const list = adminRoute(["admin"], {
  method: "get",
  path: "/admin/audit",
  summary: "Audit log entries, newest first; page with `before` (an entry id)",
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(1000).default(200),
      before: z.coerce.number().int().positive().optional(),
    }),
  },
  responses: { 200: jsonResponse(z.object({ entries: z.array(AuditEntrySchema) }), "Entries") },
});

export function auditRoutes(deps: RouteDeps<never, Pick<AdminStore, "listAudit">>) {
  return new OpenAPIHono<AdminEnv>({ defaultHook: validationHook }).openapi(list, async (c) => {
    const { limit, before } = c.req.valid("query");
    return c.json({ entries: await deps.storage.listAudit(limit, before ?? null) }, 200);
  });
}
