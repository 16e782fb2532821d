// Account changes racing each other: each applies to the account as it read it or not at all, so a
// password reset cannot quietly re-enable an account disabled during its hash, and a token minted
// while the role changed does not outlive the change.
import { afterAll, beforeAll, expect, it } from "vitest";
import { addAccount, callAdmin, PASSWORD, sessionCookie } from "../../support/admin-session.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

let server: TestServer;
let chief = "";
beforeAll(async () => {
  server = await startTestServer();
  chief = await addAccount(server, "chief", "admin");
});
afterAll(() => server.close());

const as = async (adminId: string) => ({ cookie: await sessionCookie(server, adminId) });
const stored = async (id: string) =>
  (
    await server.query<{ disabled: number; hash: string }>(
      "SELECT disabled, password_hash AS hash FROM admins WHERE id = ?",
      id,
    )
  )[0];

it("a password reset racing a disable never re-enables the account", {
  timeout: 120_000,
}, async () => {
  const target = await addAccount(server, "leaver", "distributor");
  for (let round = 0; round < 3; round++) {
    const before = (await stored(target))?.hash;
    // Both sessions first, so the two requests still leave together.
    const [resetter, disabler] = await Promise.all([as(chief), as(chief)]);
    // The reset hashes the new password (slow); the disable lands meanwhile.
    const reset = callAdmin(server, resetter, "PATCH", `/admin/accounts/${target}`, {
      password: `new passphrase ${round}`,
    });
    const disable = callAdmin(server, disabler, "PATCH", `/admin/accounts/${target}`, {
      disabled: true,
    });
    const [r, d] = await Promise.all([reset, disable]);
    expect(d.status).toBe(200);
    expect([200, 409]).toContain(r.status);
    expect((await stored(target))?.disabled).toBe(1);
    // A refused reset changed nothing, not even the password.
    if (r.status === 409) {
      expect(r.text).toContain("未保存");
      expect((await stored(target))?.hash).toBe(before);
    }
    const enable = await callAdmin(server, await as(chief), "PATCH", `/admin/accounts/${target}`, {
      disabled: false,
    });
    expect(enable.status).toBe(200);
  }
});

it("a token minted while the role changes does not outlive the change", {
  timeout: 120_000,
}, async () => {
  const worker = await addAccount(server, "worker", "distributor");
  const [minter, demoter] = await Promise.all([as(worker), as(chief)]);
  const mint = callAdmin(server, minter, "POST", "/admin/tokens", {
    label: "赛跑",
    password: PASSWORD,
  });
  const demote = callAdmin(server, demoter, "PATCH", `/admin/accounts/${worker}`, {
    role: "analyst",
  });
  const [m, d] = await Promise.all([mint, demote]);
  expect(d.status).toBe(200);
  if (m.status === 201) {
    const { secret } = m.body as { secret: string };
    const me = await callAdmin(server, { bearer: secret, origin: null }, "GET", "/admin/me");
    expect(me.status).toBe(401);
  } else {
    expect(m.status).toBe(409);
  }
});
