// Attack 4: download the workbook, let one response arrive, download again: refused. Restart the
// server (an upgrade, a crash, a config change): the differencing history was in memory only, so
// the download was allowed, and its raw sheet differed by exactly one row, free text included.
// Now what was published is kept on disk, and results cover released cohorts only.
import { utils } from "@e965/xlsx";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type InsiderServer, startInsiderServer, within } from "../../support/insider-server.ts";
import { randomAnswers, seededRandom } from "../../support/random-answers.ts";
import { walFrameCount } from "../../support/sqlite-file.ts";
import { loadSeedSurvey } from "../../support/survey-answers.ts";
import { readWorkbook } from "../export/read-back.ts";

const survey = loadSeedSurvey();
const K = survey.minBase ?? 5;
const XLSX = "/admin/results/export.xlsx?survey=political-ecology";
let server: InsiderServer;
let link: string;
/** The raw sheet as first downloaded, before the lone response. */
let first: string[] = [];
const random = seededRandom(404);

/** The raw sheet's rows (without the row number), or null when the download was refused. */
async function rawRows(): Promise<string[] | null> {
  const { status, bytes } = await server.download(XLSX);
  if (status !== 200) return null;
  const sheet = readWorkbook(bytes).Sheets.原始数据;
  if (!sheet) throw new Error("no raw data sheet");
  const rows = utils.sheet_to_json<unknown[]>(sheet, { header: 1 });
  const header = rows.findIndex((row) => row.includes("类别代码"));
  return rows.slice(header + 1).map((row) => JSON.stringify(row.slice(1)));
}

/** Rows in one sheet and not the other: what subtracting the two downloads gives. */
function difference(a: string[], b: string[]): number {
  const count = (rows: string[]) => {
    const counted = new Map<string, number>();
    for (const row of rows) counted.set(row, (counted.get(row) ?? 0) + 1);
    return counted;
  };
  const left = count(a);
  const right = count(b);
  let differing = 0;
  for (const key of new Set([...left.keys(), ...right.keys()]))
    differing += Math.abs((left.get(key) ?? 0) - (right.get(key) ?? 0));
  return differing;
}

beforeAll(async () => {
  server = await startInsiderServer();
  link = await server.createLink("县直单位");
  for (const category of ["A", "D", "J"])
    for (let i = 0; i < 10; i++)
      expect((await server.submit({ link }, randomAnswers(survey, random, category))).status).toBe(
        201,
      );
});
afterAll(() => server.stop());

it("one new response, a restart, and the download again: no sheet differs by fewer than k rows", async () => {
  // As the attacker did: after the burst has settled (the log folded in).
  expect(await within(60_000, () => walFrameCount(server.dbPath) === 0)).not.toBeNull();
  first = (await rawRows()) ?? [];
  expect(first).toHaveLength(30);
  const lone = randomAnswers(survey, random, "A");
  lone.answers.Q28 = "我举报某局长违规吃请";
  expect((await server.submit({ link }, lone)).status).toBe(201);

  const sheets: (string[] | null)[] = [await rawRows()];
  await server.restart();
  sheets.push(await rawRows());
  for (const sheet of sheets) {
    if (sheet === null) continue; // refused: nothing published
    const differing = difference(first, sheet);
    expect(differing === 0 || differing >= K, `${differing} rows differ`).toBe(true);
    expect(sheet.join("\n")).not.toContain("我举报某局长违规吃请");
  }
});

it("what was published before a restart still counts after it: closing holds the lone late one", async () => {
  // Closing the survey: the lone late response would be a cohort of one after results were
  // published, so it is held for good (responses/releases.ts). Then a restart.
  const closed = await server.api("POST", "/admin/surveys/political-ecology/state", {
    state: "closed",
  });
  expect(closed.status).toBe(200);
  await server.restart();
  const view = await server.api("GET", "/admin/results?survey=political-ecology");
  // The main table is still there, without the lone one, and says one response is held.
  expect(view.status).toBe(200);
  expect(view.text).toContain("另有 1 份回答");
  const sheet = await rawRows();
  expect(sheet).not.toBeNull();
  expect(difference(first, sheet ?? [])).toBe(0);
  expect((sheet ?? []).join("\n")).not.toContain("我举报某局长违规吃请");
});
