// The independent check: a second survey in another domain (patient satisfaction: the category
// question second, k = 3, a 5-point scale with two non-substantive options, max-2 multiple choice
// with 其他, display logic, a variable), 80 responses submitted over HTTP, and every download read
// back and compared cell by cell with plain-loop counts of what was submitted (patient-plan.ts).
import { resolve } from "node:path";
import { utils } from "@e965/xlsx";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categoryWordingsOf, privacyRoute } from "../../../server/privacy/privacy-page.ts";
import { addAccount, type Caller, callAdmin, sessionCookie } from "../../support/admin-session.ts";
import { newSubmissionId, postJson } from "../../support/api.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";
import { bannerTables } from "./banner-tables.ts";
import {
  choiceQuestions,
  expectedCsvRecords,
  expectedRawHeader,
  expectedRawRows,
  expectedReportTable,
  expectedSheet,
  sortRows,
  validLabel,
} from "./patient-expected.ts";
import { COLUMNS, K, PLAN, question, SURVEY_DIR, SURVEY_ID } from "./patient-plan.ts";
import { parseCsv, readWorkbook } from "./read-back.ts";

let server: TestServer;
let analyst: Caller;
const unusedChannel = { id: "" };
const query = `survey=${SURVEY_ID}`;

beforeAll(async () => {
  server = await startTestServer({ surveysDir: resolve(SURVEY_DIR) });
  analyst = { cookie: await sessionCookie(server, await addAccount(server, "fenxi", "analyst")) };
  const admin = { cookie: await sessionCookie(server, await addAccount(server, "boss", "admin")) };
  const links = {
    门诊楼: await server.createLink({ surveyId: SURVEY_ID, label: "门诊楼" }),
    住院部: await server.createLink({ surveyId: SURVEY_ID, label: "住院部" }),
  };
  unusedChannel.id = (
    await server.createLink({ surveyId: SURVEY_ID, label: "急诊通道" })
  ).channelId;
  const boot = await fetch(`${server.url}/api/links/${links.门诊楼.id}/survey`);
  const { version } = (await boot.json()) as { version: number };
  for (const { channel, answers, otherText } of PLAN) {
    const body = { submissionId: newSubmissionId(), version, answers, otherText };
    const posted = await postJson(`${server.url}/api/links/${links[channel].id}/responses`, body);
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
  }
  // Cells under k wait for company; closing releases them all, so every response is counted.
  const closed = await callAdmin(server, admin, "POST", `/admin/surveys/${SURVEY_ID}/state`, {
    state: "closed",
  });
  expect(closed.status).toBe(200);
}, 60_000);
afterAll(() => server.close());

async function download(path: string): Promise<Buffer> {
  const response = await fetch(`${server.url}/api/admin/results/${path}?${query}`, {
    headers: { Cookie: analyst.cookie ?? "" },
  });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

const grid = (sheet: Parameters<typeof utils.sheet_to_json>[0] | undefined) =>
  utils.sheet_to_json<(string | number | null)[]>(sheet ?? {}, {
    header: 1,
    defval: null,
    raw: true,
  });

describe("every download of a second survey equals a hand count of what was submitted", () => {
  it("XLSX: each question sheet, header to base rows, and shares stored as the printed figure", async () => {
    const book = readWorkbook(await download("export.xlsx"));
    for (const q of choiceQuestions) {
      const rows = grid(book.Sheets[q.code]).slice(2);
      const expected = expectedSheet(q);
      expect(rows.slice(0, expected.length), q.code).toEqual(expected);
    }
    // 23 of 80 chose 非常满意: 28.75 % exactly, printed 28.8 % (half up), never 28.7 %.
    const overall = book.Sheets.overall;
    expect(overall?.C5).toMatchObject({ v: 0.288, w: "28.8%" });
    const codebook = grid(book.Sheets.编码表).flat().join("\n");
    expect(codebook).not.toContain("不作评价");
  });

  it("XLSX raw sheet: every note under its own 其他 column, rows equal to the submitted answers", async () => {
    const book = readWorkbook(await download("export.xlsx"));
    const rows = grid(book.Sheets.原始数据);
    const at = rows.findIndex((r) => r[0] === "序号");
    expect(rows[at]).toEqual(expectedRawHeader());
    const body = rows.slice(at + 1).map((r) => r.slice(1));
    expect(sortRows(body)).toEqual(expectedRawRows());
  });

  it("CSV: every table record, bases of 未显示 rows included", async () => {
    const records = parseCsv((await download("export.csv")).subarray(3).toString("utf8"));
    const tables = records.filter(
      (r) => r[2] !== "其他说明" && r[2] !== "文字回答" && r[2] !== "说明",
    );
    expect(tables.slice(1)).toEqual(expectedCsvRecords());
    const row = records.find((r) => r[0] === "overall" && r[2] === "非常满意" && r[3] === "全体");
    expect(row?.slice(4, 7)).toEqual(["80", "23", "28.8"]);
  });

  it("Word: every table cell, 28.8 % in the sentence, and a word for the empty and the protected group", async () => {
    const buffer = await download("report.docx");
    const { value: html } = await mammoth.convertToHtml({ buffer });
    // Each appendix table carries its caption ("附表1　mode　…") as a first row, so it repeats.
    const tables = bannerTables(html).map((rows) =>
      rows.filter((row) => !(row.length === 1 && row[0]?.startsWith("附表"))),
    );
    expect(tables).toEqual(choiceQuestions.map(expectedReportTable));
    const { value: text } = await mammoth.extractRawText({ buffer });
    expect(text).toContain(`在“${question("overall").text}”的选项中，选择“非常满意”的占 28.8%`);
    expect(text).toContain("（不含“说不清”、“不确定”，");
    expect(text).toContain("中医科：无人作答，没有占比。");
    expect(text).toContain("妇产科：为避免通过相减推算出人数较少组别的结果，按规定不予发布。");
    expect(text).not.toMatch(/不作评价|身份/);
  });

  it("printable page: the same cells as the Word report", async () => {
    const html = (await download("report.html")).toString("utf8");
    expect(bannerTables(html)).toEqual(choiceQuestions.map(expectedReportTable));
    expect(html).toContain("选择“非常满意”的占 28.8%");
  });

  it("labels come from this survey: its non-substantive options and its category question", async () => {
    const book = readWorkbook(await download("export.xlsx"));
    const labels = grid(book.Sheets.overall).map((r) => r[0]);
    expect(labels).toContain(validLabel(question("overall")));
    expect(validLabel(question("overall"))).toBe("有效基数（不含“说不清”、“不确定”及未作答）");
    const page = await privacyRoute(categoryWordingsOf(server.system.deps)).request("/privacy");
    const privacy = await page.text();
    expect(privacy).toContain("“您本次就诊的科室是?”");
    expect(privacy).not.toMatch(/身份题|身份类别/);
    const generic = await (await fetch(`${server.url}/privacy`)).text();
    expect(generic).not.toMatch(/身份题|身份类别/);
  });
});

describe("a selection naming what is not there is refused by name", () => {
  const get = (q: string) => callAdmin(server, analyst, "GET", `/admin/results?${query}&${q}`);

  it("a channel this survey's responses do not come from: 422, not an empty table", async () => {
    const answer = await get(`channel=${unusedChannel.id}`);
    expect(answer.status).toBe(422);
    expect(answer.text).toContain(unusedChannel.id);
    expect(answer.body).toMatchObject({ error: { fields: [{ field: "channel" }] } });
  });

  it("a mistyped channel or banner: 422 naming the value", async () => {
    const typo = await get("channel=门诊楼x");
    expect(typo.status).toBe(422);
    expect(typo.text).toContain("门诊楼x");
    const banner = await get("banner=remarks");
    expect(banner.status).toBe(422);
    expect(banner.text).toContain("remarks");
  });

  it("a real channel still tabulates", async () => {
    const channel = await server.channelOf("门诊楼");
    const answer = await get(`channel=${channel}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      respondents: PLAN.filter((p) => p.channel === "门诊楼").length,
    });
  });
});

// The columns and k the hand counts assume, so a change of plan shows up here first.
it("plans 5 categories and k = 3", () => {
  expect(COLUMNS.map((c) => c.key)).toEqual(["_total", "NK", "WK", "EK", "FK", "ZY"]);
  expect(K).toBe(3);
});
