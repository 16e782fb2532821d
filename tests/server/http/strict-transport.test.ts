// Strict-Transport-Security only on answers that came over https: through a proxy named in
// TRUST_PROXY that says X-Forwarded-Proto: https. The same header from anyone else changes nothing.
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTrustedProxies, type TrustedProxies } from "../../../server/http/client-address.ts";
import { HSTS, securityHeaders } from "../../../server/http/security-headers.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

function trusting(...entries: string[]): TrustedProxies {
  const parsed = parseTrustedProxies(entries);
  if (!parsed.ok) throw new Error(parsed.entry);
  return parsed.proxies;
}

/** The HSTS header a tiny app answers with, for a request from `peer` with these headers. */
async function hstsFor(
  trusted: TrustedProxies | undefined,
  peer: string | null,
  headers: Record<string, string>,
): Promise<string | null> {
  const app = new Hono().use(securityHeaders(trusted)).get("/", (c) => c.text("ok"));
  // @hono/node-server's bindings, as getConnInfo reads them; null: no socket, as in app.request().
  const env = peer === null ? undefined : { incoming: { socket: { remoteAddress: peer } } };
  const response = await app.request("/", { headers }, env);
  expect(response.status).toBe(200);
  return response.headers.get("Strict-Transport-Security");
}

const HTTPS = { "X-Forwarded-Proto": "https" };
const PROXY = trusting("127.0.0.1", "10.0.0.0/8");

describe("the rule", () => {
  it("is on when a trusted proxy, the socket peer, says https", async () => {
    expect(await hstsFor(PROXY, "127.0.0.1", HTTPS)).toBe(HSTS);
    expect(await hstsFor(PROXY, "::ffff:10.1.2.3", { "X-Forwarded-Proto": " HTTPS " })).toBe(HSTS);
    // The nearest proxy's word is the last entry.
    expect(await hstsFor(PROXY, "10.0.0.2", { "X-Forwarded-Proto": "http, https" })).toBe(HSTS);
  });

  it("is off when the proxy says http, or says nothing", async () => {
    expect(await hstsFor(PROXY, "127.0.0.1", { "X-Forwarded-Proto": "http" })).toBeNull();
    expect(await hstsFor(PROXY, "127.0.0.1", {})).toBeNull();
    // A chain whose last hop is plain http did not reach us over https end to end.
    expect(await hstsFor(PROXY, "127.0.0.1", { "X-Forwarded-Proto": "https, http" })).toBeNull();
  });

  it("ignores X-Forwarded-Proto from anyone not trusted, and trusts nobody by default", async () => {
    expect(await hstsFor(PROXY, "198.51.100.7", HTTPS)).toBeNull();
    // X-Forwarded-For naming a trusted proxy does not make the client one.
    expect(
      await hstsFor(PROXY, "198.51.100.7", { ...HTTPS, "X-Forwarded-For": "127.0.0.1" }),
    ).toBeNull();
    expect(await hstsFor(trusting(), "127.0.0.1", HTTPS)).toBeNull();
    expect(await hstsFor(undefined, "127.0.0.1", HTTPS)).toBeNull();
    expect(await hstsFor(PROXY, null, HTTPS)).toBeNull();
  });

  it("keeps the other headers either way", async () => {
    const app = new Hono().use(securityHeaders(PROXY)).get("/", (c) => c.text("ok"));
    const env = { incoming: { socket: { remoteAddress: "127.0.0.1" } } };
    const response = await app.request("/", { headers: HTTPS }, env);
    expect(response.headers.get("Strict-Transport-Security")).toBe(HSTS);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Cache-Control")).toBe("no-store");
  });
});

describe("the real app (TRUST_PROXY wired through createApp)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { TRUST_PROXY: "127.0.0.1" } });
  });
  afterAll(() => server.close());

  // This test process is 127.0.0.1: the trusted proxy itself, as nginx on the same machine is.
  const hstsOf = async (path: string, headers: Record<string, string>) => {
    const response = await fetch(`${server.url}${path}`, { headers });
    await response.arrayBuffer();
    return response.headers.get("Strict-Transport-Security");
  };

  it.each(["/healthz", "/privacy", "/no-such-page"])(
    "%s carries HSTS only when the proxy says https",
    async (path) => {
      expect(await hstsOf(path, HTTPS)).toBe(HSTS);
      expect(await hstsOf(path, { "X-Forwarded-Proto": "http" })).toBeNull();
      expect(await hstsOf(path, {})).toBeNull();
    },
  );
});
