// Survey drafts in the console: created blank, from a version or from JSON; saved while invalid
// with the problems `survey check` words, each at a dotted path; refused on a stale revision;
// published exactly as importing the same JSON; admins only, and every change audited.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccount, callAdmin, sessionCookie } from "../../support/admin-session.ts";
import { openFingerprinter } from "../../support/db-fingerprint.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

const mini = () => JSON.parse(readFileSync(resolve("tests/fixtures/surveys/mini.json"), "utf8"));

interface Problem {
  path: string;
  message: string;
}
interface Draft {
  id: string;
  survey: unknown;
  problems: Problem[];
  revision: number;
  updatedAt: string;
  basedOn: { surveyId: string; version: number } | null;
}

let server: TestServer;
let admin: { cookie: string };
const dir = mkdtempSync(join(tmpdir(), "drafts-"));
beforeAll(async () => {
  writeFileSync(join(dir, "mini.json"), JSON.stringify(mini()));
  server = await startTestServer({ surveysDir: dir });
  admin = { cookie: await sessionCookie(server, await addAccount(server, "chief", "admin")) };
});
afterAll(() => server.close());

/** DELETE too sends `{}`: every state change is JSON. */
const call = (method: string, path: string, body?: unknown, as = admin) =>
  callAdmin(server, as, method, `/admin${path}`, method === "DELETE" ? {} : body);
const storedVersion = async (version: number) => {
  const [row] = await server.query<{ definition: string }>(
    "SELECT definition FROM survey_versions WHERE survey_id = 'mini' AND version = ?",
    version,
  );
  return JSON.parse(row?.definition ?? "null");
};
const draftOf = (body: unknown) => (body as { draft: Draft }).draft;
async function newDraft(body: unknown): Promise<Draft> {
  const answer = await call("POST", "/drafts", body);
  expect(answer.status, answer.text).toBe(201);
  return draftOf(answer.body);
}
const auditActions = () =>
  server.query<{ at: string; actor: string; action: string; target: string; detail: string }>(
    "SELECT at, actor, action, target, detail FROM audit_log ORDER BY id",
  );

describe("create, read, save, list, delete", () => {
  it("starts a blank draft that is not valid yet, and says why at each path", async () => {
    const draft = await newDraft({ source: "blank" });
    expect(draft.revision).toBe(1);
    expect(draft.basedOn).toBeNull();
    expect(draft.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
    expect(draft.problems).toContainEqual({
      path: "id",
      message: "must be 1-32 letters, digits, _ or -, starting with a letter",
    });
    expect(draft.problems.map((p) => p.path)).toContain("sections.0.questions");
  });

  it("opens a version as a draft based on it, with the JSON as stored", async () => {
    const draft = await newDraft({ source: "version", surveyId: "mini", version: 1 });
    expect(draft.basedOn).toEqual({ surveyId: "mini", version: 1 });
    expect(draft.survey).toEqual(await storedVersion(1));
    expect(draft.problems).toEqual([]);
    const unknown = await call("POST", "/drafts", {
      source: "version",
      surveyId: "mini",
      version: 9,
    });
    expect(unknown.status).toBe(404);
  });

  it("stores any JSON as given, and reports zod and cross-field problems with dotted paths", async () => {
    const survey = mini();
    survey.sections[0].questions[1].options[1].label = "";
    survey.sections[0].questions[1].options[2].code = "A";
    const draft = await newDraft({ source: "survey", survey });
    expect(draft.survey).toEqual(survey);
    // The schema's problem first: the cross-field rules run only on a survey the schema accepts.
    expect(draft.problems).toEqual([
      { path: "sections.0.questions.1.options.1.label", message: "must not be empty" },
    ]);
    survey.sections[0].questions[1].options[1].label = "较好";
    const saved = await call("PUT", `/drafts/${draft.id}`, { survey, revision: 1 });
    expect(draftOf(saved.body).problems).toEqual([
      { path: "sections.0.questions.1.options.2.code", message: 'duplicate code "A"' },
    ]);
  });

  it("saves with the revision read, lists, and deletes", async () => {
    const draft = await newDraft({ source: "survey", survey: { id: "x" } });
    const survey = { ...mini(), id: "renamed", title: "改过的问卷" };
    const saved = await call("PUT", `/drafts/${draft.id}`, { survey, revision: 1 });
    expect(saved.status, saved.text).toBe(200);
    expect(draftOf(saved.body)).toMatchObject({ revision: 2, survey, problems: [] });
    expect(draftOf((await call("GET", `/drafts/${draft.id}`)).body).revision).toBe(2);

    const listed = (await call("GET", "/drafts")).body as { drafts: Record<string, unknown>[] };
    expect(listed.drafts).toContainEqual({
      id: draft.id,
      surveyId: "renamed",
      title: "改过的问卷",
      updatedAt: expect.any(String),
      basedOn: null,
      problemCount: 0,
    });

    expect((await call("DELETE", `/drafts/${draft.id}`)).status).toBe(200);
    expect((await call("GET", `/drafts/${draft.id}`)).status).toBe(404);
    expect((await call("DELETE", `/drafts/${draft.id}`)).status).toBe(404);
    expect((await call("PUT", `/drafts/${draft.id}`, { survey, revision: 2 })).status).toBe(404);
  });

  it("refuses a save on a stale revision (two admins editing) and keeps the first", async () => {
    const draft = await newDraft({ source: "version", surveyId: "mini", version: 1 });
    const first = { ...mini(), title: "甲改的" };
    const second = { ...mini(), title: "乙改的" };
    expect((await call("PUT", `/drafts/${draft.id}`, { survey: first, revision: 1 })).status).toBe(
      200,
    );
    const late = await call("PUT", `/drafts/${draft.id}`, { survey: second, revision: 1 });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({
      error: { code: "conflict", fields: [{ field: "revision" }] },
    });
    const kept = draftOf((await call("GET", `/drafts/${draft.id}`)).body);
    expect(kept).toMatchObject({ revision: 2, survey: first });
  });

  it("refuses a draft too deep or too long, storing nothing", async () => {
    const prints = openFingerprinter(server.at);
    try {
      let deep: unknown = "x";
      for (let i = 0; i < 40; i++) deep = [deep];
      const before = await prints.take();
      const tooDeep = await call("POST", "/drafts", { source: "survey", survey: deep });
      expect(tooDeep.status).toBe(422);
      const long = { ...mini(), intro: "长".repeat(210_000) };
      const tooLong = await call("POST", "/drafts", { source: "survey", survey: long });
      expect([413, 422]).toContain(tooLong.status);
      const missing = await call("POST", "/drafts", { source: "survey" });
      expect(missing.status).toBe(422);
      expect(await prints.take()).toEqual(before);
    } finally {
      await prints.close();
    }
  });
});

describe("publish", () => {
  it("makes the same version importing that JSON makes, and deletes the draft", async () => {
    const survey = mini();
    survey.sections[0].questions[1].options[1].label = "比较好";
    const draft = await newDraft({ source: "version", surveyId: "mini", version: 1 });
    await call("PUT", `/drafts/${draft.id}`, { survey, revision: 1 });
    const published = await call("POST", `/drafts/${draft.id}/publish`, { revision: 2 });
    expect(published.status, published.text).toBe(201);
    expect(published.body).toEqual({ surveyId: "mini", version: 2, created: true });
    expect((await call("GET", `/drafts/${draft.id}`)).status).toBe(404);

    // Importing the very same JSON finds that version: same content, same hash, same text.
    const imported = await call("POST", "/surveys", survey);
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual({ surveyId: "mini", version: 2, created: false });
    expect((await storedVersion(2)).sections[0].questions[1].options[1].label).toBe("比较好");
    // Links serve it from now on.
    const link = await server.createLink({ surveyId: "mini" });
    const served = await fetch(`${server.url}/api/links/${link.id}/survey`);
    const body = (await served.json()) as { survey: { sections: { questions: unknown[] }[] } };
    expect(body.survey.sections[0]?.questions[1]).toMatchObject({
      options: expect.arrayContaining([{ code: "B", label: "比较好" }]),
    });
  });

  it("refuses an invalid draft with its problems, a stale revision, and changes nothing", async () => {
    const broken = mini();
    broken.sections[1].questions[0].options[0].code = "B";
    const draft = await newDraft({ source: "survey", survey: broken });
    const prints = openFingerprinter(server.at);
    try {
      const before = await prints.take();
      const refused = await call("POST", `/drafts/${draft.id}/publish`, { revision: 1 });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        error: {
          code: "invalid",
          fields: [
            { field: "sections.1.questions.0.options.1.code", message: 'duplicate code "B"' },
          ],
        },
      });
      await call("PUT", `/drafts/${draft.id}`, { survey: mini(), revision: 1 });
      const between = await prints.take();
      const stale = await call("POST", `/drafts/${draft.id}/publish`, { revision: 1 });
      expect(stale.status).toBe(409);
      expect(await prints.take()).toEqual(between);
      expect(before.survey_versions).toEqual(between.survey_versions);
    } finally {
      await prints.close();
    }
  });
});

describe("who may, and what the audit log keeps", () => {
  it("refuses analysts and distributors on every draft route", async () => {
    const draft = await newDraft({ source: "blank" });
    for (const role of ["analyst", "distributor"] as const) {
      const as = {
        cookie: await sessionCookie(server, await addAccount(server, `${role}-1`, role)),
      };
      const requests: [string, string, unknown?][] = [
        ["GET", "/drafts"],
        ["POST", "/drafts", { source: "blank" }],
        ["GET", `/drafts/${draft.id}`],
        ["PUT", `/drafts/${draft.id}`, { survey: {}, revision: 1 }],
        ["DELETE", `/drafts/${draft.id}`],
        ["GET", `/drafts/${draft.id}/diff`],
        ["POST", `/drafts/${draft.id}/publish`, { revision: 1 }],
        ["GET", `/drafts/${draft.id}/preview-survey`],
      ];
      for (const [method, path, body] of requests)
        expect((await call(method, path, body, as)).status, `${role} ${method} ${path}`).toBe(403);
    }
  });

  it("audits create, save (once a minute), delete and publish, to the minute and without counts", async () => {
    const start = (await auditActions()).length;
    const draft = await newDraft({ source: "version", surveyId: "mini", version: 1 });
    const survey = { ...mini(), title: "审计用" };
    await call("PUT", `/drafts/${draft.id}`, { survey, revision: 1 });
    await call("PUT", `/drafts/${draft.id}`, { survey, revision: 2 });
    await call("POST", `/drafts/${draft.id}/publish`, { revision: 3 });
    const other = await newDraft({ source: "blank" });
    await call("DELETE", `/drafts/${other.id}`);
    const lines = (await auditActions()).slice(start);
    expect(lines.map((l) => [l.action, l.target, l.detail])).toEqual([
      ["draft.create", draft.id, "由 mini v1"],
      ["draft.save", draft.id, ""],
      ["survey.publish", "mini", `v3（草稿 ${draft.id}）`],
      ["draft.create", other.id, "空白"],
      ["draft.delete", other.id, ""],
    ]);
    for (const line of lines) {
      expect(line.actor).toBe("chief");
      expect(line.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
    }
  });
});
