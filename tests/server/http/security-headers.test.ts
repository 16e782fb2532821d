// Every route the app registers, and every kind of refusal, answers with the security headers:
// a strict CSP, nosniff, no referrer, no framing, no caching except for static assets, and no HSTS
// over plain http. The walk visits each route with real ids and fails when a route exists that it
// does not visit.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createApp } from "../../../server/app.ts";
import { startTestServer } from "../../support/test-server.ts";
import { routeVisits, send, type Walk } from "./route-visits.ts";

/** What may be cached, and for how long (successful answers only); everything else is no-store. */
const CACHEABLE: Record<string, string> = {
  "/static/:name": "public, max-age=3600",
  "/assets/:name": "public, max-age=31536000, immutable",
};
/** `app.use` entries (middleware, not routes): a new handler on ALL must be added and visited. */
const MIDDLEWARE = [
  "/*",
  "/api/*",
  "/api/admin/*",
  "/api/admin/batches/:id/slips",
  "/api/codes/*",
  // The per-address submission limit (responses/submit-route.ts: submitLimit).
  "/api/links/:linkId/responses",
  "/s/*",
  "/c/*",
];

interface LogLine {
  method: string;
  route: string;
  status: number;
}

const walk: Walk = { server: null, ids: {}, version: 0 };
const VISITS = routeVisits(walk);
const visited: LogLine[] = [];
const server = () => {
  if (!walk.server) throw new Error("the server did not start");
  return walk.server;
};

beforeAll(async () => {
  const started = await startTestServer();
  walk.server = started;
  walk.ids.paused = (await started.createLink({ state: "paused" })).id;
  walk.ids.closed = (await started.createLink({ state: "closed" })).id;
  const manifest: Record<string, { file: string }> = JSON.parse(
    readFileSync("dist/.vite/manifest.json", "utf8"),
  );
  walk.ids.asset = manifest["client/respond/main.ts"]?.file.replace(/^assets\//, "") ?? "";
});
afterAll(() => walk.server?.close());

function parseCsp(header: string): Map<string, string[]> {
  const directives = header.split(";").map((d) => d.trim().split(/\s+/));
  return new Map(directives.map(([name, ...values]) => [name ?? "", values]));
}

it.each(VISITS)("$method $name → $status, with every security header", async (visit) => {
  await visit.before?.();
  const response = await send(walk, visit);
  const text = await response.text();
  expect(response.status, text.slice(0, 300)).toBe(visit.status);
  // The access log names the route that answered: the walk's proof of what it reached.
  const line: LogLine = JSON.parse(server().logs.at(-1) ?? "{}");
  expect(line).toMatchObject({ method: visit.method, status: visit.status });
  visited.push(line);
  await visit.keep?.(text.startsWith("{") ? JSON.parse(text) : {}, response);

  const csp = parseCsp(response.headers.get("Content-Security-Policy") ?? "");
  expect(csp.get("default-src")).toEqual(["'self'"]);
  expect(csp.get("script-src")).toEqual(["'self'"]);
  expect(csp.get("object-src")).toEqual(["'none'"]);
  expect(csp.get("base-uri")).toEqual(["'none'"]);
  // The editor frames its phone preview (same origin only); no other page may be framed at all.
  const framed = /^\/admin\/preview\//.test(line.route ?? "");
  expect(csp.get("frame-ancestors")).toEqual([framed ? "'self'" : "'none'"]);
  expect([...csp.values()].flat().filter((v) => /unsafe|\*/.test(v))).toEqual([]);
  expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(response.headers.get("Referrer-Policy")).toBe("no-referrer");
  expect(response.headers.get("X-Frame-Options")).toBe(framed ? "SAMEORIGIN" : "DENY");
  // Plain http, no proxy: HSTS only on answers that came over https (strict-transport.test.ts).
  expect(response.headers.get("Strict-Transport-Security")).toBeNull();
  const cacheable = response.status === 200 ? CACHEABLE[line.route] : undefined;
  expect(response.headers.get("Cache-Control")).toBe(cacheable ?? "no-store");
});

it("visited every route the app registers, and every kind of refusal", () => {
  const routes = createApp(server().system.deps).routes;
  const handlers = routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`);
  const reached = new Set(visited.map((v) => `${v.method} ${v.route}`));
  expect([...new Set(handlers)].filter((r) => !reached.has(r))).toEqual([]);
  const middleware = new Set(routes.filter((r) => r.method === "ALL").map((r) => r.path));
  expect([...middleware].sort()).toEqual([...MIDDLEWARE].sort());
  const statuses = [...new Set(visited.map((v) => v.status))].sort();
  expect(statuses).toEqual([200, 201, 301, 401, 403, 404, 409, 410, 413, 415, 422, 429]);
});

it.each([
  ["the survey page", () => `/s/${walk.ids.link}`],
  ["a code's survey page", () => `/c/${walk.ids.spare}`],
  ["the admin console", () => "/admin/"],
])("%s hands a fresh per-request style nonce to Lit, matching the CSP", async (_name, path) => {
  const nonces = new Set<string>();
  for (let i = 0; i < 2; i++) {
    const response = await fetch(`${server().url}${path()}`);
    const csp = response.headers.get("Content-Security-Policy") ?? "";
    const fromHeader = /style-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    const fromPage = /<meta name="csp-nonce" content="([^"]+)">/.exec(await response.text())?.[1];
    expect(fromHeader).toBeTruthy();
    expect(fromPage).toBe(fromHeader);
    nonces.add(fromHeader ?? "");
  }
  expect(nonces.size).toBe(2);
});
