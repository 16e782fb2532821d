// Signing in safely: the setup link works once, growing waits, sessions that expire, cookies, CSRF.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccount, callAdmin, PASSWORD, signIn } from "../../support/admin-session.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

let offsetMs = 0;
const clock = () => new Date(Date.now() + offsetMs);
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: clock });
});
afterAll(() => server.close());

const setup = (token: string, username = "chief") =>
  callAdmin(server, { origin: server.url }, "POST", "/admin/setup", {
    token,
    username,
    displayName: "办公室主任",
    password: "a long passphrase",
  });
const tokenOf = (setupUrl: string) => setupUrl.split("#setup=")[1] ?? "";
/** Retry-After is the wait, less up to a second a slow hash on a busy machine may have used up. */
const expectWait = (answer: { headers: Headers }, seconds: number) => {
  const told = Number(answer.headers.get("retry-after"));
  expect(told).toBeGreaterThanOrEqual(seconds - 1);
  expect(told).toBeLessThanOrEqual(seconds);
};

describe("the one-time setup link", () => {
  it("expires after an hour", async () => {
    const token = tokenOf(server.setupUrl());
    offsetMs += 61 * 60_000;
    const late = await setup(token);
    expect(late.status).toBe(410);
    expect(late.text).toContain("设置链接无效、已使用或已过期");
  });

  it("creates the first admin once, signs them in, and is spent", async () => {
    const token = tokenOf(server.setupUrl());
    const first = await setup(token);
    expect(first.status).toBe(201);
    const cookie = first.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^survey_admin=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    const again = await setup(token, "intruder");
    expect(again.status).toBe(410);
    // Even a fresh link cannot make a second "first" admin.
    expect((await setup(tokenOf(server.setupUrl()), "intruder")).status).toBe(410);
    const names = await server.query<{ username: string }>("SELECT username FROM admins");
    expect(names).toEqual([{ username: "chief" }]);
  });

  it("stores a scrypt hash, never the password", async () => {
    const [row] = await server.query<{ hash: string }>("SELECT password_hash AS hash FROM admins");
    expect(row?.hash).toMatch(/^scrypt\$32768\$8\$2\$/);
    expect(row?.hash).not.toContain("a long passphrase");
  });
});

describe("sessions", () => {
  it("keep only a hash of the cookie's token in the database", async () => {
    await addAccount(server, "keeper", "distributor");
    const { cookie } = await signIn(server, "keeper");
    const token = cookie?.split("=")[1] ?? "";
    const stored = await server.query<{ h: string }>("SELECT token_hash AS h FROM admin_sessions");
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.some((s) => s.h === token)).toBe(false);
  });

  it("expire after 30 idle minutes, and after 12 hours even when busy", async () => {
    await addAccount(server, "idler", "analyst");
    const idle = (await signIn(server, "idler")).cookie;
    offsetMs += 29 * 60_000;
    expect((await callAdmin(server, { cookie: idle }, "GET", "/admin/me")).status).toBe(200);
    offsetMs += 31 * 60_000;
    expect((await callAdmin(server, { cookie: idle }, "GET", "/admin/me")).status).toBe(401);

    const busy = (await signIn(server, "idler")).cookie;
    // A request every 20 minutes for 12 hours: never idle too long, but too old in the end.
    for (let step = 0; step < 35; step++) {
      offsetMs += 20 * 60_000;
      expect((await callAdmin(server, { cookie: busy }, "GET", "/admin/me")).status).toBe(200);
    }
    offsetMs += 25 * 60_000;
    expect((await callAdmin(server, { cookie: busy }, "GET", "/admin/me")).status).toBe(401);
  });

  it("left behind without signing out are swept at the next sign-in", async () => {
    await signIn(server, "keeper");
    offsetMs += 31 * 60_000;
    await signIn(server, "keeper");
    const rows = await server.query<{ n: number }>("SELECT count(*) AS n FROM admin_sessions");
    expect(rows[0]?.n).toBe(1);
  });

  it("end at logout", async () => {
    const { cookie } = await signIn(server, "keeper");
    expect((await callAdmin(server, { cookie }, "POST", "/admin/logout", {})).status).toBe(200);
    expect((await callAdmin(server, { cookie }, "GET", "/admin/me")).status).toBe(401);
  });

  it("end when the account is disabled", async () => {
    const target = await addAccount(server, "leaver", "distributor");
    const { cookie } = await signIn(server, "leaver");
    const chief = (await signIn(server, "chief", "a long passphrase")).cookie;
    const off = await callAdmin(server, { cookie: chief }, "PATCH", `/admin/accounts/${target}`, {
      disabled: true,
    });
    expect(off.status).toBe(200);
    expect((await callAdmin(server, { cookie }, "GET", "/admin/me")).status).toBe(401);
    expect((await signIn(server, "leaver")).status).toBe(401);
  });
});

describe("login abuse", () => {
  it("says the same thing for a wrong password and an unknown account", async () => {
    await addAccount(server, "victim", "admin");
    await addAccount(server, "target", "admin");
    const wrong = await signIn(server, "victim", "not the password");
    const unknown = await signIn(server, "ghost", "not the password");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.answer.text).toBe(unknown.answer.text);
  });

  it("makes an account name wait longer after each failure past 5, existing or not", {
    timeout: 120_000,
  }, async () => {
    for (const name of ["target", "nobody-here"]) {
      offsetMs += 61 * 60_000; // an hour of quiet forgets every count
      for (let i = 0; i < 5; i++) expect((await signIn(server, name, "guess")).status).toBe(401);
      const early = await signIn(server, name, name === "target" ? PASSWORD : "guess");
      expect(early.status).toBe(429);
      // The refused attempt counts too: the next check may start 2^1 s after the last one.
      expectWait(early.answer, 2);
      offsetMs += 2000;
      expect((await signIn(server, name, "guess")).status).toBe(401);
      const later = await signIn(server, name, "guess");
      expect(later.status).toBe(429);
      expectWait(later.answer, 8);
      expect(later.answer.text).toMatch(/请 \d 秒后再试/);
    }
    // Never a hard lock: once the wait has passed, the right password gets in.
    offsetMs += 8000;
    expect((await signIn(server, "target")).status).toBe(200);
    offsetMs += 61 * 60_000;
  });

  it("makes an address wait after 20 failures across names, then lets it try again", {
    timeout: 120_000,
  }, async () => {
    offsetMs += 61 * 60_000;
    await addAccount(server, "bystander", "analyst");
    for (let i = 0; i < 20; i++) await signIn(server, `spray${i}`, "guess");
    const refused = await signIn(server, "bystander");
    expect(refused.status).toBe(429);
    offsetMs += Number(refused.answer.headers.get("retry-after")) * 1000;
    expect((await signIn(server, "bystander")).status).toBe(200);
    offsetMs += 61 * 60_000;
  });
});

describe("cross-site requests", () => {
  it("refuse a session's change from another origin, or with no origin", async () => {
    const { cookie } = await signIn(server, "keeper");
    const body = { surveyId: "political-ecology", label: "跨站" };
    const evil = await callAdmin(
      server,
      { cookie, origin: "http://evil.example" },
      "POST",
      "/admin/links",
      body,
    );
    expect(evil.status).toBe(403);
    const none = await callAdmin(server, { cookie, origin: null }, "POST", "/admin/links", body);
    expect(none.status).toBe(403);
    const ok = await callAdmin(server, { cookie }, "POST", "/admin/links", body);
    expect(ok.status).toBe(201);
    const made = await server.query<{ n: number }>(
      "SELECT count(*) AS n FROM links WHERE label = '跨站'",
    );
    expect(made[0]?.n).toBe(1);
  });

  it("refuse a login posted from another site", async () => {
    const answer = await callAdmin(
      server,
      { origin: "http://evil.example" },
      "POST",
      "/admin/login",
      {
        username: "keeper",
        password: PASSWORD,
      },
    );
    expect(answer.status).toBe(403);
  });

  it("refuse a form-encoded body", async () => {
    const { cookie } = await signIn(server, "keeper");
    const response = await fetch(`${server.url}/api/admin/links`, {
      method: "POST",
      headers: {
        Cookie: cookie ?? "",
        Origin: server.url,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: "surveyId=political-ecology&label=x",
    });
    expect(response.status).toBe(415);
  });
});

describe("API tokens", () => {
  it("let a script act with its account's role until revoked, without Origin", async () => {
    const { cookie } = await signIn(server, "keeper");
    const made = await callAdmin(server, { cookie }, "POST", "/admin/tokens", {
      label: "乡镇链接脚本",
      password: PASSWORD,
    });
    expect(made.status).toBe(201);
    const { secret, token } = made.body as { secret: string; token: { id: string } };
    const script = { bearer: secret, origin: null };
    const link = await callAdmin(server, script, "POST", "/admin/links", {
      surveyId: "political-ecology",
      label: "脚本创建",
    });
    expect(link.status).toBe(201);
    expect((await callAdmin(server, script, "GET", "/admin/accounts")).status).toBe(403);
    const stored = await server.query<{ h: string }>("SELECT token_hash AS h FROM api_tokens");
    expect(stored.some((s) => s.h === secret)).toBe(false);
    await callAdmin(server, { cookie }, "POST", `/admin/tokens/${token.id}/revoke`, {});
    expect((await callAdmin(server, script, "GET", "/admin/links")).status).toBe(401);
  });
});

describe("the audit log", () => {
  it("records sign-ins and changes, and cannot be edited", async () => {
    const { cookie } = await signIn(server, "chief", "a long passphrase");
    const answer = await callAdmin(server, { cookie }, "GET", "/admin/audit?limit=500");
    const entries = (answer.body as { entries: { actor: string; action: string }[] }).entries;
    const actions = new Set(entries.map((e) => `${e.actor} ${e.action}`));
    for (const expected of [
      "chief setup",
      "keeper login",
      "keeper link.create",
      "keeper token.create",
      "keeper token.revoke",
      "chief account.update",
      "(未知账号) login.failed",
    ])
      expect(actions).toContain(expected);
    // Not even with the database's password, on a connection of its own.
    await expect(server.write("UPDATE audit_log SET actor = 'someone else'")).rejects.toThrow(
      /append-only/,
    );
    await expect(server.write("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
  });
});

describe("HTTPS deployments", () => {
  it("use a Secure __Host- cookie", async () => {
    const secure = await startTestServer({ env: { PUBLIC_URL: "https://survey.example.gov.cn" } });
    try {
      await addAccount(secure, "tls", "admin");
      const { answer } = await signIn(secure, "tls");
      const cookie = answer.headers.get("set-cookie") ?? "";
      expect(cookie).toMatch(/^__Host-survey_admin=/);
      expect(cookie).toContain("Secure");
      expect(cookie).toContain("Path=/");
    } finally {
      await secure.close();
    }
  });
});
