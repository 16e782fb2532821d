// Attack 6: side channels that time a respondent. Anyone could ask GET /c/{code} ~680 times a
// second whether a code is used (200 vs 410); /healthz gave anyone the live total; the returns
// monitor moved by one per submission; the audit log kept n= of every results view to the
// millisecond. Each now answers the same, is limited, moves in cohorts, or keeps the minute.
import { request } from "node:http";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRateLimiter } from "../../../server/http/rate-limit.ts";
import { addAccount, type Caller, callAdmin, sessionCookie } from "../../support/admin-session.ts";
import { newSubmissionId, postJson } from "../../support/api.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

const K = 5;
const ANSWERS = { Q1: "A", Q2: "B", Q3: ["A", "B"], Q4: "B" };
let server: TestServer;
let admin: Caller;
let version: number;

beforeAll(async () => {
  server = await startTestServer({ surveysDir: resolve("tests/fixtures/surveys") });
  admin = { cookie: await sessionCookie(server, await addAccount(server, "chief", "admin")) };
  const link = await server.createLink({ surveyId: "mini", label: "机关" });
  const boot = await fetch(`${server.url}/api/links/${link.id}/survey`);
  version = ((await boot.json()) as { version: number }).version;
});
afterAll(() => server.close());

const submitTo = (path: string, answers: Record<string, unknown> = ANSWERS) =>
  postJson(`${server.url}/api${path}/responses`, {
    submissionId: newSubmissionId(),
    version,
    answers,
  });

/** GET from a chosen loopback address (127.0.0.0/8 is all this machine), as another client. */
function getFrom(address: string, path: string): Promise<number> {
  const { port } = new URL(server.url);
  return new Promise((done, fail) => {
    const req = request({ host: "127.0.0.1", port, path, localAddress: address }, (res) => {
      res.resume();
      res.on("end", () => done(res.statusCode ?? 0));
    });
    req.on("error", fail);
    req.end();
  });
}

describe("single-use codes", () => {
  it("a used, a revoked and an unknown code get the same answer on every route", async () => {
    const made = await callAdmin(server, admin, "POST", "/admin/batches", {
      surveyId: "mini",
      label: "纸质",
      category: "A",
      count: 3,
    });
    expect(made.status).toBe(201);
    const batch = (made.body as { batch: { id: string } }).batch.id;
    const [used, revoked] = (
      await server.query<{ code: string }>(
        "SELECT code FROM codes WHERE batch_id = ? ORDER BY code",
        batch,
      )
    ).map((r) => r.code);
    const { Q1: _locked, ...answers } = ANSWERS;
    expect((await submitTo(`/codes/${used}`, answers)).status).toBe(201);
    await callAdmin(server, admin, "POST", `/admin/batches/${batch}/revoke`, { codes: [revoked] });
    const unknown = "Zz9-unknown-code-00000";
    for (const path of ["/c/", "/api/codes/"]) {
      const suffix = path === "/c/" ? "" : "/survey";
      const answers = await Promise.all(
        [used, revoked, unknown].map(async (code) => {
          const response = await fetch(`${server.url}${path}${code}${suffix}`);
          return `${response.status} ${await response.text()}`;
        }),
      );
      expect(new Set(answers).size, path).toBe(1);
    }
    const submits = await Promise.all(
      [used, revoked, unknown].map(async (code) => {
        const posted = await submitTo(`/codes/${code}`, answers);
        return `${posted.status} ${JSON.stringify(posted.body)}`;
      }),
    );
    expect(new Set(submits).size).toBe(1);
  });

  it("lookups are limited per address, and another address goes on", async () => {
    const path = "/api/codes/Zz9-unknown-code-00001/survey";
    // Windows are fixed minutes, the same on every instance: 700 lookups (a second or two) must
    // not straddle one's end, or the count would start again halfway.
    const toNextMinute = 60_000 - (Date.now() % 60_000);
    if (toNextMinute < 10_000) await new Promise((wait) => setTimeout(wait, toNextMinute + 100));
    let refusedAt = 0;
    for (let i = 1; i <= 700 && refusedAt === 0; i++)
      if ((await getFrom("127.0.0.1", path)) === 429) refusedAt = i;
    expect(refusedAt).toBeGreaterThan(100); // a meeting room behind one NAT still gets in
    expect(refusedAt).toBeLessThanOrEqual(601);
    expect(await getFrom("127.0.0.2", path)).toBe(404);
    expect(await getFrom("127.0.0.2", "/c/Zz9-unknown-code-00001")).toBe(404);
    // Nothing about the client is logged: route patterns and statuses only.
    expect(server.logs.join("\n")).not.toMatch(/127\.0\.0\.[12]/);
  });

  it("and limited in all, whatever the address", async () => {
    const usual = server.system.deps.codeLimiter;
    server.system.deps.codeLimiter = createRateLimiter({
      perAddress: 1_000,
      global: 3,
      windowMs: 60_000,
    });
    try {
      const statuses = [];
      for (const address of ["127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6"])
        statuses.push(await getFrom(address, "/c/Zz9-unknown-code-00002"));
      expect(statuses).toEqual([404, 404, 404, 429]);
    } finally {
      server.system.deps.codeLimiter = usual;
    }
  });
});

it("/healthz tells health, not counts, and says the same before and after a submission", async () => {
  const link = await server.createLink({ surveyId: "mini", label: "健康" });
  const before = await (await fetch(`${server.url}/healthz`)).text();
  expect((await submitTo(`/links/${link.id}`)).status).toBe(201);
  const after = await (await fetch(`${server.url}/healthz`)).text();
  expect(after).toBe(before);
  expect(before).not.toMatch(/\d/);
});

it("the returns monitor never moves by fewer than k: each step mixes at least k submissions", async () => {
  const link = await server.createLink({ surveyId: "mini", label: "回收" });
  const counts = async () => {
    const answer = await callAdmin(server, admin, "GET", "/admin/returns?survey=mini");
    return [...answer.text.matchAll(/"completed":(\d+)/g)].map((m) => Number(m[1]));
  };
  let last = await counts();
  const steps: number[] = [];
  for (let i = 0; i < 12; i++) {
    expect((await submitTo(`/links/${link.id}`)).status).toBe(201);
    const now = await counts();
    now.forEach((n, j) => {
      const step = n - (last[j] ?? 0);
      if (step !== 0) steps.push(step);
    });
    last = now;
  }
  expect(steps.length).toBeGreaterThan(0); // it does move: in cohorts
  expect(steps.filter((step) => Math.abs(step) < K)).toEqual([]);
});

it("the audit log keeps who looked at what, to the minute, without response counts", async () => {
  const view = await callAdmin(server, admin, "GET", "/admin/results?survey=mini");
  expect(view.status).toBe(200);
  const audit = await callAdmin(server, admin, "GET", "/admin/audit");
  const entries = (audit.body as { entries: { at: string; action: string; detail: string }[] })
    .entries;
  const viewed = entries.find((e) => e.action === "results.view");
  expect(viewed).toBeDefined();
  for (const entry of entries) expect(entry.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
  expect(viewed?.detail).not.toMatch(/n=|\d+ 份/);
});
