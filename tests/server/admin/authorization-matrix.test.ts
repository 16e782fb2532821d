// Every console route × {no session, expired session, analyst, distributor, admin}, against one
// expected table. A route added without a row here (or a row without a route) fails the test.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashSecret } from "../../../server/admin/secret-tokens.ts";
import { createApp } from "../../../server/app.ts";
import type { Role } from "../../../server/domain/roles.ts";
import { addAccount, callAdmin, PASSWORD, sessionCookie } from "../../support/admin-session.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

const ADMIN: Role[] = ["admin"];
const DISTRIBUTION: Role[] = ["admin", "distributor"];
const ANYONE: Role[] = ["admin", "analyst", "distributor"];
const ANALYSIS: Role[] = ["admin", "analyst"];

interface Ids {
  link: string;
  batch: string;
  account: string;
  token: string;
  draft: string;
}

interface Row {
  roles: Role[] | "public";
  /** Path with real ids filled in, and a body an allowed caller could send. */
  request(ids: Ids, n: number): { path: string; body?: unknown };
}

const SURVEY = "political-ecology";
const seedFile = () => JSON.parse(readFileSync("surveys/political-ecology.json", "utf8"));

/** The expected allow table: what the office asked for, written independently of the code. */
const EXPECTED: Record<string, Row> = {
  "POST /admin/setup": {
    roles: "public",
    request: () => ({
      path: "/admin/setup",
      body: { token: "x", username: "nobody", displayName: "x", password: "0123456789" },
    }),
  },
  "POST /admin/login": {
    roles: "public",
    request: () => ({ path: "/admin/login", body: { username: "boss", password: PASSWORD } }),
  },
  "POST /admin/logout": { roles: ANYONE, request: () => ({ path: "/admin/logout", body: {} }) },
  "GET /admin/me": { roles: ANYONE, request: () => ({ path: "/admin/me" }) },
  "GET /admin/accounts": { roles: ADMIN, request: () => ({ path: "/admin/accounts" }) },
  "POST /admin/accounts": {
    roles: ADMIN,
    request: (_ids, n) => ({
      path: "/admin/accounts",
      body: { username: `new${n}`, displayName: "新账号", role: "analyst", password: "0123456789" },
    }),
  },
  "PATCH /admin/accounts/{id}": {
    roles: ADMIN,
    request: (ids) => ({ path: `/admin/accounts/${ids.account}`, body: { displayName: "改名" } }),
  },
  "GET /admin/tokens": { roles: ANYONE, request: () => ({ path: "/admin/tokens" }) },
  "POST /admin/tokens": {
    roles: ANYONE,
    request: () => ({ path: "/admin/tokens", body: { label: "脚本", password: PASSWORD } }),
  },
  "POST /admin/tokens/{id}/revoke": {
    roles: ANYONE,
    request: (ids) => ({ path: `/admin/tokens/${ids.token}/revoke`, body: {} }),
  },
  "GET /admin/audit": { roles: ADMIN, request: () => ({ path: "/admin/audit" }) },
  "GET /admin/surveys": { roles: ANYONE, request: () => ({ path: "/admin/surveys" }) },
  "POST /admin/surveys": {
    roles: ADMIN,
    request: () => ({ path: "/admin/surveys", body: seedFile() }),
  },
  "POST /admin/surveys/parse-text": {
    roles: ADMIN,
    request: () => ({
      path: "/admin/surveys/parse-text",
      body: { text: "问卷\n1. 您的身份是？\nA.甲 B.乙" },
    }),
  },
  "POST /admin/surveys/parse-xlsx": {
    roles: ADMIN,
    request: () => ({ path: "/admin/surveys/parse-xlsx", body: { fileBase64: "UEsFBg==" } }),
  },
  "POST /admin/surveys/to-xlsx": {
    roles: ADMIN,
    request: () => ({ path: "/admin/surveys/to-xlsx", body: { survey: seedFile() } }),
  },
  "GET /admin/surveys/{id}/versions/{version}/xlsx": {
    roles: ADMIN,
    request: () => ({ path: `/admin/surveys/${SURVEY}/versions/1/xlsx` }),
  },
  "GET /admin/drafts": { roles: ADMIN, request: () => ({ path: "/admin/drafts" }) },
  "POST /admin/drafts": {
    roles: ADMIN,
    request: () => ({ path: "/admin/drafts", body: { source: "blank" } }),
  },
  "GET /admin/drafts/{id}": {
    roles: ADMIN,
    request: (ids) => ({ path: `/admin/drafts/${ids.draft}` }),
  },
  "PUT /admin/drafts/{id}": {
    roles: ADMIN,
    request: (ids) => ({
      path: `/admin/drafts/${ids.draft}`,
      body: { survey: seedFile(), revision: 1 },
    }),
  },
  "DELETE /admin/drafts/{id}": {
    roles: ADMIN,
    request: (ids) => ({ path: `/admin/drafts/${ids.draft}`, body: {} }),
  },
  "GET /admin/drafts/{id}/diff": {
    roles: ADMIN,
    request: (ids) => ({ path: `/admin/drafts/${ids.draft}/diff` }),
  },
  "POST /admin/drafts/{id}/publish": {
    roles: ADMIN,
    request: (ids) => ({ path: `/admin/drafts/${ids.draft}/publish`, body: { revision: 1 } }),
  },
  "GET /admin/drafts/{id}/preview-survey": {
    roles: ADMIN,
    request: (ids) => ({ path: `/admin/drafts/${ids.draft}/preview-survey` }),
  },
  "POST /admin/surveys/{id}/state": {
    roles: ADMIN,
    request: () => ({ path: `/admin/surveys/${SURVEY}/state`, body: { state: "open" } }),
  },
  "PUT /admin/surveys/{id}/targets": {
    roles: DISTRIBUTION,
    request: () => ({
      path: `/admin/surveys/${SURVEY}/targets`,
      body: { total: 1652, categories: { J: 400 } },
    }),
  },
  "GET /admin/links": {
    roles: DISTRIBUTION,
    request: () => ({ path: `/admin/links?survey=${SURVEY}` }),
  },
  "POST /admin/links": {
    roles: DISTRIBUTION,
    request: () => ({ path: "/admin/links", body: { surveyId: SURVEY, label: "乡镇党委" } }),
  },
  "PATCH /admin/links/{id}": {
    roles: DISTRIBUTION,
    request: (ids) => ({ path: `/admin/links/${ids.link}`, body: { cap: 500 } }),
  },
  "GET /admin/links/{id}/qr.svg": {
    roles: DISTRIBUTION,
    request: (ids) => ({ path: `/admin/links/${ids.link}/qr.svg` }),
  },
  "GET /admin/links/{id}/qr.png": {
    roles: DISTRIBUTION,
    request: (ids) => ({ path: `/admin/links/${ids.link}/qr.png` }),
  },
  "GET /admin/batches": { roles: DISTRIBUTION, request: () => ({ path: "/admin/batches" }) },
  "POST /admin/batches": {
    roles: DISTRIBUTION,
    request: () => ({
      path: "/admin/batches",
      body: { surveyId: SURVEY, label: "纸质问卷", count: 2 },
    }),
  },
  "GET /admin/batches/{id}/slips": {
    roles: DISTRIBUTION,
    request: (ids) => ({ path: `/admin/batches/${ids.batch}/slips` }),
  },
  "POST /admin/batches/{id}/revoke": {
    roles: DISTRIBUTION,
    request: (ids) => ({
      path: `/admin/batches/${ids.batch}/revoke`,
      body: { codes: ["unknown"] },
    }),
  },
  "GET /admin/returns": {
    roles: DISTRIBUTION,
    request: () => ({ path: `/admin/returns?survey=${SURVEY}` }),
  },
  "GET /admin/results/options": {
    roles: ANALYSIS,
    request: () => ({ path: `/admin/results/options?survey=${SURVEY}` }),
  },
  "GET /admin/results": {
    roles: ANALYSIS,
    request: () => ({ path: `/admin/results?survey=${SURVEY}` }),
  },
  "GET /admin/results/export.xlsx": {
    roles: ANALYSIS,
    request: () => ({ path: `/admin/results/export.xlsx?survey=${SURVEY}` }),
  },
  "GET /admin/results/export.csv": {
    roles: ANALYSIS,
    request: () => ({ path: `/admin/results/export.csv?survey=${SURVEY}` }),
  },
  "GET /admin/results/report.docx": {
    roles: ANALYSIS,
    request: () => ({ path: `/admin/results/report.docx?survey=${SURVEY}` }),
  },
  "GET /admin/results/report.html": {
    roles: ANALYSIS,
    request: () => ({ path: `/admin/results/report.html?survey=${SURVEY}` }),
  },
};

type Subject = "no session" | "expired session" | Role;
const SUBJECTS: Subject[] = ["no session", "expired session", "analyst", "distributor", "admin"];

let server: TestServer;
let ids: Ids;
const accounts = new Map<Role, string>();
let documented: { key: string; roles: string[] }[] = [];

beforeAll(async () => {
  server = await startTestServer();
  accounts.set("admin", await addAccount(server, "boss", "admin"));
  accounts.set("analyst", await addAccount(server, "analyst", "analyst"));
  accounts.set("distributor", await addAccount(server, "distributor", "distributor"));
  const admin = { cookie: await sessionCookie(server, accounts.get("admin") ?? "") };
  const link = await callAdmin(server, admin, "POST", "/admin/links", {
    surveyId: SURVEY,
    label: "样例",
  });
  const batch = await callAdmin(server, admin, "POST", "/admin/batches", {
    surveyId: SURVEY,
    label: "样例",
    count: 3,
  });
  const token = await callAdmin(server, admin, "POST", "/admin/tokens", {
    label: "样例",
    password: PASSWORD,
  });
  const draft = await callAdmin(server, admin, "POST", "/admin/drafts", {
    source: "version",
    surveyId: SURVEY,
    version: 1,
  });
  const pick = (body: unknown, key: string) =>
    JSON.stringify(body).match(new RegExp(`"${key}":\\{"id":"([^"]+)"`))?.[1] ?? "";
  ids = {
    link: pick(link.body, "link"),
    batch: pick(batch.body, "batch"),
    account: accounts.get("analyst") ?? "",
    token: pick(token.body, "token"),
    draft: pick(draft.body, "draft"),
  };
  expect(Object.values(ids).every((id) => id.length > 0)).toBe(true);

  const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { "x-roles"?: string[] }>>;
  };
  documented = Object.entries(doc.paths)
    .filter(([path]) => path.startsWith("/admin/"))
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        key: `${method.toUpperCase()} ${path}`,
        roles: op["x-roles"] ?? [],
      })),
    );
});
afterAll(() => server.close());

it("has one row per console route in /api/openapi.json, and one route per row", () => {
  expect(documented.map((d) => d.key).sort()).toEqual(Object.keys(EXPECTED).sort());
});

it("publishes for each route exactly the roles of the expected table", () => {
  for (const { key, roles } of documented) {
    const row = EXPECTED[key];
    expect([key, [...roles].sort()]).toEqual([
      key,
      row?.roles === "public" ? [] : [...(row?.roles ?? [])].sort(),
    ]);
  }
});

it("registers no console route that bypasses the documented list", () => {
  const registered = createApp(server.system.deps)
    .routes.filter((r) => r.path.startsWith("/api/admin/") && r.method !== "ALL")
    .map((r) => `${r.method} ${r.path.slice(4).replace(/:(\w+)/g, "{$1}")}`);
  expect([...new Set(registered)].sort()).toEqual(Object.keys(EXPECTED).sort());
});

async function callerFor(subject: Subject) {
  const { storage, now } = server.system.deps;
  if (subject === "no session") return {};
  if (subject === "expired session") {
    // A real session of an admin, last seen 31 minutes ago: past the 30-minute idle limit.
    const token = `expired-${Math.random()}`;
    const old = new Date(now().getTime() - 31 * 60_000).toISOString();
    await storage.createSession(hashSecret(token), {
      adminId: accounts.get("admin") ?? "",
      createdAt: old,
      lastSeenAt: old,
    });
    return { cookie: `survey_admin=${token}` };
  }
  return { cookie: await sessionCookie(server, accounts.get(subject) ?? "") };
}

describe.each(SUBJECTS)("as %s", (subject) => {
  it.each(Object.keys(EXPECTED))("%s", async (key) => {
    const row = EXPECTED[key];
    if (!row) throw new Error(key);
    const [method = "GET"] = key.split(" ");
    const { path, body } = row.request(ids, Math.floor(Math.random() * 1e9));
    const answer = await callAdmin(server, await callerFor(subject), method, path, body);
    expect(answer.status, answer.text.slice(0, 200)).toBeLessThan(500);
    if (row.roles === "public") {
      expect(answer.status).not.toBe(403);
      return;
    }
    if (subject === "no session" || subject === "expired session") {
      expect(answer.status).toBe(401);
    } else if (row.roles.includes(subject)) {
      expect([401, 403], answer.text.slice(0, 200)).not.toContain(answer.status);
    } else {
      expect(answer.status).toBe(403);
      expect(answer.text).toContain("此操作仅限");
    }
  });
});
