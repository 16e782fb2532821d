// One submission sent to both instances at once, as when nginx (or the phone) sends it again to the
// other instance while the first is still committing it: one row, one slot, and both answers are
// the receipt, even when the first took the link's last slot or the code.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { responseIdFor } from "../../../server/ballot-box/response-ids.ts";
import { newCodes } from "../../../server/batches/code-batches.ts";
import { createLink } from "../../../server/links/create-link.ts";
import { newSubmissionId, type Posted, postJson } from "../../support/api.ts";
import { noPostgres } from "../../support/pg-database.ts";
import { type Instances, startInstances } from "../../support/pg-instances.ts";
import { randomAnswers, seededRandom } from "../../support/random-answers.ts";
import { loadSeedSurvey } from "../../support/survey-answers.ts";

const survey = loadSeedSurvey();
const random = seededRandom(2207);

describe.skipIf(noPostgres)("the same submission on two instances at once", () => {
  let instances: Instances;
  let version: number;
  let locker: pg.Client;

  beforeAll(async () => {
    instances = await startInstances(2);
    version = (await instances.pick(0).system.deps.catalog.current(survey.id))?.id ?? 0;
    locker = new pg.Client({ connectionString: instances.database.url });
    await locker.connect();
  }, 60_000);
  afterAll(async () => {
    await locker?.end();
    await instances?.close();
  });

  /**
   * Holds the row both submissions must lock (`lockSql`), sends one body to each instance, waits
   * until both wait for that row, then lets them go: they meet in the database, not one after the
   * other (the later would simply find the response, as any retry does).
   */
  async function raceOnBoth(path: string, lockSql: string, key: string): Promise<Posted[]> {
    const body = {
      submissionId: newSubmissionId(),
      version,
      ...randomAnswers(survey, random, "A"),
    };
    await locker.query("BEGIN");
    await locker.query(lockSql, [key]);
    const sent = Promise.all(instances.all.map(({ url }) => postJson(`${url}${path}`, body)));
    await waitForLockWaiters(2);
    await locker.query("COMMIT");
    const replies = await sent;
    expect(
      await instances.pick(0).system.deps.storage.hasResponse(responseIdFor(body.submissionId)),
    ).toBe(true);
    return replies;
  }

  async function waitForLockWaiters(count: number) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { rows } = await locker.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if ((rows[0]?.n ?? 0) >= count) return;
      if (Date.now() > deadline) throw new Error(`${count} submissions never waited for the lock`);
      await new Promise((done) => setTimeout(done, 20));
    }
  }

  const receipts = (replies: Posted[]) =>
    replies.map((r) => Reflect.get(Object(r.body), "receipt"));

  it("a cap-1 link: one stores it, the other answers with the same receipt (not 410 full)", async () => {
    const { deps } = instances.pick(0).system;
    const made = await createLink(
      deps.storage,
      deps.catalog,
      { surveyId: survey.id, label: "最后一个名额", cap: 1 },
      new Date(),
    );
    if (!made.ok) throw new Error(made.message);
    const before = await deps.storage.countResponses();
    const replies = await raceOnBoth(
      `/api/links/${made.link.id}/responses`,
      "SELECT 1 FROM links WHERE id = $1 FOR UPDATE",
      made.link.id,
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 201]);
    const [first, second] = receipts(replies);
    expect(first).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}$/);
    expect(second).toBe(first);
    expect(await deps.storage.countResponses()).toBe(before + 1);
    expect((await deps.storage.getLink(made.link.id))?.completed).toBe(1);
  }, 30_000);

  it("a single-use code: one stores it and uses the code, the other answers with the same receipt (not 404 used)", async () => {
    const { deps } = instances.pick(1).system;
    const [code = ""] = newCodes(1);
    await deps.storage.createBatch(
      {
        id: "batch-retry",
        surveyId: survey.id,
        channelId: "channel-retry",
        label: "重试",
        lockedCategory: null,
        issued: 1,
        createdAt: new Date().toISOString(),
      },
      [code],
    );
    const before = await deps.storage.countResponses();
    const replies = await raceOnBoth(
      `/api/codes/${code}/responses`,
      "SELECT 1 FROM codes WHERE code = $1 FOR UPDATE",
      code,
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 201]);
    const [first, second] = receipts(replies);
    expect(second).toBe(first);
    expect(await deps.storage.countResponses()).toBe(before + 1);
  }, 30_000);
});
