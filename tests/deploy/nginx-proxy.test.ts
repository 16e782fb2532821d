// The shipped nginx site (server/deploy/nginx/survey.conf) in front of the real server, over real
// TLS: HTTP/2, the redirect, HSTS, the __Host- cookie, the body limit, per-client limits only
// with TRUST_PROXY, and no log of who asked for what. Runs under CI; elsewhere skips without nginx.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../server/config.ts";
import { HSTS } from "../../server/http/security-headers.ts";
import { ANSWERS, MINI } from "../server/respondent/stuffing-kit.ts";
import { newSubmissionId } from "../support/api.ts";
import { type ChildServer, startChildServer } from "../support/child-server.ts";
import {
  canBindIpv6,
  missingTools,
  type Nginx,
  reservePorts,
  SERVER_NAME,
  startNginx,
} from "./nginx-process.ts";
import { getOverHttp2, negotiatedProtocol, type Reply, send } from "./proxy-client.ts";

const CI = process.env.CI === "true";
const MISSING = missingTools();
const SKIPPED = !CI && MISSING.length > 0;
const TITLE = SKIPPED
  ? `nginx in front of the server (skipped: missing ${MISSING.join(", ")}; CI installs them)`
  : "nginx in front of the server";
// A developer without nginx is told why; under CI a missing nginx fails (beforeAll).
if (SKIPPED) console.warn(TITLE);

const A = "127.0.0.2";
const B = "127.0.0.3";
/** A client inside the trusted range, as on an office LAN with TRUST_PROXY=10.0.0.0/8. */
const INSIDE = "127.0.0.4";
const BODY_LIMIT = readConfig({}).bodyLimitBytes;

/** One app and the nginx in front of it. */
interface Site {
  trustsProxy: boolean;
  app: ChildServer;
  nginx: Nginx;
  linkId: string;
  version: number;
  https: { port: number; ca: Buffer };
  origin: string;
}

let dataDir = "";
// Everything started, kept apart so that a half-made start is still stopped.
const apps: ChildServer[] = [];
const proxies: Nginx[] = [];
const sites: Site[] = [];
const site = (trustsProxy: boolean) => {
  const found = sites.find((s) => s.trustsProxy === trustsProxy);
  if (!found) throw new Error("the sites did not start");
  return found;
};

/** The app as `npm start` runs it behind the site file, told its https address. */
function startApp(name: string, origin: string, env: Record<string, string>) {
  return startChildServer("server/main.ts", {
    DATABASE_PATH: join(dataDir, `${name}.db`),
    SURVEYS_DIR: MINI,
    DIST_DIR: resolve("dist"),
    PUBLIC_URL: origin,
    // Small, so one client reaches it in two submissions (below 6, one window of a minute).
    SUBMIT_LIMIT_PER_ADDRESS: "2",
    ...env,
  });
}

/** nginx in front of `app`, and the demo link the app printed, read through nginx. */
async function proxy(app: ChildServer, ports: { http: number; https: number }, ipv6: boolean) {
  const upstream = Number(new URL(app.url).port);
  const nginx = await startNginx({ ...ports, upstreams: [upstream] }, ipv6);
  proxies.push(nginx);
  const [, linkId = ""] = await app.waitForOutput(/\/s\/([A-Za-z0-9_-]{21})/);
  const https = { port: ports.https, ca: nginx.ca };
  const survey = await send(https, { path: `/api/links/${linkId}/survey` });
  const version = Reflect.get(Object(survey.json), "version");
  if (typeof version !== "number") throw new Error(`no survey through nginx: ${survey.text}`);
  return { nginx, linkId, version, https };
}

const submit = (s: Site, from: string, headers: Record<string, string> = {}) =>
  send(s.https, {
    method: "POST",
    path: `/api/links/${s.linkId}/responses`,
    from,
    headers,
    body: JSON.stringify({ submissionId: newSubmissionId(), version: s.version, answers: ANSWERS }),
  });

const signIn = (s: Site, from: string, username: string, password: string) =>
  send(s.https, {
    method: "POST",
    path: "/api/admin/login",
    from,
    headers: { Origin: s.origin },
    body: JSON.stringify({ username, password }),
  });

/** The limiter's window is a wall-clock minute: start a scenario well inside one. */
async function awayFromMinuteEdge() {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 3_000) await new Promise((done) => setTimeout(done, left + 100));
}

const errorCode = (reply: Reply) =>
  Reflect.get(Object(Reflect.get(Object(reply.json), "error")), "code");

describe.skipIf(SKIPPED)(TITLE, () => {
  beforeAll(async () => {
    if (MISSING.length > 0) throw new Error(`CI must run this test; missing ${MISSING.join(", ")}`);
    dataDir = mkdtempSync(join(tmpdir(), "survey-proxied-"));
    const ipv6 = await canBindIpv6();
    // nginx's ports, held while the apps pick theirs, so neither app can be given one.
    const reserved = await reservePorts(4);
    const [p0 = 0, p1 = 0, p2 = 0, p3 = 0] = reserved.ports;
    // As the README says to run it behind nginx on the same machine (plus one trusted client
    // address, see INSIDE); and the same without TRUST_PROXY.
    const plans = [
      {
        trustsProxy: true,
        ports: { https: p0, http: p1 },
        env: { TRUST_PROXY: `127.0.0.1,${INSIDE}` },
      },
      { trustsProxy: false, ports: { https: p2, http: p3 }, env: { TRUST_PROXY: "" } },
    ].map((plan) => ({ ...plan, origin: `https://${SERVER_NAME}:${plan.ports.https}` }));
    const started = await Promise.allSettled(
      plans.map((plan) =>
        startApp(plan.trustsProxy ? "trusting" : "not-trusting", plan.origin, plan.env),
      ),
    );
    await reserved.release();
    for (const result of started) if (result.status === "fulfilled") apps.push(result.value);
    const failed = started.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
    for (const [i, plan] of plans.entries()) {
      const app = apps[i];
      if (!app) throw new Error("an app did not start");
      sites.push({ ...plan, app, ...(await proxy(app, plan.ports, ipv6)) });
    }
  });

  afterAll(async () => {
    const stopped = await Promise.allSettled([...proxies, ...apps].map((p) => p.stop()));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    const failed = stopped.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
  });

  it("offers HTTP/2 over TLS, and serves the respondent page over it with HSTS", async () => {
    const { https, linkId } = site(true);
    expect(await negotiatedProtocol(https.port, https.ca)).toBe("h2");
    const page = await getOverHttp2(https.port, https.ca, `/s/${linkId}`);
    expect(page.status).toBe(200);
    expect(page.headers["strict-transport-security"]).toBe(HSTS);
  });

  it("redirects plain http on the proxy to https, keeping the path", async () => {
    const { nginx, linkId } = site(true);
    const reply = await send({ port: nginx.ports.http }, { path: `/s/${linkId}?from=poster` });
    expect(reply.status).toBe(301);
    expect(reply.headers.location).toBe(`https://${SERVER_NAME}/s/${linkId}?from=poster`);
  });

  it("serves the respondent page and stores a submission through the proxy", async () => {
    const s = site(true);
    const page = await send(s.https, { path: `/s/${s.linkId}` });
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    expect(page.headers["content-security-policy"]).toContain("default-src 'self'");
    const stored = await submit(s, "127.0.0.1");
    expect(stored.status, stored.text).toBe(201);
  });

  it("sends HSTS on https answers through nginx, never over plain http to the app", async () => {
    const s = site(true);
    for (const path of ["/healthz", "/privacy", "/no-such-page", `/s/${s.linkId}`]) {
      const reply = await send(s.https, { path });
      expect(reply.headers["strict-transport-security"], path).toBe(HSTS);
    }
    const port = Number(new URL(s.app.url).port);
    expect(
      (await send({ port }, { path: "/healthz" })).headers["strict-transport-security"],
    ).toBeUndefined();
    // Straight to the app from another address, claiming https: not a trusted proxy, no HSTS.
    const claimed = await send(
      { port },
      { path: "/healthz", from: A, headers: { "X-Forwarded-Proto": "https" } },
    );
    expect(claimed.status).toBe(200);
    expect(claimed.headers["strict-transport-security"]).toBeUndefined();
  });

  it("signs the first admin in with a __Host- cookie (Secure, HttpOnly, Path=/, no Domain) that then works", async () => {
    const s = site(true);
    const [, token] = await s.app.waitForOutput(/\/admin\/#setup=([A-Za-z0-9_-]{43})/);
    const setup = await send(s.https, {
      method: "POST",
      path: "/api/admin/setup",
      headers: { Origin: s.origin },
      body: JSON.stringify({
        token,
        username: "chief",
        displayName: "主任",
        password: "a long passphrase",
      }),
    });
    expect(setup.status, setup.text).toBe(201);
    const signedIn = await signIn(s, "127.0.0.1", "chief", "a long passphrase");
    expect(signedIn.status, signedIn.text).toBe(200);
    for (const reply of [setup, signedIn]) {
      const [cookie = "", ...more] = reply.headers["set-cookie"] ?? [];
      expect(more).toEqual([]);
      const [pair = "", ...attributes] = cookie.split(";").map((part) => part.trim());
      expect(pair).toMatch(/^__Host-survey_admin=[^;]+$/);
      expect(attributes).toEqual(expect.arrayContaining(["Secure", "HttpOnly", "Path=/"]));
      expect(attributes.filter((a) => /^domain=/i.test(a))).toEqual([]);
    }
    const pair = signedIn.headers["set-cookie"]?.[0]?.split(";")[0] ?? "";
    const me = await send(s.https, { path: "/api/admin/me", headers: { Cookie: pair } });
    expect(me.status, me.text).toBe(200);
    // A streamed download (the results location: no buffering, long read timeout) arrives whole.
    const workbook = await send(s.https, {
      path: "/api/admin/results/export.xlsx?survey=mini",
      headers: { Cookie: pair },
    });
    expect(workbook.status, workbook.text.slice(0, 200)).toBe(200);
    expect(workbook.headers["content-disposition"]).toMatch(/^attachment;/);
    // A zip's last record: the end of its central directory.
    expect(workbook.text.startsWith("PK")).toBe(true);
    expect(workbook.text).toContain("PK\u0005\u0006");
  });

  it("refuses a body over BODY_LIMIT_BYTES in nginx (413), and passes one at the limit to the app", async () => {
    const s = site(true);
    const bodyOf = (bytes: number) => {
      const head = '{"pad":"';
      return `${head}${"x".repeat(bytes - head.length - 2)}"}`;
    };
    const path = `/api/links/${s.linkId}/responses`;
    const over = await send(s.https, {
      method: "POST",
      path,
      from: "127.0.0.9",
      body: bodyOf(BODY_LIMIT + 1),
    });
    expect(over.status).toBe(413);
    // nginx's own page, not the app's JSON envelope: the app never saw it.
    expect(over.headers["content-type"]).toMatch(/^text\/html/);
    const at = await send(s.https, {
      method: "POST",
      path,
      from: "127.0.0.9",
      body: bodyOf(BODY_LIMIT),
    });
    expect(at.headers["content-type"]).toMatch(/^application\/json/);
    expect(at.status).not.toBe(413);
    expect(errorCode(at)).toBe("invalid");
  });

  it("with TRUST_PROXY, one client's submit limit is its own; a forged X-Forwarded-For gains nothing", async () => {
    const s = site(true);
    await awayFromMinuteEdge();
    expect([(await submit(s, A)).status, (await submit(s, A)).status]).toEqual([201, 201]);
    const refused = await submit(s, A);
    expect(refused.status).toBe(429);
    expect(errorCode(refused)).toBe("too_many_requests");
    const forged = { "X-Forwarded-For": "203.0.113.9" };
    expect((await submit(s, A, forged)).status).toBe(429);
    expect((await submit(s, B)).status).toBe(201);
    // Only because nginx overwrites X-Forwarded-For: appended, a client inside the trusted range
    // would be believed when it names someone else.
    expect([(await submit(s, INSIDE)).status, (await submit(s, INSIDE)).status]).toEqual([
      201, 201,
    ]);
    expect((await submit(s, INSIDE, forged)).status).toBe(429);
  });

  it("without TRUST_PROXY, every client is nginx: one client's limit stops the others", async () => {
    const s = site(false);
    await awayFromMinuteEdge();
    expect([(await submit(s, A)).status, (await submit(s, A)).status]).toEqual([201, 201]);
    expect((await submit(s, A)).status).toBe(429);
    expect((await submit(s, B)).status).toBe(429);
  });

  it("sign-in waits hold one client only with TRUST_PROXY, and every client without", async () => {
    // 25 at once from one address: each is counted before its hash, most are refused as busy, and
    // past 20 an address waits 2^(attempts − 20) s, here 32 s. Few hashes, so it stays quick.
    const burst = (s: Site) =>
      Promise.all(Array.from({ length: 25 }, (_, i) => signIn(s, A, `guess${i}`, "wrong")));
    const bursts = await Promise.all([burst(site(true)), burst(site(false))]);
    for (const replies of bursts)
      expect([...new Set(replies.map((r) => r.status))].sort()).toEqual([401, 429]);
    expect((await signIn(site(true), A, "chief", "a long passphrase")).status).toBe(429);
    expect((await signIn(site(true), B, "someone", "wrong")).status).toBe(401);
    expect((await signIn(site(false), B, "someone", "wrong")).status).toBe(429);
  });

  it("kept no access log, and no client address or link id in nginx's error logs", () => {
    for (const s of sites) {
      // Debian's http block logs every request; the site turns that off.
      expect(s.nginx.log("access.log")).toBe("");
      const logs = s.nginx.logs();
      for (const secret of [s.linkId, A, B, INSIDE, "127.0.0.9", "/s/", "/api/"])
        expect(logs).not.toContain(secret);
    }
  });
});
