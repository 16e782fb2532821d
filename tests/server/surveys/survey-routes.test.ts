// Surveys in the console: list with versions and counts, import with the same precise errors as
// at start, open and close.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addAccount, callAdmin, sessionCookie } from "../../support/admin-session.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

const dir = mkdtempSync(join(tmpdir(), "import-surveys-"));
const mini = () => JSON.parse(readFileSync(resolve("tests/fixtures/surveys/mini.json"), "utf8"));
let server: TestServer;
let cookie: string;
beforeAll(async () => {
  writeFileSync(join(dir, "mini.json"), JSON.stringify(mini()));
  server = await startTestServer({ surveysDir: dir });
  cookie = await sessionCookie(server, await addAccount(server, "chief", "admin"));
});
afterAll(() => server.close());

type Listed = {
  surveys: {
    id: string;
    title: string;
    state: string;
    currentVersion: number;
    versions: { version: number; current: boolean; responses: number }[];
  }[];
};

it("lists surveys with their versions and response counts", async () => {
  const answer = await callAdmin(server, { cookie }, "GET", "/admin/surveys");
  expect(answer.body).toMatchObject({
    surveys: [
      {
        id: "mini",
        title: "xx县小问卷",
        state: "open",
        currentVersion: 1,
        versions: [{ version: 1, current: true, responses: 0 }],
      },
    ],
  });
});

it("refuses an invalid survey with the JSON path of each problem, and changes nothing", async () => {
  const broken = mini();
  broken.sections[0].questions[1].options[1].code = broken.sections[0].questions[1].options[0].code;
  const answer = await callAdmin(server, { cookie }, "POST", "/admin/surveys", broken);
  expect(answer.status).toBe(422);
  const fields = (answer.body as { error: { fields: { field: string; message: string }[] } }).error
    .fields;
  expect(fields).toContainEqual({
    field: "sections[0].questions[1].options[1].code",
    message: expect.stringContaining("duplicate code"),
  });
  const listed = (await callAdmin(server, { cookie }, "GET", "/admin/surveys")).body as Listed;
  expect(listed.surveys[0]?.versions).toHaveLength(1);
});

it("imports a changed survey as the current version, which a restart does not undo", async () => {
  const changed = mini();
  changed.title = "{{county}}小问卷（第二版）";
  const answer = await callAdmin(server, { cookie }, "POST", "/admin/surveys", changed);
  expect(answer.status).toBe(201);
  expect(answer.body).toEqual({ surveyId: "mini", version: 2, created: true });
  const same = await callAdmin(server, { cookie }, "POST", "/admin/surveys", changed);
  expect(same.body).toEqual({ surveyId: "mini", version: 2, created: false });
  const link = await server.createLink({ surveyId: "mini" });
  const boot = (await (await fetch(`${server.url}/api/links/${link.id}/survey`)).json()) as {
    survey: { title: string };
  };
  expect(boot.survey.title).toBe("xx县小问卷（第二版）");

  // The old file is still in surveys/: restarting on the same database keeps version 2 current.
  const again = await startTestServer({ surveysDir: dir, store: server.store });
  try {
    expect((await again.system.deps.catalog.current("mini"))?.version).toBe(2);
  } finally {
    await again.close();
  }
});

it("closes a survey for good: it cannot be reopened (closing released what waited)", async () => {
  const link = await server.createLink({ surveyId: "mini" });
  const closed = await callAdmin(server, { cookie }, "POST", "/admin/surveys/mini/state", {
    state: "closed",
  });
  expect(closed.body).toMatchObject({ survey: { state: "closed" } });
  expect((await fetch(`${server.url}/s/${link.id}`)).status).toBe(410);
  const reopened = await callAdmin(server, { cookie }, "POST", "/admin/surveys/mini/state", {
    state: "open",
  });
  expect(reopened.status).toBe(409);
  expect(reopened.body).toMatchObject({ error: { fields: [{ field: "state" }] } });
  expect((await fetch(`${server.url}/s/${link.id}`)).status).toBe(410);
});
