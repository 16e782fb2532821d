// The phone preview of a draft: only for an admin's session, the page shell marked as a preview,
// the respondent view exactly as a link serves one; and nothing a preview page could send, to any
// route it could reach, stores a response or changes any table.
import { afterAll, beforeAll, expect, it } from "vitest";
import { addAccount, callAdmin, sessionCookie } from "../../support/admin-session.ts";
import { newSubmissionId } from "../../support/api.ts";
import { changedTables, openFingerprinter } from "../../support/db-fingerprint.ts";
import { fullAnswers, loadSeedSurvey } from "../../support/survey-answers.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

const SURVEY = "political-ecology";
let server: TestServer;
let admin: string;
let analyst: string;
let draftId: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await sessionCookie(server, await addAccount(server, "chief", "admin"));
  analyst = await sessionCookie(server, await addAccount(server, "fenxi", "analyst"));
  const answer = await callAdmin(server, { cookie: admin }, "POST", "/admin/drafts", {
    source: "version",
    surveyId: SURVEY,
    version: 1,
  });
  draftId = (answer.body as { draft: { id: string } }).draft.id;
});
afterAll(() => server.close());

const page = (path: string, cookie?: string, method = "GET") =>
  fetch(`${server.url}${path}`, {
    method,
    headers: cookie ? { Cookie: cookie, Origin: server.url } : {},
  });

it("serves the phone page marked as a preview to an admin, and 404 to anyone else", async () => {
  const shown = await page(`/admin/preview/${draftId}`, admin);
  expect(shown.status).toBe(200);
  expect(shown.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
  const html = await shown.text();
  const data = html.match(/<script type="application\/json" id="survey-data">(.*?)<\/script>/s);
  const boot = JSON.parse(data?.[1] ?? "{}");
  const link = await server.createLink({ surveyId: SURVEY });
  const linked = await (await fetch(`${server.url}/api/links/${link.id}/survey`)).json();
  // What a link's page embeds, less everything that could name a link or take a submission.
  expect(boot).toEqual({ preview: true, lockedCategory: null, survey: linked.survey });
  expect(html).toContain("<survey-page>");
  for (const cookie of [undefined, analyst, "survey_admin=forged"])
    expect((await page(`/admin/preview/${draftId}`, cookie)).status).toBe(404);
  expect((await page("/admin/preview/no-such-draft", admin)).status).toBe(404);
});

it("answers the respondent view as a link's survey route does", async () => {
  const link = await server.createLink({ surveyId: SURVEY });
  const linked = (await (await fetch(`${server.url}/api/links/${link.id}/survey`)).json()) as {
    survey: unknown;
  };
  const answer = await callAdmin(
    server,
    { cookie: admin },
    "GET",
    `/admin/drafts/${draftId}/preview-survey`,
  );
  expect(answer.status).toBe(200);
  expect(answer.body).toEqual({
    linkId: `preview-${draftId}`,
    version: 0,
    lockedCategory: null,
    survey: linked.survey,
  });
});

it("refuses to preview a draft with problems, naming them", async () => {
  const broken = await callAdmin(server, { cookie: admin }, "POST", "/admin/drafts", {
    source: "survey",
    survey: { id: "x", title: "" },
  });
  const id = (broken.body as { draft: { id: string } }).draft.id;
  const shown = await page(`/admin/preview/${id}`, admin);
  expect(shown.status).toBe(422);
  expect(await shown.text()).toContain("草稿还有");
  const api = await callAdmin(
    server,
    { cookie: admin },
    "GET",
    `/admin/drafts/${id}/preview-survey`,
  );
  expect(api.status).toBe(422);
});

it("stores nothing, whatever a preview page sends wherever it can", async () => {
  const { deps } = server.system;
  const link = await server.createLink({ surveyId: SURVEY });
  const batch = await callAdmin(server, { cookie: admin }, "POST", "/admin/batches", {
    surveyId: SURVEY,
    label: "预览测试",
    count: 1,
  });
  const batchId = (batch.body as { batch: { id: string } }).batch.id;
  const [code] = await server.query<{ code: string }>(
    "SELECT code FROM codes WHERE batch_id = ?",
    batchId,
  );
  // Whatever the preview says its link and version are is what a page would send.
  const view = await callAdmin(
    server,
    { cookie: admin },
    "GET",
    `/admin/drafts/${draftId}/preview-survey`,
  );
  const { linkId: preview, version } = view.body as { linkId: string; version: number };
  const submission = () => ({
    submissionId: newSubmissionId(),
    version,
    ...fullAnswers(loadSeedSurvey(), "A"),
  });
  const prints = openFingerprinter(server.at);
  try {
    await deps.upkeep.catchUp();
    const before = await prints.take();
    await (await page(`/admin/preview/${draftId}`, admin)).text();
    const sends: [string, string][] = [
      ["POST", "/api/"],
      ["POST", `/api/links/${preview}/responses`],
      ["POST", `/api/codes/${preview}/responses`],
      ["GET", `/api/links/${preview}/challenge`],
      ["POST", `/api/links/${link.id}/responses`],
      ["POST", `/api/codes/${code?.code}/responses`],
      ["POST", `/api/admin/drafts/${draftId}/preview-survey`],
      ["POST", `/api/admin/drafts/${draftId}/responses`],
      ["POST", `/admin/preview/${draftId}`],
    ];
    for (const [method, path] of sends) {
      const answer = await fetch(`${server.url}${path}`, {
        method,
        headers: { Cookie: admin, Origin: server.url, "Content-Type": "application/json" },
        body: method === "GET" ? undefined : JSON.stringify(submission()),
      });
      expect(answer.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(answer.status, `${method} ${path}`).toBeLessThan(500);
    }
    // The group commit and the indexer have had their chance to write.
    await new Promise((done) => setTimeout(done, 50));
    await deps.upkeep.catchUp();
    expect(changedTables(before, await prints.take())).toEqual([]);
    expect(await server.countResponses()).toBe(0);
  } finally {
    await prints.close();
  }
});
