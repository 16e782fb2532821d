// API tokens: minted only with the password again, expiring, and revoked by whatever changes the
// terms they were minted under (a password reset, a role change, disabling the account).
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../../server/storage/open-database.ts";
import { addAccount, callAdmin, PASSWORD, sessionCookie } from "../../support/admin-session.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

const DAY = 86_400_000;
let offsetMs = 0;
let server: TestServer;
let chief = "";
let worker = "";
beforeAll(async () => {
  server = await startTestServer({ now: () => new Date(Date.now() + offsetMs) });
  chief = await addAccount(server, "chief", "admin");
  worker = await addAccount(server, "worker", "distributor");
});
afterAll(() => server.close());

interface Minted {
  secret: string;
  token: { id: string; expiresAt: string; revoked: boolean };
}

/** A fresh session each time: the clock jumps below would outlive any session. */
const as = async (adminId: string) => ({ cookie: await sessionCookie(server, adminId) });

async function mint(adminId: string, body: Record<string, unknown>) {
  return callAdmin(server, await as(adminId), "POST", "/admin/tokens", { label: "脚本", ...body });
}

async function minted(adminId: string, password: string, days?: number): Promise<Minted> {
  const answer = await mint(adminId, days === undefined ? { password } : { password, days });
  expect(answer.status, answer.text).toBe(201);
  return answer.body as Minted;
}

const me = async (secret: string) =>
  (await callAdmin(server, { bearer: secret, origin: null }, "GET", "/admin/me")).status;

const fieldsOf = (body: unknown) =>
  (body as { error: { fields?: { field: string }[] } }).error.fields?.map((f) => f.field) ?? [];

describe("minting a token", () => {
  it("asks for the password again, and names the field when it is missing or wrong", async () => {
    const missing = await mint(chief, {});
    expect(missing.status).toBe(422);
    expect(fieldsOf(missing.body)).toContain("password");
    const wrong = await mint(chief, { password: "not my password" });
    expect(wrong.status).toBe(422);
    expect(fieldsOf(wrong.body)).toEqual(["password"]);
    expect(wrong.text).toContain("密码不正确");
    // The session is fine: a wrong password does not sign anyone out.
    expect((await callAdmin(server, await as(chief), "GET", "/admin/me")).status).toBe(200);
    expect((await mint(chief, { password: PASSWORD })).status).toBe(201);
  });

  it("shares the sign-in waits, so a stolen session cannot guess the password", async () => {
    offsetMs += 61 * 60_000;
    for (let i = 0; i < 5; i++)
      expect((await mint(chief, { password: `guess ${i}` })).status).toBe(422);
    const refused = await mint(chief, { password: PASSWORD });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    offsetMs += 61 * 60_000;
  }, 120_000);
});

describe("expiry", () => {
  it("is 90 days by default, or the days chosen, and is enforced", async () => {
    const start = Date.now() + offsetMs;
    const usual = await minted(chief, PASSWORD);
    const week = await minted(chief, PASSWORD, 7);
    const near = (iso: string, days: number) =>
      expect(Math.abs(Date.parse(iso) - (start + days * DAY))).toBeLessThan(60_000);
    near(usual.token.expiresAt, 90);
    near(week.token.expiresAt, 7);
    const listed = await callAdmin(server, await as(chief), "GET", "/admin/tokens");
    expect(JSON.stringify(listed.body)).toContain(week.token.expiresAt);
    expect(await me(week.secret)).toBe(200);
    offsetMs += 7 * DAY + 60_000;
    expect(await me(week.secret)).toBe(401);
    expect(await me(usual.secret)).toBe(200);
    offsetMs += 83 * DAY;
    expect(await me(usual.secret)).toBe(401);
  });

  it("cannot be longer than a year", async () => {
    expect((await mint(chief, { password: PASSWORD, days: 366 })).status).toBe(422);
  });

  it("is given to tokens made before the migration: 90 days from their creation", () => {
    const db = new Database(":memory:");
    try {
      migrate(db, 6);
      db.prepare(
        `INSERT INTO admins (id, username, display_name, role, password_hash, created_at)
         VALUES ('a1', 'old', 'old', 'admin', 'x', '2026-01-01T00:00:00.000Z')`,
      ).run();
      db.prepare(
        `INSERT INTO api_tokens (id, admin_id, token_hash, label, created_at)
         VALUES ('t1', 'a1', 'h', 'old', '2026-01-01T08:30:00.000Z')`,
      ).run();
      migrate(db);
      const row = db.prepare("SELECT expires_at AS e FROM api_tokens").get();
      expect(row).toEqual({ e: "2026-04-01T08:30:00.000Z" });
    } finally {
      db.close();
    }
  });
});

describe("revocation", () => {
  let password = PASSWORD;
  const change = async (patch: Record<string, unknown>) =>
    callAdmin(server, await as(chief), "PATCH", `/admin/accounts/${worker}`, patch);

  it("follows a password reset", async () => {
    const { secret, token } = await minted(worker, password);
    expect(await me(secret)).toBe(200);
    password = "a brand new passphrase";
    expect((await change({ password })).status).toBe(200);
    expect(await me(secret)).toBe(401);
    const list = await callAdmin(server, await as(chief), "GET", "/admin/tokens");
    const listed = (list.body as { tokens: { id: string; revoked: boolean }[] }).tokens;
    expect(listed.find((t) => t.id === token.id)?.revoked).toBe(true);
  });

  it("follows a role change, but not a new display name", async () => {
    const { secret } = await minted(worker, password);
    expect((await change({ displayName: "新名字" })).status).toBe(200);
    expect(await me(secret)).toBe(200);
    expect((await change({ role: "analyst" })).status).toBe(200);
    expect(await me(secret)).toBe(401);
  });

  it("follows disabling, and stays when the account is enabled again", async () => {
    const { secret } = await minted(worker, password);
    expect((await change({ disabled: true })).status).toBe(200);
    expect(await me(secret)).toBe(401);
    expect((await change({ disabled: false })).status).toBe(200);
    expect(await me(secret)).toBe(401);
  });
});
