// The shipped two-instance site (server/deploy/nginx/survey-instances.conf): Debian's nginx in front
// of two real servers (`server/main.ts` as `npm start` runs it, each its own process) on one fresh
// PostgreSQL database. Everything goes through nginx; the database is read to see what landed.
// Runs under CI; elsewhere skips without nginx or TEST_DATABASE_URL.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { responseIdFor } from "../../server/ballot-box/response-ids.ts";
import { ANSWERS, MINI } from "../server/respondent/stuffing-kit.ts";
import { newSubmissionId } from "../support/api.ts";
import { type ChildServer, startChildServer } from "../support/child-server.ts";
import { createTestDatabase, noPostgres, type TestDatabase } from "../support/pg-database.ts";
import {
  canBindIpv6,
  missingTools,
  type Nginx,
  ONE_APP,
  reservePorts,
  SERVER_NAME,
  startNginx,
  TWO_INSTANCES,
} from "./nginx-process.ts";
import { type Reply, send } from "./proxy-client.ts";

const run = promisify(execFile);

const CI = process.env.CI === "true";
const MISSING = [
  ...missingTools(),
  ...(noPostgres ? ["TEST_DATABASE_URL (a PostgreSQL server to make test databases on)"] : []),
];
const SKIPPED = !CI && MISSING.length > 0;
const TITLE = SKIPPED
  ? `nginx in front of two instances (skipped: missing ${MISSING.join(", ")}; CI has them)`
  : "nginx in front of two instances on one PostgreSQL database";
// A developer without them is told why; under CI a missing one fails (pg-database.ts, beforeAll).
if (SKIPPED) console.warn(TITLE);

const SUBMIT = "/api/links/:linkId/responses";
const PASSWORD = "a long passphrase";
/** The i-th client of a group: its own loopback address, as 40 phones would have their own. */
const client = (group: number, i: number) => `127.0.${group}.${i + 1}`;

/** Which instance served what, from the access log each writes (route pattern and status only). */
interface Instance {
  name: string;
  app: ChildServer;
}

function served(instance: Instance, method: string, route: string, status?: number): number {
  let n = 0;
  for (const line of instance.app.output().split("\n")) {
    if (!line.startsWith('{"method"')) continue;
    const entry: unknown = JSON.parse(line);
    const field = (key: string) => Reflect.get(Object(entry), key);
    if (field("method") !== method || field("route") !== route) continue;
    if (status === undefined || field("status") === status) n++;
  }
  return n;
}

/**
 * How many lines `work` added to each instance's access log for this route (and status), once they
 * add up to `total`: a line is written as its answer leaves, and may reach this process after it.
 */
async function countPerInstance(
  instances: Instance[],
  [method, route, status]: [string, string, number?],
  total: number,
  work: () => Promise<void>,
): Promise<number[]> {
  const before = instances.map((i) => served(i, method, route, status));
  await work();
  const added = () => instances.map((i, n) => served(i, method, route, status) - (before[n] ?? 0));
  const deadline = Date.now() + 5_000;
  while (added().reduce((a, b) => a + b, 0) < total && Date.now() < deadline)
    await new Promise((done) => setTimeout(done, 20));
  return added();
}

const field = (reply: Reply, key: string) => Reflect.get(Object(reply.json), key);

/** The limiter's window is a wall-clock minute: start a scenario well inside one. */
async function awayFromMinuteEdge() {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 5_000) await new Promise((done) => setTimeout(done, left + 100));
}

/** Non-comment lines of the https server and the http one, outside the upstream block. */
function siteDirectives(text: string): string[] {
  const lines: string[] = [];
  let inUpstream = false;
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*$/, "").trim();
    if (line.startsWith("upstream ")) inUpstream = true;
    else if (inUpstream && line === "}") inUpstream = false;
    else if (line !== "" && !inUpstream) lines.push(line);
  }
  return lines;
}

describe("the two-instance site file", () => {
  it("keeps every line of survey.conf's sites (TLS, headers, limits, logs), only the upstream differs", () => {
    const one = siteDirectives(readFileSync(ONE_APP.path, "utf8"));
    const two = new Set(siteDirectives(readFileSync(TWO_INSTANCES.path, "utf8")));
    expect(one.filter((line) => !two.has(line))).toEqual([]);
  });
});

describe.skipIf(SKIPPED)(TITLE, () => {
  let database: TestDatabase | undefined;
  let db: pg.Client | undefined;
  let nginx: Nginx | undefined;
  const instances: Instance[] = [];
  let origin = "";
  let https: { port: number; ca: Buffer } = { port: 0, ca: Buffer.alloc(0) };
  let linkId = "";
  let version = 0;
  let cookie = "";

  const A = () => instances[0] as Instance;

  beforeAll(async () => {
    if (MISSING.length > 0) throw new Error(`CI must run this test; missing ${MISSING.join(", ")}`);
    database = await createTestDatabase();
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    const ipv6 = await canBindIpv6();
    // nginx's ports, held while the instances pick theirs, so neither can be given one.
    const reserved = await reservePorts(2);
    const [httpsPort = 0, httpPort = 0] = reserved.ports;
    origin = `https://${SERVER_NAME}:${httpsPort}`;
    // As the README says: one settings file for both (the database, the https address, nginx as
    // the trusted proxy), and a port each. Started together, as systemd starts them at boot.
    // application_name tells their database connections apart (pg_stat_activity).
    const env = (name: string) => {
      const url = new URL(database?.url ?? "");
      url.searchParams.set("application_name", `survey-${name}`);
      return {
        DATABASE_URL: url.toString(),
        SURVEYS_DIR: MINI,
        DIST_DIR: resolve("dist"),
        PUBLIC_URL: origin,
        TRUST_PROXY: "127.0.0.1",
        // Small, so one client reaches it in a few submissions (one window of a minute).
        SUBMIT_LIMIT_PER_ADDRESS: "2",
      };
    };
    const started = await Promise.allSettled(
      ["a", "b"].map((name) => startChildServer("server/main.ts", env(name), { keepOutput: true })),
    );
    await reserved.release();
    for (const [n, result] of started.entries())
      if (result.status === "fulfilled") instances.push({ name: "ab"[n] ?? "", app: result.value });
    const failed = started.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
    nginx = await startNginx(
      {
        https: httpsPort,
        http: httpPort,
        upstreams: instances.map((i) => Number(new URL(i.app.url).port)),
      },
      ipv6,
      TWO_INSTANCES,
    );
    https = { port: httpsPort, ca: nginx.ca };
    // A demo link, as the first instance printed it (started together on an empty database, each
    // instance may make one: both work).
    [, linkId = ""] = await A().app.waitForOutput(/\/s\/([A-Za-z0-9_-]{21})/);
    const survey = await send(https, { path: `/api/links/${linkId}/survey` });
    version = Number(field(survey, "version"));
    if (!Number.isInteger(version)) throw new Error(`no survey through nginx: ${survey.text}`);
  }, 60_000);

  afterAll(async () => {
    const stopped = await Promise.allSettled([
      ...(nginx ? [nginx.stop()] : []),
      ...instances.map((i) => i.app.stop()),
    ]);
    await db?.end();
    await database?.drop();
    const failed = stopped.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
  }, 30_000);

  const submit = (from: string, submissionId = newSubmissionId(), link = linkId) =>
    send(https, {
      method: "POST",
      path: `/api/links/${link}/responses`,
      from,
      body: JSON.stringify({ submissionId, version, answers: ANSWERS }),
    });

  const admin = (method: string, path: string, body?: unknown) =>
    send(https, {
      method,
      path,
      headers: { Cookie: cookie, Origin: origin },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  async function newLink(label: string, cap: number | null): Promise<string> {
    const made = await admin("POST", "/api/admin/links", { surveyId: "mini", label, cap });
    expect(made.status, made.text).toBe(201);
    const id = Reflect.get(Object(field(made, "link")), "id");
    if (typeof id !== "string") throw new Error(`no link id: ${made.text}`);
    return id;
  }

  const stored = async (submissionId: string) =>
    (await db?.query("SELECT 1 FROM responses WHERE id = $1", [responseIdFor(submissionId)]))
      ?.rowCount === 1;
  const completed = async (id: string) =>
    Number(
      (await db?.query<{ completed: number }>("SELECT completed FROM links WHERE id = $1", [id]))
        ?.rows[0]?.completed,
    );

  it("sends requests to both instances in turn (each one's access log shows its share)", async () => {
    const pages = await countPerInstance(instances, ["GET", "/s/:linkId", 200], 6, async () => {
      for (let i = 0; i < 6; i++) {
        const page = await send(https, { path: `/s/${linkId}`, from: client(1, i) });
        expect(page.status).toBe(200);
        expect(page.headers["content-type"]).toMatch(/^text\/html/);
      }
    });
    expect(pages).toEqual([3, 3]);
  });

  it("a respondent opens the link, submits, and the response is in PostgreSQL; the same submission again, on the other instance, gets the same receipt", async () => {
    const from = client(2, 0);
    const submissionId = newSubmissionId();
    let first: Reply | undefined;
    let again: Reply | undefined;
    const created = await countPerInstance(instances, ["POST", SUBMIT, 201], 1, async () => {
      const replayed = await countPerInstance(instances, ["POST", SUBMIT, 200], 1, async () => {
        const page = await send(https, { path: `/s/${linkId}`, from });
        expect(page.status).toBe(200);
        const survey = await send(https, { path: `/api/links/${linkId}/survey`, from });
        expect(field(survey, "version")).toBe(version);
        first = await submit(from, submissionId);
        // The phone's retry after a lost answer: round-robin sends it to the other instance.
        again = await submit(from, submissionId);
      });
      expect(replayed.sort()).toEqual([0, 1]);
    });
    expect(first?.status, first?.text).toBe(201);
    expect(again?.status, again?.text).toBe(200);
    expect(field(first as Reply, "receipt")).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    expect(field(again as Reply, "receipt")).toBe(field(first as Reply, "receipt"));
    // Created on one instance, answered as a replay by the other.
    expect(created.sort()).toEqual([0, 1]);
    expect(await stored(submissionId)).toBe(true);
  });

  it("an admin signs in once, and the session works on both instances", async () => {
    // The first account made by hand, as the README advises with several instances (a setup link
    // is known only to the instance that printed it).
    await run(
      process.execPath,
      [
        ...["--import", "tsx", "server/cli/main.ts"],
        ...["admin", "create", "--username", "chief", "--role", "admin"],
      ],
      {
        env: {
          ...process.env,
          DATABASE_URL: database?.url ?? "",
          SURVEYS_DIR: MINI,
          ADMIN_PASSWORD: PASSWORD,
        },
      },
    );
    const signedIn = await send(https, {
      method: "POST",
      path: "/api/admin/login",
      headers: { Origin: origin },
      body: JSON.stringify({ username: "chief", password: PASSWORD }),
    });
    expect(signedIn.status, signedIn.text).toBe(200);
    cookie = signedIn.headers["set-cookie"]?.[0]?.split(";")[0] ?? "";
    expect(cookie).toMatch(/^__Host-survey_admin=/);
    const me = await countPerInstance(instances, ["GET", "/api/admin/me", 200], 4, async () => {
      for (let i = 0; i < 4; i++) {
        const reply = await admin("GET", "/api/admin/me");
        expect(reply.status, reply.text).toBe(200);
        expect(Reflect.get(Object(field(reply, "account")), "username")).toBe("chief");
      }
    });
    expect(me).toEqual([2, 2]);
    const links = await countPerInstance(
      instances,
      ["GET", "/api/admin/links", 200],
      2,
      async () => {
        for (let i = 0; i < 2; i++)
          expect((await admin("GET", "/api/admin/links")).status).toBe(200);
      },
    );
    expect(links).toEqual([1, 1]);
  });

  it("a cap-10 link raced by 40 submitters through nginx stores exactly 10", async () => {
    const capped = await newLink("上限10", 10);
    let replies: Reply[] = [];
    const perInstance = await countPerInstance(instances, ["POST", SUBMIT], 40, async () => {
      replies = await Promise.all(
        Array.from({ length: 40 }, (_, i) => submit(client(3, i), newSubmissionId(), capped)),
      );
    });
    const byStatus: Record<number, number> = {};
    for (const r of replies) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    // No 429: each phone is its own address to both instances (TRUST_PROXY), not nginx's.
    expect(byStatus).toEqual({ 201: 10, 410: 30 });
    expect(perInstance).toEqual([20, 20]);
    expect(await completed(capped)).toBe(10);
    const { rows } = await (db as pg.Client).query<{ n: number }>(
      `SELECT count(*)::int AS n FROM responses
        WHERE channel_id = (SELECT channel_id FROM links WHERE id = $1)`,
      [capped],
    );
    expect(rows[0]?.n).toBe(10);
  }, 30_000);

  it("each client has its own submit limit (the instances see its address, not nginx's); a forged X-Forwarded-For gains nothing", async () => {
    await awayFromMinuteEdge();
    const one = client(4, 0);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await submit(one)).status);
    // Two a minute; counted per instance on this version, so up to two on each.
    expect(statuses.slice(0, 2)).toEqual([201, 201]);
    expect(statuses[4]).toBe(429);
    for (let i = 0; i < 2; i++) {
      const forged = await send(https, {
        method: "POST",
        path: `/api/links/${linkId}/responses`,
        from: one,
        headers: { "X-Forwarded-For": "203.0.113.9" },
        body: JSON.stringify({ submissionId: newSubmissionId(), version, answers: ANSWERS }),
      });
      expect(forged.status).toBe(429);
    }
    // Were the address nginx's, this client would be refused too.
    expect([(await submit(client(4, 1))).status, (await submit(client(4, 1))).status]).toEqual([
      201, 201,
    ]);
  });

  it("an instance killed with submissions in flight: nginx sends them to the other, each is stored once", async () => {
    const link = await newLink("在途", null);
    // Hold the link's row: every submission waits in its instance's transaction, so the killed
    // instance surely has some that nginx already sent it, and none of them has committed.
    const locker = new pg.Client({ connectionString: database?.url });
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query("SELECT 1 FROM links WHERE id = $1 FOR UPDATE", [link]);
      const ids = Array.from({ length: 8 }, () => newSubmissionId());
      const sent = Promise.all(ids.map((id, i) => submit(client(5, i), id, link)));
      await waitForLockWaiters(locker, ["survey-a", "survey-b"]);
      expect(await A().app.kill("SIGKILL")).toEqual({ code: null, signal: "SIGKILL" });
      await locker.query("COMMIT");
      const replies = await sent;
      expect(replies.map((r) => r.status)).toEqual(ids.map(() => 201));
      for (const id of ids) expect(await stored(id)).toBe(true);
      // The killed instance's transaction was rolled back: its slots are not counted twice.
      expect(await completed(link)).toBe(8);
      // Had nginx not sent them on, the phones would have (a 502 is retried with the same
      // submissionId): harmless after it did, the same receipt and no second row.
      // The instances share one per-address limit (2 a minute here): a request the dying instance
      // had counted and nginx sent on was counted again by the other, so a third may be told to
      // wait (429, Retry-After). Whatever answers is the same receipt, and no second row.
      const again = await Promise.all(ids.map((id, i) => submit(client(5, i), id, link)));
      for (const [i, r] of again.entries()) {
        expect([200, 429]).toContain(r.status);
        const first = replies[i];
        if (r.status === 200 && first) expect(field(r, "receipt")).toBe(field(first, "receipt"));
      }
      expect(again.some((r) => r.status === 200)).toBe(true);
      expect(await completed(link)).toBe(8);
    } finally {
      await locker.end();
    }
  }, 30_000);

  it("with one instance down, respondents' pages and submissions still succeed", async () => {
    const ids = Array.from({ length: 10 }, () => newSubmissionId());
    const created = await countPerInstance(instances, ["POST", SUBMIT, 201], 10, async () => {
      for (const [i, id] of ids.entries()) {
        const from = client(6, i);
        expect((await send(https, { path: `/s/${linkId}`, from })).status).toBe(200);
        expect((await send(https, { path: `/api/links/${linkId}/survey`, from })).status).toBe(200);
        const reply = await submit(from, id);
        expect(reply.status, reply.text).toBe(201);
      }
    });
    expect(created).toEqual([0, 10]);
    for (const id of ids) expect(await stored(id)).toBe(true);
  }, 30_000);

  it("kept no access log, no client address or link id in nginx's logs, and no 5xx from the instances", () => {
    expect(nginx?.log("access.log")).toBe("");
    const logs = nginx?.logs() ?? "";
    for (const secret of [linkId, client(2, 0), client(5, 0), "/s/", "/api/"])
      expect(logs).not.toContain(secret);
    for (const instance of instances) expect(instance.app.problems().serverErrors).toBe(0);
  });
});

/** Waits until each named instance has a database connection waiting for a row lock. */
async function waitForLockWaiters(db: pg.Client, names: string[]) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { rows } = await db.query<{ name: string }>(
      `SELECT DISTINCT application_name AS name FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    const waiting = new Set(rows.map((r) => r.name));
    if (names.every((name) => waiting.has(name))) return;
    if (Date.now() > deadline)
      throw new Error(`waiting for the lock: ${[...waiting].join(", ")}; expected ${names}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}
