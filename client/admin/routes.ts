// The console's views, who may open each, and the #/view hash that names them.
import type { Role } from "../../server/domain/roles.ts";

export const ROUTE_IDS = [
  "returns",
  "links",
  "batches",
  "surveys",
  "editor",
  "results",
  "accounts",
  "tokens",
  "audit",
] as const;
export type RouteId = (typeof ROUTE_IDS)[number];

interface Route {
  label: string;
  roles: readonly Role[];
}

export const ROUTES: Record<RouteId, Route> = {
  returns: { label: "回收情况", roles: ["admin", "distributor"] },
  links: { label: "发放链接", roles: ["admin", "distributor"] },
  batches: { label: "一次性码", roles: ["admin", "distributor"] },
  surveys: { label: "问卷", roles: ["admin", "analyst"] },
  editor: { label: "问卷编辑", roles: ["admin"] },
  results: { label: "结果", roles: ["admin", "analyst"] },
  accounts: { label: "账号", roles: ["admin"] },
  tokens: { label: "API 令牌", roles: ["admin", "analyst", "distributor"] },
  audit: { label: "操作记录", roles: ["admin"] },
};

export const routesFor = (role: Role): RouteId[] =>
  ROUTE_IDS.filter((id) => ROUTES[id].roles.includes(role));

export const defaultRoute = (role: Role): RouteId => (role === "analyst" ? "results" : "returns");

/** The view the hash names, if this role may open it; otherwise the role's default view. */
export function routeFromHash(hash: string, role: Role): RouteId {
  const name = hash.replace(/^#\/?/, "");
  const allowed = routesFor(role);
  return allowed.find((id) => id === name) ?? defaultRoute(role);
}

/** The token of a first-run link (#setup=…), or null when the hash is something else. */
export function setupToken(hash: string): string | null {
  if (!hash.startsWith("#setup=")) return null;
  const raw = hash.slice("#setup=".length);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
