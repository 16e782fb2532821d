// The results routes over HTTP on a real server: the view, refusals that change nothing, and the
// four downloads read back with other libraries (SheetJS for XLSX, mammoth for DOCX).
import { utils } from "@e965/xlsx";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tabulation } from "../../../server/tabulate/results-schemas.ts";
import { addAccount, type Caller, callAdmin, sessionCookie } from "../../support/admin-session.ts";
import { newSubmissionId, postJson } from "../../support/api.ts";
import { fullAnswers, loadSeedSurvey } from "../../support/survey-answers.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";
import { parseCsv, readWorkbook } from "../export/read-back.ts";

const survey = loadSeedSurvey();
const SURVEY = "political-ecology";
const HYPERLINK = '=HYPERLINK("http://evil.example","点我")';
let server: TestServer;
let analyst: Caller;
let admin: Caller;

/** 12 A (each with a hostile “其他” text), 10 D, 3 J and 2 K (both under k, 5 together, so no
 * complement is needed) and 8 D through a second channel. */
const PLAN = [
  ...Array.from({ length: 12 }, () => ({ category: "A", channel: "main", other: HYPERLINK })),
  ...Array.from({ length: 10 }, () => ({ category: "D", channel: "main", other: "县直单位作风" })),
  ...Array.from({ length: 3 }, () => ({ category: "J", channel: "main", other: "少数人" })),
  ...Array.from({ length: 2 }, () => ({ category: "K", channel: "main", other: "企业" })),
  ...Array.from({ length: 8 }, () => ({ category: "D", channel: "second", other: "第二渠道" })),
];

beforeAll(async () => {
  server = await startTestServer();
  analyst = { cookie: await sessionCookie(server, await addAccount(server, "fenxi", "analyst")) };
  admin = { cookie: await sessionCookie(server, await addAccount(server, "boss", "admin")) };
  const links = {
    main: await server.createLink({ label: "县直单位" }),
    second: await server.createLink({ label: "乡镇党委" }),
  };
  const boot = await fetch(`${server.url}/api/links/${links.main.id}/survey`);
  const { version } = (await boot.json()) as { version: number };
  for (const p of PLAN) {
    const { answers, otherText } = fullAnswers(survey, p.category);
    for (const code of Object.keys(otherText)) otherText[code] = p.other;
    const body = { submissionId: newSubmissionId(), version, answers, otherText };
    const posted = await postJson(
      `${server.url}/api/links/${links[p.channel as "main"].id}/responses`,
      body,
    );
    expect(posted.status).toBe(201);
  }
  // J (3) and K (2) are cells under k: they wait until the survey closes, then all are released.
  const closed = await callAdmin(server, admin, "POST", `/admin/surveys/${SURVEY}/state`, {
    state: "closed",
  });
  expect(closed.status).toBe(200);
});
afterAll(() => server.close());

const get = (path: string) => callAdmin(server, analyst, "GET", path);
const auditActions = async () => {
  const audit = await callAdmin(server, admin, "GET", "/admin/audit");
  return JSON.stringify(audit.body);
};

async function download(path: string) {
  const response = await fetch(`${server.url}/api${path}`, {
    headers: { Cookie: analyst.cookie ?? "" },
  });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe("the results view", () => {
  it("tabulates every response, hides the small category with a complement, and logs the view", async () => {
    const answer = await get(`/admin/results?survey=${SURVEY}`);
    expect(answer.status).toBe(200);
    const t = answer.body as Tabulation;
    expect(t.respondents).toBe(PLAN.length);
    const byKey = Object.fromEntries(t.columns.map((c) => [c.key, c]));
    expect(byKey.A).toMatchObject({ n: 12, hidden: null });
    expect(byKey.D).toMatchObject({ n: 18, hidden: null });
    expect(byKey.J).toMatchObject({ n: null, hidden: "small" });
    expect(byKey.K).toMatchObject({ n: null, hidden: "small" });
    expect(await auditActions()).toContain("results.view");
  });

  it("offers the channels (ids with their labels, by label) and days present", async () => {
    const answer = await get(`/admin/results/options?survey=${SURVEY}`);
    expect(answer.body).toMatchObject({
      channels: [
        { id: await server.channelOf("乡镇党委"), label: "乡镇党委" },
        { id: await server.channelOf("县直单位"), label: "县直单位" },
      ],
      minBase: 5,
      current: 1,
    });
  });

  it("refuses a channel it does not know, naming the field", async () => {
    const answer = await get(`/admin/results?survey=${SURVEY}&channel=县直单位`);
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ error: { fields: [{ field: "channel" }] } });
  });

  it("refuses a banner that is not single choice, naming the field, and logs nothing", async () => {
    const before = await auditActions();
    const answer = await get(`/admin/results?survey=${SURVEY}&banner=Q11`);
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ error: { fields: [{ field: "banner" }] } });
    const reversed = await get(`/admin/results?survey=${SURVEY}&from=2030-01-02&to=2030-01-01`);
    expect(reversed.body).toMatchObject({ error: { fields: [{ field: "to" }] } });
    const malformed = await get(`/admin/results?survey=${SURVEY}&from=yesterday`);
    expect(malformed.status).toBe(422);
    expect(JSON.stringify(malformed.body)).toContain("from");
    expect(await auditActions()).toBe(before);
  });

  it("404s an unknown survey or version", async () => {
    expect((await get("/admin/results?survey=nope")).status).toBe(404);
    expect((await get(`/admin/results?survey=${SURVEY}&version=9`)).status).toBe(404);
  });
});

describe("downloads", () => {
  it("XLSX: summary, a sheet per question, raw data without small groups, codebook; no formulas", async () => {
    const { response, bytes } = await download(`/admin/results/export.xlsx?survey=${SURVEY}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain("attachment");
    const book = readWorkbook(bytes);
    expect(book.SheetNames).toEqual([
      "概要",
      "主要指标",
      ...survey.sections.flatMap((s) => s.questions.map((q) => q.code)),
      "原始数据",
      "编码表",
    ]);
    const raw = utils.sheet_to_json<Record<string, unknown>>(book.Sheets.原始数据!, {
      defval: null,
      range: findHeader(book.Sheets.原始数据!),
    });
    // J (3) and K (2) are under k: their rows are left out; A and D (12 + 18) are listed.
    expect(raw.length).toBe(30);
    expect(new Set(raw.map((r) => r.类别代码))).toEqual(new Set(["A", "D"]));
    for (const sheet of Object.values(book.Sheets))
      for (const [address, cell] of Object.entries(sheet)) {
        if (address.startsWith("!")) continue;
        expect((cell as { f?: string }).f, address).toBeUndefined();
        const value = (cell as { v?: unknown }).v;
        if (typeof value === "string") expect(value.startsWith("=")).toBe(false);
      }
    const q11 = utils.sheet_to_json<string[]>(book.Sheets.Q11!, { header: 1, defval: "" });
    expect(JSON.stringify(q11)).toContain(`'${HYPERLINK}`.replaceAll('"', '\\"'));
  });

  it("CSV: BOM, RFC 4180, and a =HYPERLINK text comes out inert", async () => {
    const { response, bytes } = await download(`/admin/results/export.csv?survey=${SURVEY}`);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv(bytes.subarray(3).toString("utf8"));
    const cells = records.flat();
    expect(cells).toContain(`'${HYPERLINK}`);
    expect(cells.some((c) => /^[=+\-@\t\r]/.test(c))).toBe(false);
  });

  it("DOCX: the seed report's sentences, filled, and the small group named as withheld", async () => {
    const { bytes } = await download(`/admin/results/report.docx?survey=${SURVEY}`);
    const { value } = await mammoth.extractRawText({ buffer: bytes });
    expect(value).toMatch(/在“您认为当前xx县政治生态如何？”的选项中，选择“好”的占 \d+\.\d%/);
    expect(value).toMatch(/\d+\.\d% 的被调查者认为“[^”]+”是当前xx县政治生态建设存在的主要问题/);
    expect(value).toContain("普通群众");
    expect(value).toContain("不予发布");
  });

  it("HTML report: printable, our stylesheet, no script, hostile text escaped", async () => {
    const { response, bytes } = await download(`/admin/results/report.html?survey=${SURVEY}`);
    const page = bytes.toString("utf8");
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(response.headers.get("content-security-policy")).toContain("script-src");
    expect(page).toContain("/static/report.css");
    expect(page).not.toContain("<script");
    expect((await fetch(`${server.url}/static/report.css`)).status).toBe(200);
  });

  it("every download is in the audit log", async () => {
    const log = await auditActions();
    for (const action of [
      "results.download.xlsx",
      "results.download.csv",
      "results.download.docx",
      "results.report.html",
    ])
      expect(log).toContain(action);
  });
});

/** The raw sheet may open with a note row; the header row starts with 序号. */
function findHeader(sheet: import("@e965/xlsx").WorkSheet): number {
  const rows = utils.sheet_to_json<unknown[]>(sheet, { header: 1, defval: null });
  return rows.findIndex((row) => row[0] === "序号");
}
