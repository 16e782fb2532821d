// The console's spreadsheet routes on a real server: parse an upload (saving nothing), download a
// stored version and a draft, and refuse what is not an admin's or not a file.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { surveyToXlsx, xlsxToSurvey } from "../../../server/surveys/spreadsheet/survey-xlsx.ts";
import { addAccount, callAdmin, sessionCookie } from "../../support/admin-session.ts";
import { loadSurvey } from "../../support/spreadsheet-surveys.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

let server: TestServer;
let admin: { cookie: string };
let analyst: { cookie: string };
beforeAll(async () => {
  server = await startTestServer();
  admin = { cookie: await sessionCookie(server, await addAccount(server, "chief", "admin")) };
  analyst = { cookie: await sessionCookie(server, await addAccount(server, "reader", "analyst")) };
});
afterAll(() => server.close());

const versions = async () => (await server.system.deps.storage.listVersions()).length;

async function download(path: string, body?: unknown) {
  const response = await fetch(`${server.url}/api${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      Cookie: admin.cookie,
      Origin: server.url,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

it("parses an uploaded file into the survey, saving nothing", async () => {
  const survey = loadSurvey("tests/fixtures/surveys/spreadsheet/every-field.json");
  const fileBase64 = (await surveyToXlsx(survey)).toString("base64");
  const before = await versions();
  const answer = await callAdmin(server, admin, "POST", "/admin/surveys/parse-xlsx", {
    fileBase64: `data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,${fileBase64}`,
  });
  expect(answer.status).toBe(200);
  expect(answer.body).toEqual({ survey, problems: [] });
  expect(await versions()).toBe(before);
});

it("returns the problems with their cells, and no survey", async () => {
  const answer = await callAdmin(server, admin, "POST", "/admin/surveys/parse-xlsx", {
    fileBase64: Buffer.from("not a spreadsheet").toString("base64"),
  });
  expect(answer.status).toBe(200);
  expect(answer.body).toEqual({
    survey: null,
    problems: [expect.objectContaining({ sheet: "(文件)", row: null, column: null })],
  });
});

it.each([
  ["not base64", { fileBase64: "<?xml?>" }],
  ["empty", { fileBase64: "" }],
  ["an extra field", { fileBase64: "UEs=", save: true }],
])("refuses a body that is %s with 422 naming the field", async (_name, body) => {
  const answer = await callAdmin(server, admin, "POST", "/admin/surveys/parse-xlsx", body);
  expect(answer.status).toBe(422);
  expect(answer.text).toContain("fields");
});

it("refuses an upload over the body limit with 413", async () => {
  const answer = await callAdmin(server, admin, "POST", "/admin/surveys/parse-xlsx", {
    fileBase64: "A".repeat(300 * 1024),
  });
  expect(answer.status).toBe(413);
});

it("downloads a stored version as a file that reads back as that version", async () => {
  const [version] = await server.system.deps.storage.listVersions();
  if (!version) throw new Error("no seed version");
  const { response, bytes } = await download(
    `/admin/surveys/${version.surveyId}/versions/${version.version}/xlsx`,
  );
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toContain("spreadsheetml");
  expect(response.headers.get("Content-Disposition")).toBe(
    `attachment; filename="${version.surveyId}-v${version.version}.xlsx"`,
  );
  const stored = (await server.system.deps.storage.getSurveyVersion(version.id))?.definition ?? "";
  expect((await xlsxToSurvey(bytes)).survey).toEqual(JSON.parse(stored));
  const missing = await callAdmin(
    server,
    admin,
    "GET",
    `/admin/surveys/${version.surveyId}/versions/999/xlsx`,
  );
  expect(missing.status).toBe(404);
});

it("downloads a draft; a draft without the format's shape is refused with its fields", async () => {
  const survey = JSON.parse(
    readFileSync("tests/fixtures/surveys/second/patient-satisfaction.json", "utf8"),
  );
  const { response, bytes } = await download("/admin/surveys/to-xlsx", { survey });
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Disposition")).toBe(
    'attachment; filename="patient-satisfaction.xlsx"',
  );
  expect((await xlsxToSurvey(bytes)).survey?.id).toBe("patient-satisfaction");
  const broken = await callAdmin(server, admin, "POST", "/admin/surveys/to-xlsx", {
    survey: { ...survey, sections: [] },
  });
  expect(broken.status).toBe(422);
  expect(broken.text).toContain("survey.sections");
});

it("is for admins only", async () => {
  for (const [method, path, body] of [
    ["POST", "/admin/surveys/parse-xlsx", { fileBase64: "UEs=" }],
    ["POST", "/admin/surveys/to-xlsx", { survey: {} }],
    ["GET", "/admin/surveys/political-ecology/versions/1/xlsx", undefined],
  ] as const) {
    expect((await callAdmin(server, analyst, method, path, body)).status).toBe(403);
    expect((await callAdmin(server, {}, method, path, body)).status).toBe(401);
  }
});
