// Two app instances on one PostgreSQL database, requests alternating between them: a capped link
// and a single-use code hold exactly however the racing submitters are spread.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newCodes } from "../../../server/batches/code-batches.ts";
import { createLink } from "../../../server/links/create-link.ts";
import { newSubmissionId, postJson } from "../../support/api.ts";
import { noPostgres } from "../../support/pg-database.ts";
import { type Instances, startInstances } from "../../support/pg-instances.ts";
import { randomAnswers, seededRandom } from "../../support/random-answers.ts";
import { loadSeedSurvey } from "../../support/survey-answers.ts";

const survey = loadSeedSurvey();
const random = seededRandom(1602);

describe.skipIf(noPostgres)("two instances, one PostgreSQL database", () => {
  let instances: Instances;
  let version: number;

  beforeAll(async () => {
    instances = await startInstances(2);
    const first = instances.pick(0).system.deps;
    version = (await first.catalog.current(survey.id))?.id ?? 0;
  }, 60_000);
  afterAll(() => instances?.close());

  it("a cap-100 link under 500 concurrent submitters across both stores exactly 100", async () => {
    const { deps } = instances.pick(0).system;
    const made = await createLink(
      deps.storage,
      deps.catalog,
      { surveyId: survey.id, label: "上限100", cap: 100 },
      new Date(),
    );
    if (!made.ok) throw new Error(made.message);
    const bodies = Array.from({ length: 500 }, () => randomAnswers(survey, random, "A"));
    const sent = await Promise.all(
      bodies.map((body, i) =>
        postJson(`${instances.pick(i).url}/api/links/${made.link.id}/responses`, {
          submissionId: newSubmissionId(),
          version,
          ...body,
        }),
      ),
    );
    const byStatus = new Map<number, number>();
    for (const s of sent) byStatus.set(s.status, (byStatus.get(s.status) ?? 0) + 1);
    expect(Object.fromEntries(byStatus)).toEqual({ 201: 100, 410: 400 });
    // Each instance took some of the 100: the cap held across them, not within one.
    const createdAt = [0, 1].map(
      (n) => sent.filter((s, i) => i % 2 === n && s.status === 201).length,
    );
    expect(Math.min(...createdAt)).toBeGreaterThan(0);
    expect(await deps.storage.countResponses()).toBe(100);
    expect((await deps.storage.getLink(made.link.id))?.completed).toBe(100);
  }, 120_000);

  it("a code raced by 50 clients across both stores 1", async () => {
    const { deps } = instances.pick(1).system;
    const [code = ""] = newCodes(1);
    await deps.storage.createBatch(
      {
        id: "batch-race",
        surveyId: survey.id,
        channelId: "channel-race",
        label: "争抢",
        lockedCategory: null,
        issued: 1,
        createdAt: new Date().toISOString(),
      },
      [code],
    );
    const before = await deps.storage.countResponses();
    const body = randomAnswers(survey, random, "B");
    const sent = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        postJson(`${instances.pick(i).url}/api/codes/${code}/responses`, {
          submissionId: newSubmissionId(),
          version,
          ...body,
        }),
      ),
    );
    expect(sent.filter((s) => s.status === 201)).toHaveLength(1);
    expect(sent.filter((s) => s.status === 404)).toHaveLength(49);
    expect(await deps.storage.countResponses()).toBe(before + 1);
  }, 60_000);
});
