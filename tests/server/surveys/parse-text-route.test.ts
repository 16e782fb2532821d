// POST /api/admin/surveys/parse-text: pasted text in, a survey and its problems out, nothing saved;
// admins only, and a bad body is refused naming `text`.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parseSurvey } from "../../../surveys/format/parse-survey.ts";
import { addAccount, callAdmin, sessionCookie } from "../../support/admin-session.ts";
import { type Fingerprinter, openFingerprinter } from "../../support/db-fingerprint.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

const PATH = "/admin/surveys/parse-text";
const teachers = readFileSync("tests/fixtures/questionnaires/teacher-survey.txt", "utf8");
let server: TestServer;
let prints: Fingerprinter;
let admin: { cookie: string };
let analyst: { cookie: string };

beforeAll(async () => {
  server = await startTestServer();
  admin = { cookie: await sessionCookie(server, await addAccount(server, "chief", "admin")) };
  analyst = { cookie: await sessionCookie(server, await addAccount(server, "reader", "analyst")) };
  prints = openFingerprinter(server.at);
});
afterAll(async () => {
  await prints.close();
  await server.close();
});

const fields = (body: unknown) =>
  (body as { error: { fields?: { field: string }[] } }).error.fields?.map((f) => f.field);

it("answers the survey read from the text and its problems, and saves nothing", async () => {
  const before = await prints.take();
  const answer = await callAdmin(server, admin, "POST", PATH, { text: `${teachers}\n页脚` });
  expect(answer.status).toBe(200);
  const body = answer.body as { survey: unknown; problems: { line: number; message: string }[] };
  expect(Object.keys(body).sort()).toEqual(["problems", "survey"]);
  expect(parseSurvey(body.survey, "answer").ok).toBe(true);
  expect(body.survey).toMatchObject({ title: "xx县中小学教师工作负担情况调查问卷" });
  const lastLine = `${teachers}\n页脚`.split("\n").length;
  expect(body.problems).toEqual([{ line: lastLine, message: expect.any(String) }]);
  expect(await prints.take()).toEqual(before);
  // Not even an audit entry: reading text changes nothing worth recording.
  const listed = await callAdmin(server, admin, "GET", "/admin/surveys");
  expect(JSON.stringify(listed.body)).not.toContain("教师工作负担");
});

it("is for admins only: an analyst gets 403", async () => {
  const answer = await callAdmin(server, analyst, "POST", PATH, { text: teachers });
  expect(answer.status).toBe(403);
});

it.each([
  ["a number", { text: 42 }],
  ["no text", {}],
  ["null", { text: null }],
  ["too long", { text: "问".repeat(60_001) }],
])("refuses %s with 422 naming text, saving nothing", async (_name, body) => {
  const before = await prints.take();
  const answer = await callAdmin(server, admin, "POST", PATH, body);
  expect(answer.status).toBe(422);
  expect(fields(answer.body)).toContain("text");
  expect(await prints.take()).toEqual(before);
});

it("refuses a body over the server's limit with 413", async () => {
  const answer = await callAdmin(server, admin, "POST", PATH, { text: "问".repeat(300_000) });
  expect(answer.status).toBe(413);
});
