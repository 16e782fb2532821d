// Every kind of response carries the security headers; pages and API answers are never cached.
import { afterAll, beforeAll, expect, it } from "vitest";
import { addAccount, sessionCookie } from "../../support/admin-session.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

let server: TestServer;
let linkId: string;
let batchId: string;
let code: string;
let cookie: string;
beforeAll(async () => {
  server = await startTestServer();
  linkId = server.createLink().id;
  cookie = sessionCookie(server, await addAccount(server, "chief", "admin"));
  const made = await fetch(`${server.url}/api/admin/batches`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: server.url, "Content-Type": "application/json" },
    body: JSON.stringify({ surveyId: "political-ecology", label: "纸质", count: 1 }),
  });
  batchId = ((await made.json()) as { batch: { id: string } }).batch.id;
  code = server.query<{ code: string }>("SELECT code FROM codes")[0]?.code ?? "";
});
afterAll(() => server.close());

it.each([
  ["the survey page", () => `/s/${linkId}`, "no-store"],
  ["an unknown link page", () => "/s/unknownunknownunknown1", "no-store"],
  ["the survey API", () => `/api/links/${linkId}/survey`, "no-store"],
  ["the OpenAPI document", () => "/api/openapi.json", "no-store"],
  ["a missing route", () => "/nothing-here", "no-store"],
  ["the page stylesheet", () => "/static/page.css", "public, max-age=3600"],
  ["a code's survey page", () => `/c/${code}`, "no-store"],
  ["the admin console", () => "/admin/", "no-store"],
  ["a console API answer", () => "/api/admin/returns?survey=political-ecology", "no-store"],
  ["a refused console call", () => "/api/admin/accounts?signed-out", "no-store"],
  ["the slip sheet (secret codes)", () => `/api/admin/batches/${batchId}/slips`, "no-store"],
  ["a link's QR code", () => `/api/admin/links/${linkId}/qr.png`, "no-store"],
])("%s", async (name, path, cache) => {
  const signedOut = name.includes("refused");
  const headers: Record<string, string> = signedOut ? {} : { Cookie: cookie };
  const response = await fetch(`${server.url}${path()}`, { headers });
  if (!name.includes("unknown") && !name.includes("missing") && !signedOut)
    expect(response.status).toBe(200);
  const csp = response.headers.get("Content-Security-Policy") ?? "";
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-inline");
  expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(response.headers.get("Referrer-Policy")).toBe("no-referrer");
  expect(response.headers.get("Cache-Control")).toBe(cache);
});

it.each([
  ["the survey page", () => `/s/${linkId}`],
  ["a code's survey page", () => `/c/${code}`],
  ["the admin console", () => "/admin/"],
])("%s hands a fresh per-request style nonce to Lit, matching the CSP", async (_name, path) => {
  const nonces = new Set<string>();
  for (let i = 0; i < 2; i++) {
    const response = await fetch(`${server.url}${path()}`);
    const csp = response.headers.get("Content-Security-Policy") ?? "";
    const fromHeader = /style-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    const fromPage = /<meta name="csp-nonce" content="([^"]+)">/.exec(await response.text())?.[1];
    expect(fromHeader).toBeTruthy();
    expect(fromPage).toBe(fromHeader);
    nonces.add(fromHeader ?? "");
  }
  expect(nonces.size).toBe(2);
});
