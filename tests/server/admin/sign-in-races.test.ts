// Sign-in under concurrency: guesses sent all at once are counted before their slow hashes run, so
// a burst cannot slip past the waits, and only a few hashes ever run at once.
import { afterAll, beforeAll, expect, it } from "vitest";
import { addAccount, PASSWORD, signIn } from "../../support/admin-session.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

let offsetMs = 0;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ now: () => new Date(Date.now() + offsetMs) });
});
afterAll(() => server.close());

const failedInAudit = async () =>
  (
    await server.query<{ n: number }>(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'login.failed'",
    )
  )[0]?.n ?? 0;

it("refuses the right password sent last in a burst of 100 guesses", {
  timeout: 120_000,
}, async () => {
  await addAccount(server, "chief", "admin");
  const guesses = Array.from({ length: 99 }, (_, i) => signIn(server, "chief", `guess ${i}`));
  const right = signIn(server, "chief", PASSWORD);
  const answers = await Promise.all([...guesses, right]);
  const statuses = answers.map((a) => a.status);
  expect(statuses.at(-1)).toBe(429);
  expect(statuses).not.toContain(200);
  // Each refusal answers at once; at most a couple of hashes ran for the name.
  expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(2);
  expect(await failedInAudit()).toBeLessThanOrEqual(2);
  const refused = answers.find((a) => a.status === 429);
  expect(Number(refused?.answer.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
});

it("runs at most 4 hashes at once for one address, across names", {
  timeout: 120_000,
}, async () => {
  offsetMs += 61 * 60_000; // the burst above is forgotten: this address starts afresh
  const before = await failedInAudit();
  const burst = await Promise.all(
    Array.from({ length: 12 }, (_, i) => signIn(server, `name${i}`, "guess")),
  );
  const checked = burst.filter((a) => a.status === 401).length;
  expect(checked).toBeGreaterThanOrEqual(1);
  expect(checked).toBeLessThanOrEqual(4);
  expect(burst.filter((a) => a.status === 429).length).toBe(12 - checked);
  expect((await failedInAudit()) - before).toBe(checked);
});
