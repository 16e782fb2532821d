// Every kind of response carries the security headers; pages and API answers are never cached.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

let server: TestServer;
let linkId: string;
beforeAll(async () => {
  server = await startTestServer();
  linkId = server.createLink().id;
});
afterAll(() => server.close());

it.each([
  ["the survey page", () => `/s/${linkId}`, "no-store"],
  ["an unknown link page", () => "/s/unknownunknownunknown1", "no-store"],
  ["the survey API", () => `/api/links/${linkId}/survey`, "no-store"],
  ["the OpenAPI document", () => "/api/openapi.json", "no-store"],
  ["a missing route", () => "/nothing-here", "no-store"],
  ["the page stylesheet", () => "/static/page.css", "public, max-age=3600"],
])("%s", async (_name, path, cache) => {
  const response = await fetch(`${server.url}${path()}`);
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

it("the survey page hands a fresh per-request style nonce to Lit, matching the CSP", async () => {
  const nonces = new Set<string>();
  for (let i = 0; i < 2; i++) {
    const response = await fetch(`${server.url}/s/${linkId}`);
    const csp = response.headers.get("Content-Security-Policy") ?? "";
    const fromHeader = /style-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
    const fromPage = /<meta name="csp-nonce" content="([^"]+)">/.exec(await response.text())?.[1];
    expect(fromHeader).toBeTruthy();
    expect(fromPage).toBe(fromHeader);
    nonces.add(fromHeader ?? "");
  }
  expect(nonces.size).toBe(2);
});
