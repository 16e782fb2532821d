// TRUST_PROXY: behind a named reverse proxy each client is its own forwarded address, so failures
// from many clients do not add up on the proxy's one address; anyone else's X-Forwarded-For is ignored.
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configProblem, readConfig } from "../../../server/config.ts";
import {
  clientAddress,
  parseTrustedProxies,
  type TrustedProxies,
} from "../../../server/http/client-address.ts";
import { createRateLimiter } from "../../../server/http/rate-limit.ts";
import { addAccount, PASSWORD } from "../../support/admin-session.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

/** Signs in as a client whose proxy says it is `forwardedFor`. */
async function signInVia(
  server: TestServer,
  forwardedFor: string,
  username: string,
  password: string,
) {
  const response = await fetch(`${server.url}/api/admin/login`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Origin: server.url,
      "X-Forwarded-For": forwardedFor,
    },
    body: JSON.stringify({ username, password }),
  });
  await response.text();
  return response.status;
}

function trusting(...entries: string[]): TrustedProxies {
  const parsed = parseTrustedProxies(entries);
  if (!parsed.ok) throw new Error(parsed.entry);
  return parsed.proxies;
}

describe("clientAddress", () => {
  let trusted: TrustedProxies = trusting();
  let url = "";
  let close = () => {};
  beforeAll(async () => {
    const app = new Hono().get("/", (c) => c.text(clientAddress(c, trusted)));
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((done) => server.once("listening", done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    close = () => server.close();
  });
  afterAll(() => close());

  const seen = async (forwardedFor?: string) => {
    const headers: Record<string, string> = forwardedFor ? { "X-Forwarded-For": forwardedFor } : {};
    return (await fetch(url, { headers })).text();
  };

  it("is the socket peer when the peer is not a trusted proxy", async () => {
    trusted = trusting();
    expect(await seen("198.51.100.7")).toBe("127.0.0.1");
    trusted = trusting("10.0.0.0/8");
    expect(await seen("198.51.100.7")).toBe("127.0.0.1");
  });

  it("is the rightmost address no trusted proxy has, behind trusted ones", async () => {
    trusted = trusting("127.0.0.1", "10.0.0.0/8");
    expect(await seen("198.51.100.7")).toBe("198.51.100.7");
    // The client wrote the leftmost entry itself; our proxies vouch only for what they added.
    expect(await seen("203.0.113.5, 198.51.100.7, 10.1.2.3")).toBe("198.51.100.7");
    expect(await seen("::ffff:198.51.100.8")).toBe("198.51.100.8");
    expect(await seen("2001:db8::1")).toBe("2001:db8::1");
  });

  it("stops at a malformed hop, and is the proxy without the header", async () => {
    trusted = trusting("127.0.0.0/8", "10.0.0.0/8");
    expect(await seen("not-an-address, 10.1.2.3")).toBe("10.1.2.3");
    expect(await seen()).toBe("127.0.0.1");
  });
});

describe("TRUST_PROXY in the settings", () => {
  it("takes addresses and CIDRs, and names the entry it refuses", () => {
    const config = (value: string) => configProblem(readConfig({ TRUST_PROXY: value }));
    expect(config("")).toBeNull();
    expect(config("10.0.0.2, 10.1.0.0/16,::1, fd00::/8")).toBeNull();
    expect(config("10.0.0.0/33")).toContain('TRUST_PROXY "10.0.0.0/33"');
    expect(config("proxy.internal")).toContain('TRUST_PROXY "proxy.internal"');
  });
});

describe("behind a trusted proxy", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { TRUST_PROXY: "127.0.0.1" } });
    await addAccount(server, "second", "admin");
  });
  afterAll(() => server.close());

  it("50 failures from 50 clients do not shut out another admin", {
    timeout: 120_000,
  }, async () => {
    // All at once, as 50 people behind one proxy might: each is its own address and name.
    const failures = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        signInVia(server, `198.51.100.${i + 1}`, `spray${i}`, "guess"),
      ),
    );
    expect(failures).toEqual(Array.from({ length: 50 }, () => 401));
    expect(await signInVia(server, "203.0.113.9", "second", PASSWORD)).toBe(200);
  });

  it("makes the one client that keeps failing wait, and only that one", {
    timeout: 120_000,
  }, async () => {
    for (let i = 0; i < 20; i++) await signInVia(server, "192.0.2.66", `guess${i}`, "guess");
    expect(await signInVia(server, "192.0.2.66", "second", PASSWORD)).toBe(429);
    expect(await signInVia(server, "203.0.113.10", "second", PASSWORD)).toBe(200);
  });

  it("limits code lookups per client too (http/rate-limit.ts)", async () => {
    server.system.deps.codeLimiter = createRateLimiter({
      perAddress: 1,
      global: 100,
      windowMs: 60_000,
    });
    const lookUp = async (forwardedFor: string) => {
      const response = await fetch(`${server.url}/api/codes/AAAAAAAAAAAAAAAAAAAAAA/survey`, {
        headers: { "X-Forwarded-For": forwardedFor },
      });
      await response.text();
      return response.status;
    };
    expect(await lookUp("198.51.100.1")).not.toBe(429);
    expect(await lookUp("198.51.100.1")).toBe(429);
    expect(await lookUp("198.51.100.2")).not.toBe(429);
  });
});

describe("without TRUST_PROXY", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await addAccount(server, "second", "admin");
  });
  afterAll(() => server.close());

  it("ignores X-Forwarded-For: a client cannot pose as many to dodge the waits", {
    timeout: 120_000,
  }, async () => {
    for (let i = 0; i < 20; i++)
      expect(await signInVia(server, `198.51.100.${i + 1}`, `spray${i}`, "guess")).toBe(401);
    expect(await signInVia(server, "203.0.113.9", "second", PASSWORD)).toBe(429);
  });
});
