// Two app instances on one PostgreSQL database, requests alternating between them as a round-robin
// sends them: the guards count once for both (issue 16). An attacker gets one instance's password
// guesses and submission rate, not two; the burst alert sees every instance's submissions; a setup
// link printed by one instance works on the other, once. And what the guards keep in the database
// is no address or account name, in tables outside the WAL, gone once their windows have passed.
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECK_LEASE_MS } from "../../../server/admin/login-throttle.ts";
import { CODE_LOOKUP_LIMITS } from "../../../server/http/rate-limit.ts";
import { createLink } from "../../../server/links/create-link.ts";
import { addAccount, callAdmin, PASSWORD, sessionCookie } from "../../support/admin-session.ts";
import { newSubmissionId, postJson } from "../../support/api.ts";
import { noPostgres } from "../../support/pg-database.ts";
import { type Instance, type Instances, startInstances } from "../../support/pg-instances.ts";
import { ANSWERS } from "../respondent/stuffing-kit.ts";

const HOUR = 60 * 60_000;
/** On the hour: every window (10 s, 1 min) and every hourly hashing key starts here. */
const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);
/** The instances' clock: stands still unless a test moves it. */
let at = T0;
const clock = () => new Date(at);
/** Each test starts hours after the last, so every count from before is forgotten. */
let hoursUsed = 0;
const freshHour = () => {
  hoursUsed += 3;
  at = T0 + hoursUsed * HOUR;
};

/** 60 a minute: 10 per 10-second window, from one address. */
const SUBMIT_LIMIT = 60;
const ACCOUNTS = ["chief-guard", "deputy-guard", "clerk-guard", "setup-first", "setup-second"];

describe.skipIf(noPostgres)("guards shared by two instances on one PostgreSQL database", () => {
  let instances: Instances;
  let a: Instance;
  let b: Instance;
  let version: number;
  const linkIds: string[] = [];

  beforeAll(async () => {
    instances = await startInstances(
      2,
      {
        SURVEYS_DIR: resolve("tests/fixtures/surveys"),
        SUBMIT_LIMIT_PER_ADDRESS: String(SUBMIT_LIMIT),
      },
      { now: clock },
    );
    [a, b] = [instances.pick(0), instances.pick(1)];
    version = (await a.system.deps.catalog.current("mini"))?.id ?? 0;
  }, 60_000);
  afterAll(() => instances?.close());

  const signIn = (on: Instance, username: string, password: string) =>
    callAdmin(on, { origin: on.url }, "POST", "/admin/login", { username, password });
  const setUp = (on: Instance, token: string, username: string) =>
    callAdmin(on, { origin: on.url }, "POST", "/admin/setup", {
      token,
      username,
      displayName: username,
      password: "a long passphrase",
    });
  const newLink = async (label: string) => {
    const { deps } = a.system;
    const made = await createLink(deps.storage, deps.catalog, { surveyId: "mini", label }, clock());
    if (!made.ok) throw new Error(made.message);
    linkIds.push(made.link.id);
    return made.link.id;
  };
  const submit = (on: Instance, linkId: string) =>
    postJson(`${on.url}/api/links/${linkId}/responses`, {
      submissionId: newSubmissionId(),
      version,
      answers: ANSWERS,
    });
  const statusCounts = (statuses: number[]) => {
    const counts: Record<number, number> = {};
    for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
    return counts;
  };

  // First: a setup link only creates an admin while there is none.
  it("a setup link printed by one instance works on the other, and 10 uses at once across both make one admin", {
    timeout: 60_000,
  }, async () => {
    freshHour();
    // An hour old: refused on the other instance too, and no admin made.
    const expired = a.system.deps.setupLink.issue(clock());
    await a.system.deps.setupLink.issued();
    at += HOUR + 1000;
    expect((await setUp(b, expired, "too-late")).status).toBe(410);
    expect(await a.system.deps.storage.countAdmins()).toBe(0);
    // Each instance printed its own link at start; each link is used on the other instance.
    const fromA = a.system.deps.setupLink.issue(clock());
    const fromB = b.system.deps.setupLink.issue(clock());
    await Promise.all([a.system.deps.setupLink.issued(), b.system.deps.setupLink.issued()]);
    const uses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0
          ? setUp(b, fromA, `${ACCOUNTS[3]}-${i}`)
          : setUp(a, fromB, `${ACCOUNTS[4]}-${i}`),
      ),
    );
    expect(statusCounts(uses.map((u) => u.status))).toEqual({ 201: 1, 410: 9 });
    expect(await a.system.deps.storage.countAdmins()).toBe(1);
    // Both links are spent: the one used, and the other with it.
    const again = await Promise.all([setUp(b, fromA, "late-a"), setUp(a, fromB, "late-b")]);
    expect(again.map((u) => u.status)).toEqual([410, 410]);
  });

  it("password guesses alternating between the instances get one instance's 5 free attempts, then its waits", {
    timeout: 60_000,
  }, async () => {
    freshHour();
    const name = ACCOUNTS[0] ?? "";
    await addAccount(a, name, "admin");
    // Half a second before the hour: the waits outlast the hourly key they were counted under.
    at -= 500;
    const free = [];
    for (let i = 0; i < 5; i++) free.push((await signIn(instances.pick(i), name, "guess")).status);
    expect(free).toEqual([401, 401, 401, 401, 401]);
    at += 500;
    // The 6th, on the instance that has seen only 2: refused and counted; the next check may
    // start 2^1 s after the last one.
    const early = await signIn(b, name, PASSWORD);
    expect(early.status).toBe(429);
    expect(early.headers.get("retry-after")).toBe("2");
    at += 1500;
    expect((await signIn(a, name, "guess")).status).toBe(401);
    const later = await signIn(b, name, PASSWORD);
    expect(later.status).toBe(429);
    expect(later.headers.get("retry-after")).toBe("8");
    at += 8000;
    expect((await signIn(b, name, PASSWORD)).status).toBe(200);
  });

  it("a check running on one instance holds every check of that account on both, until it ends or its lease runs out", {
    timeout: 60_000,
  }, async () => {
    freshHour();
    const name = ACCOUNTS[1] ?? "";
    await addAccount(b, name, "analyst");
    // Instance A's throttle admits a check, which then runs (or its instance crashed mid-hash).
    const running = await a.system.deps.loginThrottle.admit(name, "127.0.0.1", at);
    expect(running.ok).toBe(true);
    // The right password, on both instances at once: no second check starts meanwhile.
    const meanwhile = await Promise.all(
      Array.from({ length: 3 }, (_, i) => signIn(instances.pick(i + 1), name, PASSWORD)),
    );
    expect(meanwhile.map((m) => [m.status, m.headers.get("retry-after")])).toEqual([
      [429, "1"],
      [429, "1"],
      [429, "1"],
    ]);
    at += CHECK_LEASE_MS - 1000;
    expect((await signIn(b, name, PASSWORD)).status).toBe(429);
    // Never ended (a crash): once its lease has run out, the account is free again.
    at += 2000;
    expect((await signIn(b, name, PASSWORD)).status).toBe(200);
    if (running.ok) await running.done(false);
  });

  it("a burst of guesses across both instances runs at most a couple of checks", {
    timeout: 60_000,
  }, async () => {
    freshHour();
    const name = ACCOUNTS[2] ?? "";
    await addAccount(a, name, "distributor");
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn(instances.pick(i), name, `guess ${i}`)),
    );
    const checked = burst.filter((r) => r.status === 401).length;
    expect(checked).toBeGreaterThanOrEqual(1);
    expect(checked).toBeLessThanOrEqual(2);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(30 - checked);
  });

  it("SUBMIT_LIMIT_PER_ADDRESS holds across both: one address stores one instance's allowance", {
    timeout: 60_000,
  }, async () => {
    freshHour();
    const link = await newLink("限速");
    const before = await a.system.deps.storage.countResponses();
    const perWindow = SUBMIT_LIMIT / 6;
    const stored = [];
    for (let window = 0; window < 6; window++) {
      at = T0 + hoursUsed * HOUR + window * 10_000;
      const sent = await Promise.all(
        Array.from({ length: 3 * perWindow }, (_, i) => submit(instances.pick(i), link)),
      );
      const counts = statusCounts(sent.map((s) => s.status));
      expect(counts).toEqual({ 201: perWindow, 429: 2 * perWindow });
      stored.push(counts[201]);
    }
    // A minute's worth, whichever instance each submission reached: never twice that.
    expect(await a.system.deps.storage.countResponses()).toBe(before + SUBMIT_LIMIT);
    expect(stored).toEqual(Array.from({ length: 6 }, () => perWindow));
  });

  it("code lookups are limited per address across both instances", {
    timeout: 60_000,
  }, async () => {
    freshHour();
    const lookUp = async (on: Instance) => {
      const response = await fetch(`${on.url}/api/codes/AAAAAAAAAAAAAAAAAAAAAA/survey`);
      await response.text();
      return { status: response.status, retryAfter: response.headers.get("retry-after") };
    };
    const answers: { status: number; retryAfter: string | null }[] = [];
    const total = CODE_LOOKUP_LIMITS.perAddress + 100;
    for (let i = 0; i < total; i += 50)
      answers.push(
        ...(await Promise.all(Array.from({ length: 50 }, (_, j) => lookUp(instances.pick(i + j))))),
      );
    const refused = answers.filter((x) => x.status === 429);
    expect(refused).toHaveLength(total - CODE_LOOKUP_LIMITS.perAddress);
    // The window is the same one on both: a minute from the hour, none of it passed.
    expect(new Set(refused.map((r) => r.retryAfter))).toEqual(new Set(["60"]));
    at += CODE_LOOKUP_LIMITS.windowMs;
    expect((await lookUp(b)).status).not.toBe(429);
  });

  it("the burst alert on one instance's returns monitor counts what was submitted through both", {
    timeout: 120_000,
  }, async () => {
    freshHour();
    const link = await newLink("刷票");
    const quiet = await newLink("正常");
    const adminId = await addAccount(a, "watcher-guard", "distributor");
    const alerts = async (on: Instance) => {
      const cookie = await sessionCookie(on, adminId);
      const answer = await callAdmin(on, { cookie }, "GET", "/admin/returns?survey=mini");
      expect(answer.status).toBe(200);
      const body = answer.body as { links: { id: string; burstAlert: boolean }[] };
      return Object.fromEntries(
        body.links.filter((l) => [link, quiet].includes(l.id)).map((l) => [l.id, l.burstAlert]),
      );
    };
    // 99 within 10 minutes, never over the per-address limit (so no refusal raises it): 10 each
    // 10 s, 50 through A and 49 through B. The threshold is max(100, 20·5) = 100.
    for (let n = 0; n < 99; n++) {
      if (n % 10 === 0) at = T0 + hoursUsed * HOUR + (n / 10) * 10_000;
      expect((await submit(instances.pick(n), link)).status).toBe(201);
    }
    expect(await alerts(b)).toEqual({ [link]: false, [quiet]: false });
    expect(await alerts(a)).toEqual({ [link]: false, [quiet]: false });
    // The 100th, through A: B's monitor raises the alert.
    expect((await submit(a, link)).status).toBe(201);
    expect(await alerts(b)).toEqual({ [link]: true, [quiet]: false });
    // A whole 10 minutes later, it is off again on both.
    at += 10 * 60_000;
    expect(await alerts(b)).toEqual({ [link]: false, [quiet]: false });
    expect(await alerts(a)).toEqual({ [link]: false, [quiet]: false });
  });

  describe("what an insider reads in the database afterwards", () => {
    let reader: pg.Pool;
    beforeAll(() => {
      reader = new pg.Pool({ connectionString: instances.database.url, max: 1 });
    });
    afterAll(() => reader?.end());

    const GUARD_TABLES = [
      "guard_keys",
      "guard_windows",
      "guard_sign_ins",
      "guard_sign_in_leases",
      "guard_bursts",
    ];
    const rowsOf = async (table: string) =>
      (await reader.query<Record<string, unknown>>(`SELECT * FROM ${table}`)).rows;
    /** A row as text: bytea as hex (how psql shows it), base64 and latin1 too. */
    const asText = (row: Record<string, unknown>) =>
      Object.values(row)
        .map((v) =>
          Buffer.isBuffer(v)
            ? `${v.toString("hex")} ${v.toString("base64")} ${v.toString("latin1")}`
            : String(v),
        )
        .join(" ");

    it("holds neither an address nor an account name nor a link id, in any spelling", {
      timeout: 60_000,
    }, async () => {
      freshHour();
      // Something in every table: a failed sign-in, a check still running, a code lookup, a
      // submission through a link (counted per address, and in its minute's bucket), a setup link.
      expect((await signIn(b, ACCOUNTS[2] ?? "", "guess")).status).toBe(401);
      const running = await a.system.deps.loginThrottle.admit(ACCOUNTS[0] ?? "", "127.0.0.1", at);
      expect(running.ok).toBe(true);
      expect((await fetch(`${b.url}/api/codes/AAAAAAAAAAAAAAAAAAAAAA/survey`)).status).toBe(404);
      expect((await submit(a, linkIds[0] ?? "")).status).toBe(201);
      a.system.deps.setupLink.issue(clock());
      await a.system.deps.setupLink.issued();
      const secrets = ["127.0.0.1", "::ffff:127.0.0.1", ...ACCOUNTS, ...linkIds];
      const forbidden = secrets.flatMap((s) => {
        const bytes = Buffer.from(s);
        // Clear, hex, base64, and unkeyed hashes (which anyone could recompute from a guess).
        const hashes = [s, `ip:${s}`, `a:${s}`].flatMap((m) => [
          createHash("sha256").update(m).digest("hex"),
          createHash("md5").update(m).digest("hex"),
        ]);
        return [s, bytes.toString("hex"), bytes.toString("base64"), ...hashes];
      });
      // 127.0.0.1 as four bytes, and as an IPv4-mapped IPv6 address.
      forbidden.push("7f000001", "00000000000000000000ffff7f000001");
      for (const table of [...GUARD_TABLES, "setup_links"]) {
        const rows = await rowsOf(table);
        expect(rows.length, table).toBeGreaterThan(0);
        for (const row of rows) {
          const text = asText(row).toLowerCase();
          for (const f of forbidden) expect(text, `${table}: ${f}`).not.toContain(f.toLowerCase());
        }
      }
      expect(instances.logs.join("\n")).not.toContain("127.0.0.1");
      if (running.ok) await running.done(false);
    });

    it("keeps the guard tables out of the WAL (UNLOGGED), with their indexes", async () => {
      const { rows } = await reader.query<{ name: string; persistence: string }>(
        `SELECT c.relname AS name, c.relpersistence AS persistence FROM pg_class c
           JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relname LIKE 'guard%' ORDER BY 1`,
      );
      for (const table of GUARD_TABLES) expect(rows.map((r) => r.name)).toContain(table);
      expect(rows.filter((r) => r.persistence !== "u")).toEqual([]);
    });

    it("deletes each row once its window has passed, and each hourly key an hour after its own", async () => {
      const keysBefore = (await rowsOf("guard_keys")).map((r) => asText(r));
      expect(keysBefore.length).toBeGreaterThan(0);
      // Two hours on: every window, wait, lease, bucket and setup link has passed.
      at = T0 + (hoursUsed + 2) * HOUR + 30_000;
      // The next request of any kind deletes what has expired.
      const answer = await fetch(`${a.url}/api/codes/AAAAAAAAAAAAAAAAAAAAAA/survey`);
      await answer.text();
      expect(answer.status).not.toBe(429);
      expect(await rowsOf("guard_sign_ins")).toEqual([]);
      expect(await rowsOf("guard_sign_in_leases")).toEqual([]);
      expect(await rowsOf("guard_bursts")).toEqual([]);
      expect(await rowsOf("setup_links")).toEqual([]);
      // That one lookup's own window: the address's count and everyone's.
      const windows = await rowsOf("guard_windows");
      expect(windows.map((w) => Number(w.n))).toEqual([1, 1]);
      for (const w of windows) expect(Number(w.window_end)).toBeGreaterThan(at);
      // Only this hour's key is left: every hash made under the earlier ones is unlinkable.
      const keys = await rowsOf("guard_keys");
      expect(keys.map((k) => Number(k.period))).toEqual([Math.floor(at / HOUR)]);
      for (const old of keysBefore) expect(keys.map((k) => asText(k))).not.toContain(old);
    });
  });
});
