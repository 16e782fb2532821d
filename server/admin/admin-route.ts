// Declares a console route with the roles it allows: the check runs before validation, and the
// roles are published in /api/openapi.json (x-roles), so scripts and the auth test read one list.
import { createRoute, type RouteConfig, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { Role } from "../domain/roles.ts";
import { ErrorSchema, jsonError } from "../http/errors.ts";
import type { AdminEnv } from "./admin-auth.ts";
import { ROLE_LABELS } from "./role-labels.ts";

/** Any signed-in account. */
export const ANY_ROLE: readonly Role[] = ["admin", "analyst", "distributor"];

export function requireRole(roles: readonly Role[]): MiddlewareHandler<AdminEnv> {
  return async function checkRole(c, next) {
    const { role } = c.get("actor").admin;
    if (!roles.includes(role)) {
      const allowed = roles.map((r) => ROLE_LABELS[r]).join("、");
      return jsonError(c, "forbidden", `此操作仅限${allowed}；您的角色是${ROLE_LABELS[role]}`);
    }
    return next();
  };
}

const error = (description: string) => ({
  content: { "application/json": { schema: ErrorSchema } },
  description,
});

export const jsonBody = <T extends z.ZodType>(schema: T, description = "JSON body") => ({
  required: true,
  content: { "application/json": { schema } },
  description,
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

const SIGNED_IN: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];

/** `roles: "public"` is for signing in; every other route names the roles it allows. */
export function adminRoute<const R extends RouteConfig>(
  roles: readonly Role[] | "public",
  config: R,
) {
  const isPublic = roles === "public";
  const who = isPublic ? "no sign-in needed" : roles.join(", ");
  return createRoute({
    ...config,
    tags: ["console"],
    description: `${config.description ?? ""}\n\nRoles: ${who}.`.trim(),
    "x-roles": isPublic ? [] : [...roles],
    security: isPublic ? [] : SIGNED_IN,
    middleware: isPublic ? [] : [requireRole(roles)],
    responses: {
      ...config.responses,
      ...(isPublic ? {} : { 401: error("Not signed in, session expired, or token revoked") }),
      403: error("Role not allowed, or a cross-site request"),
      422: error("Invalid request; nothing was changed"),
    },
  });
}

export { z };
