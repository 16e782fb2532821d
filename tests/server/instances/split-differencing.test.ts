// Two app instances on one PostgreSQL database, each with its own results worker and ledger copy:
// a differencing attack split across them (one view on A, the view that adds fewer than k to it on
// B) is refused as on one instance, and views published on both at once leave one ledger on disk
// that both workers then agree with (issue 16).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLink } from "../../../server/links/create-link.ts";
import { listQuestions } from "../../../surveys/format/answers.ts";
import { addAccount, type Caller, callAdmin, sessionCookie } from "../../support/admin-session.ts";
import { newSubmissionId, postJson } from "../../support/api.ts";
import { noPostgres } from "../../support/pg-database.ts";
import { type Instance, type Instances, startInstances } from "../../support/pg-instances.ts";
import { randomAnswers, seededRandom } from "../../support/random-answers.ts";
import { loadSeedSurvey } from "../../support/survey-answers.ts";

const survey = loadSeedSurvey();
const RESULTS = `/admin/results?survey=${survey.id}`;
const random = seededRandom(1603);

/**
 * The attack of tests/server/tabulate/disclosure.test.ts ("a channel filter that adds fewer than
 * k respondents to an earlier one"), laid out so that only the earlier view makes the second one
 * unsafe: x ∪ y and x are each safe beside the main table, but x ∪ y minus x is y's 2 A.
 */
const PLAN = [
  { channel: "x", category: "A", count: 10 },
  { channel: "x", category: "D", count: 10 },
  { channel: "y", category: "A", count: 2 },
  { channel: "z", category: "A", count: 10 },
  { channel: "z", category: "D", count: 10 },
  { channel: "z", category: "J", count: 10 },
];

describe.skipIf(noPostgres)("the publication ledger across two instances", () => {
  let instances: Instances;
  let a: Instance;
  let b: Instance;
  let analyst: Caller;
  const channel: Record<string, string> = {};
  const results = (on: Instance, query: string) => callAdmin(on, analyst, "GET", RESULTS + query);
  const revision = async () => {
    const version = await a.system.deps.catalog.current(survey.id);
    return a.system.deps.storage.ledgerRevision(version?.id ?? 0);
  };

  beforeAll(async () => {
    instances = await startInstances(2);
    [a, b] = instances.all as [Instance, Instance];
    const { deps } = a.system;
    const version = (await deps.catalog.current(survey.id))?.id ?? 0;
    // Accounts and sessions live in the database: a cookie made on A is good on B.
    analyst = { cookie: await sessionCookie(a, await addAccount(a, "fenxi", "analyst")) };
    const admin = { cookie: await sessionCookie(a, await addAccount(a, "boss", "admin")) };
    for (const label of ["x", "y", "z"]) {
      const made = await createLink(
        deps.storage,
        deps.catalog,
        { surveyId: survey.id, label },
        new Date(),
      );
      if (!made.ok) throw new Error(made.message);
      channel[label] = made.link.channelId;
      channel[`${label}-link`] = made.link.id;
    }
    let sent = 0;
    for (const { channel: label, category, count } of PLAN)
      for (let i = 0; i < count; i++) {
        const body = randomAnswers(survey, random, category);
        const on = instances.pick(sent++);
        const posted = await postJson(`${on.url}/api/links/${channel[`${label}-link`]}/responses`, {
          submissionId: newSubmissionId(),
          version,
          ...body,
        });
        expect(posted.status).toBe(201);
      }
    // Closed: the 2 A of y (a cell under k) are released with the rest.
    const closed = await callAdmin(a, admin, "POST", `/admin/surveys/${survey.id}/state`, {
      state: "closed",
    });
    expect(closed.status).toBe(200);
  }, 120_000);
  afterAll(() => instances?.close());

  it("refuses on B the view that adds fewer than k to a view A published", async () => {
    // B's worker reads the ledger first, while nothing but the main table is published.
    expect((await results(b, "")).status).toBe(200);
    const both = `&channel=${channel.x}&channel=${channel.y}`;
    expect((await results(a, `&channel=${channel.x}`)).status).toBe(200);
    const onB = await results(b, both);
    expect(onB.status, onB.text.slice(0, 300)).toBe(422);
    expect(onB.body).toMatchObject({ error: { fields: [{ field: "channel" }] } });
    expect(onB.text).toContain("相减");
    // The same refusal, word for word, as the instance that published x gives.
    const onA = await results(a, both);
    expect(onA.status).toBe(422);
    expect(onB.body).toEqual(onA.body);
  }, 60_000);

  it("publishes on both at once without a failure, and both then agree with the disk", async () => {
    const banners = listQuestions(survey)
      .filter((q) => q.kind === "single")
      .slice(1, 7)
      .map((q) => `&banner=${q.code}`);
    const filters = ["", `&channel=${channel.z}`, `&channel=${channel.x}&channel=${channel.z}`];
    const queries = banners.flatMap((banner) => filters.map((filter) => banner + filter));
    const asked = queries.flatMap((query) => [a, b].map((on) => ({ on, query })));
    const first = await Promise.all(asked.map(({ on, query }) => results(on, query)));
    // Each either shown or refused by the differencing check: no 500, no 503 (retries gave up).
    for (const [i, answer] of first.entries())
      expect([200, 422], `${asked[i]?.query}: ${answer.text.slice(0, 200)}`).toContain(
        answer.status,
      );
    expect(first.filter((answer) => answer.status === 200).length).toBeGreaterThan(0);
    expect(instances.logs.filter((line) => line.includes('"level":"error"'))).toEqual([]);

    // One ledger on disk: ordinals 0…n−1, each response once.
    const version = (await a.system.deps.catalog.current(survey.id))?.id ?? 0;
    const stored = await a.system.deps.storage.readLedger(version);
    expect(stored.members.map(([, ordinal]) => ordinal).sort((x, y) => x - y)).toEqual(
      stored.members.map((_, i) => i),
    );
    expect(new Set(stored.members.map(([id]) => id)).size).toBe(stored.members.length);
    expect(stored.revision).toBe(await revision());

    // Each worker's copy is the disk's: asked again, every answer is the same and nothing new is
    // written (a copy that differed would decide differently, or write, or be refused as stale).
    const before = await revision();
    const again = await Promise.all(asked.map(({ on, query }) => results(on, query)));
    expect(again.map((answer) => answer.status)).toEqual(first.map((answer) => answer.status));
    for (const [i, answer] of again.entries())
      if (answer.status === 200) expect(answer.body).toEqual(first[i]?.body);
    expect(await revision()).toBe(before);
  }, 120_000);
});
