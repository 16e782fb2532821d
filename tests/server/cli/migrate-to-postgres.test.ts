// `npm run cli -- migrate --to postgres://…`: an office's SQLite file, used for real (links,
// released and waiting responses, a used code, accounts, sessions, tokens, the audit log, a draft,
// a published view), copied into PostgreSQL: every store answers the same on both, a non-empty
// target is refused and left as it was, and a bad target is named.
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgresStorage } from "../../../server/storage/postgres/pg-storage.ts";
import { openSqliteStorage } from "../../../server/storage/sqlite-storage.ts";
import type { Storage } from "../../../server/storage/storage.ts";
import { addAccount, callAdmin, sessionCookie } from "../../support/admin-session.ts";
import { newSubmissionId, postJson } from "../../support/api.ts";
import { createTestDatabase, noPostgres, type TestDatabase } from "../../support/pg-database.ts";
import { randomAnswers, seededRandom } from "../../support/random-answers.ts";
import { loadSeedSurvey } from "../../support/survey-answers.ts";
import { createTestStore, startTestServer } from "../../support/test-server.ts";

const survey = loadSeedSurvey();
let dbPath = "";
let database: TestDatabase;

const migrate = (to: string) =>
  spawnSync(process.execPath, ["--import", "tsx", "server/cli/main.ts", "migrate", "--to", to], {
    env: { ...process.env, DATABASE_PATH: dbPath },
    encoding: "utf8",
  });

/** What an office would look at, read through the stores of one engine. */
async function everything(storage: Storage, versionId: number) {
  return {
    versions: await storage.listVersions(),
    links: await storage.listLinks(),
    batches: await storage.listBatches(),
    codes: await Promise.all((await storage.listBatches()).map((b) => storage.batchCodes(b.id))),
    byCategory: [...(await storage.countByCategory(survey.id))].sort(),
    byChannel: [...(await storage.countByChannel(survey.id))].sort(),
    responses: await storage.countResponses(),
    waiting: await storage.waitingCells(),
    admins: await storage.listAdmins(),
    tokens: await storage.listTokens(null),
    audit: await storage.listAudit(500, null),
    drafts: await storage.listDrafts(),
    ledger: await storage.readLedger(versionId),
    targets: await storage.getTargets(survey.id),
  };
}

describe.skipIf(noPostgres)("migrate --to postgres://", () => {
  let versionId = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    // A SQLite file of its own, kept after the server closes: the office's file to move.
    const office = await createTestStore("sqlite");
    dbPath = office.dbPath;
    const server = await startTestServer({ store: office });
    const random = seededRandom(1616);
    const link = await server.createLink({ label: "县直单位" });
    versionId = (await server.system.deps.catalog.current(survey.id))?.id ?? 0;
    // 23 through the link: 21 released in cohorts, the two of category C still waiting (< k).
    for (let i = 0; i < 23; i++) {
      const body = randomAnswers(survey, random, i >= 21 ? "C" : i % 3 === 0 ? "B" : "A");
      const sent = await postJson(`${server.url}/api/links/${link.id}/responses`, {
        submissionId: newSubmissionId(),
        version: versionId,
        ...body,
      });
      expect(sent.status).toBe(201);
    }
    const admin = await sessionCookie(server, await addAccount(server, "boss", "admin"));
    const batch = await callAdmin(server, { cookie: admin }, "POST", "/admin/batches", {
      surveyId: survey.id,
      label: "纸质",
      count: 3,
    });
    expect(batch.status).toBe(201);
    await callAdmin(server, { cookie: admin }, "POST", "/admin/tokens", {
      label: "脚本",
      password: "correct horse battery",
    });
    await callAdmin(server, { cookie: admin }, "POST", "/admin/drafts", { source: "blank" });
    const view = await callAdmin(
      server,
      { cookie: admin },
      "GET",
      `/admin/results?survey=${survey.id}`,
    );
    expect(view.status).toBe(200);
    await server.system.deps.upkeep.catchUp();
    await server.close();
  }, 120_000);
  afterAll(() => database?.drop());

  it("copies every table, and every store answers the same on both engines", async () => {
    const done = migrate(database.url);
    expect(done.stderr).toBe("");
    expect(done.status).toBe(0);
    expect(done.stdout).toMatch(/every table's count matches/);
    expect(done.stdout).toMatch(/\s23 {2}responses\n/);
    expect(done.stdout).not.toContain(database.url); // host and database only, never the user

    const sqlite = openSqliteStorage(dbPath);
    const postgres = await openPostgresStorage(database.url, { max: 2 });
    try {
      const before = await everything(sqlite, versionId);
      const after = await everything(postgres, versionId);
      expect(before.responses).toBe(23);
      expect(before.waiting.length).toBeGreaterThan(0);
      expect(before.ledger.members.length).toBeGreaterThan(0);
      expect(after).toEqual(before);
      // The copy goes on working: the next version and audit entry take the next ids.
      await postgres.appendAudit({
        at: "2026-12-02T10:00Z",
        actor: "t",
        action: "x",
        target: "",
        detail: "",
      });
      const [newest, previous] = await postgres.listAudit(2, null);
      expect((newest?.id ?? 0) - (previous?.id ?? 0)).toBe(1);
    } finally {
      await sqlite.close();
      await postgres.close();
    }
  }, 120_000);

  it("refuses a target that holds anything, and leaves it as it was", async () => {
    const again = migrate(database.url);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/the target is not empty \(.*responses.*\): nothing was copied/);
  }, 60_000);

  it("names a target that is not a PostgreSQL URL, and a file that is not there", () => {
    const wrong = migrate("mysql://root@127.0.0.1/survey");
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/--to: give the target as postgres:\/\//);
    const kept = dbPath;
    dbPath = join(tmpdir(), "no-such-folder", "survey.db");
    try {
      const none = migrate(database.url);
      expect(none.status).toBe(2);
      expect(none.stderr).toMatch(/no database file at .*no-such-folder/);
    } finally {
      dbPath = kept;
    }
  });
});
