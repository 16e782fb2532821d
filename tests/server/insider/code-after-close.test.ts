// Attack 3 (state pages): whoever holds X's slip must not learn from the page whether X answered
// (README, Threat model: "used, revoked and unknown codes answer alike"). After the survey is
// closed nobody can answer any more, so a used and an unused code should answer alike too.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { issueCodes, submitDirectly } from "../../e2e/page-level-steps.ts";
import { addAccount, callAdmin, sessionCookie } from "../../support/admin-session.ts";
import { newSubmissionId, postJson } from "../../support/api.ts";
import { loadSeedSurvey } from "../../support/survey-answers.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

const survey = loadSeedSurvey();
let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await server?.close();
});

/** Everything a slip holder can see of one code: page status and text, the API's two answers. */
async function seen(code: string) {
  const page = await fetch(`${server.url}/c/${code}`);
  const body = (await page.text()).replaceAll(code, "CODE");
  const api = await fetch(`${server.url}/api/codes/${code}/survey`);
  const post = await postJson(`${server.url}/api/codes/${code}/responses`, {
    submissionId: newSubmissionId(),
    version: 1,
    answers: {},
    otherText: {},
  });
  return {
    page: page.status,
    body,
    api: api.status,
    apiBody: (await api.text()).replaceAll(code, "CODE"),
    post: post.status,
  };
}

describe("attack 3: a slip after the survey is closed", () => {
  it("a used and an unused code of a closed survey answer alike", async () => {
    const [used, unused] = await issueCodes(server, survey.id, 2);
    if (!used || !unused) throw new Error("codes");
    await submitDirectly(server, `/api/codes/${used.code}`, survey);
    const admin = await sessionCookie(server, await addAccount(server, "guanli", "admin"));
    const closed = await callAdmin(
      server,
      { cookie: admin },
      "POST",
      `/admin/surveys/${survey.id}/state`,
      {
        state: "closed",
      },
    );
    expect(closed.status).toBe(200);
    const a = await seen(used.code);
    const b = await seen(unused.code);
    expect(a).toEqual(b);
  });
});
