// The returns monitor: completed against targets per category, per link and per batch, in
// counts of released cohorts only, with no response and no time finer than a day.
import { resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addAccount, callAdmin, sessionCookie } from "../../support/admin-session.ts";
import { newSubmissionId, postJson } from "../../support/api.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

let server: TestServer;
let cookie: string;
beforeAll(async () => {
  server = await startTestServer({ surveysDir: resolve("tests/fixtures/surveys") });
  cookie = await sessionCookie(server, await addAccount(server, "watcher", "distributor"));
});
afterAll(() => server.close());

const answers = { Q2: "B", Q3: ["A", "B"], Q4: "B" };

it("counts returns per category, link and batch against targets, caps and codes issued", async () => {
  const link = await server.createLink({ surveyId: "mini", label: "机关", cap: 10 });
  const open = await server.createLink({ surveyId: "mini", label: "群众" });
  const batch = await callAdmin(server, { cookie }, "POST", "/admin/batches", {
    surveyId: "mini",
    label: "纸质",
    category: "B",
    count: 10,
  });
  const { id: batchId } = (batch.body as { batch: { id: string } }).batch;
  const sheet = await callAdmin(server, { cookie }, "GET", `/admin/batches/${batchId}/slips`);
  const codes = [...sheet.text.matchAll(/\/c\/([A-Za-z0-9_-]{22})</g)].map((m) => m[1]);
  const targets = await callAdmin(server, { cookie }, "PUT", "/admin/surveys/mini/targets", {
    total: 20,
    categories: { A: 5, B: 15 },
  });
  expect(targets.status).toBe(200);

  const version = (
    (await (await fetch(`${server.url}/api/links/${link.id}/survey`)).json()) as { version: number }
  ).version;
  const send = (path: string, extra: Record<string, string> = {}) =>
    postJson(`${server.url}/api${path}`, {
      submissionId: newSubmissionId(),
      version,
      answers: { ...answers, ...extra },
    });
  const returns = async () => {
    const answer = await callAdmin(server, { cookie }, "GET", "/admin/returns?survey=mini");
    expect(answer.status).toBe(200);
    return answer;
  };
  for (let i = 0; i < 4; i++)
    expect((await send(`/links/${link.id}/responses`, { Q1: "A" })).status).toBe(201);
  expect((await send(`/links/${open.id}/responses`, { Q1: "B" })).status).toBe(201);
  for (const code of codes.slice(0, 2))
    expect((await send(`/codes/${code}/responses`)).status).toBe(201);
  // Seven stored, but no category × channel cell holds five yet: nothing is counted.
  expect((await returns()).body).toMatchObject({ total: { completed: 0 } });

  // The fifth through 机关 releases that cell's cohort; three more codes release the batch's.
  expect((await send(`/links/${link.id}/responses`, { Q1: "A" })).status).toBe(201);
  for (const code of codes.slice(2, 5))
    expect((await send(`/codes/${code}/responses`)).status).toBe(201);
  const answer = await returns();
  expect(answer.body).toMatchObject({
    surveyId: "mini",
    total: { completed: 10, target: 20, rate: 10 / 20 },
    categories: [
      { code: "A", label: "一般干部", completed: 5, target: 5, rate: 1 },
      { code: "B", label: "普通群众", completed: 5, target: 15, rate: 5 / 15 },
    ],
    links: expect.arrayContaining([
      expect.objectContaining({ label: "机关", completed: 5, cap: 10, rate: 5 / 10 }),
      // One response waits in 群众: not counted until four more join it.
      expect.objectContaining({ label: "群众", completed: 0, cap: null, rate: null }),
    ]),
    batches: [
      expect.objectContaining({
        label: "纸质",
        categoryLabel: "普通群众",
        issued: 10,
        completed: 5,
        rate: 0.5,
      }),
    ],
  });
  // Nothing at the level of a respondent: no response id, no code, no clock time.
  const text = answer.text;
  for (const row of await server.query<{ id: string }>("SELECT id FROM responses"))
    expect(text).not.toContain(row.id);
  for (const code of codes) expect(text).not.toContain(code);
  expect(text).not.toMatch(/T\d\d:\d\d/);
  expect((answer.body as { asOf: string }).asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});

it("refuses targets for a category the survey does not have", async () => {
  const answer = await callAdmin(server, { cookie }, "PUT", "/admin/surveys/mini/targets", {
    total: null,
    categories: { Z: 5 },
  });
  expect(answer.status).toBe(422);
  expect(answer.text).toContain("categories.Z");
});
