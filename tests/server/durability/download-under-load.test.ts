// Issue 12, item 1: a workbook download read at a slow phone-network pace, of 3,000+ responses,
// while phones keep submitting. It used to kill the server: the raw sheet held a statement open on
// the writer's connection across awaits, and the next timer or submission threw "This database
// connection is busy" outside any request. Now every submission gets its 201, the download
// completes with every row, /healthz answers throughout, and the server prints no stray error
// (child-server.ts fails the test on one).
import { utils } from "@e965/xlsx";
import { afterAll, beforeAll, expect, it } from "vitest";
import { minBaseOf } from "../../../server/tabulate/tabulate.ts";
import { type InsiderServer, startInsiderServer, within } from "../../support/insider-server.ts";
import { randomAnswers, seededRandom } from "../../support/random-answers.ts";
import { loadSeedSurvey } from "../../support/survey-answers.ts";
import { readWorkbook } from "../export/read-back.ts";

const survey = loadSeedSurvey();
const PRELOADED = 3_000;
const DURING = 150;
let server: InsiderServer;
let link: string;
/** What the results counted before the download began: every one of these is in its raw sheet. */
let releasedBefore = 0;
const random = seededRandom(1201);
const CATEGORIES = ["A", "B", "D", "J", "C"];

beforeAll(async () => {
  server = await startInsiderServer();
  link = await server.createLink("县直单位");
  const bodies = Array.from({ length: PRELOADED }, (_, i) =>
    randomAnswers(survey, random, CATEGORIES[i % CATEGORIES.length] ?? "A"),
  );
  // Eight phones at a time, as fast as the server takes them.
  for (let i = 0; i < bodies.length; i += 8) {
    const sent = await Promise.all(bodies.slice(i, i + 8).map((b) => server.submit({ link }, b)));
    for (const s of sent) expect(s.status).toBe(201);
  }
  // The returns monitor releases what is due. A cell releases whole once k wait, so each of the
  // five category cells may keep up to k − 1 of its last arrivals back, for as long as it has
  // fewer than k waiting: "all 3,000 released" is not something to wait for.
  const least = PRELOADED - CATEGORIES.length * (minBaseOf(survey) - 1);
  const released = await within(120_000, async () => {
    const r = await server.api("GET", "/admin/returns?survey=political-ecology");
    const completed = (r.body as { total?: { completed?: number } }).total?.completed ?? 0;
    if (completed >= least) releasedBefore = completed;
    return completed >= least;
  });
  expect(released).not.toBeNull();
}, 240_000);
afterAll(() => server.stop());

it("a slow XLSX download while phones submit: every 201, the whole file, /healthz all along", async () => {
  const response = await server.open("/admin/results/export.xlsx?survey=political-ecology");
  expect(response.status).toBe(200);
  const reader = response.body?.getReader();
  if (!reader) throw new Error("no body");
  const chunks: Uint8Array[] = [];
  const statuses: number[] = [];
  const health: number[] = [];
  let reading = true;
  const phones = (async () => {
    for (let i = 0; i < DURING; i++) {
      const body = randomAnswers(survey, random, CATEGORIES[i % CATEGORIES.length] ?? "A");
      statuses.push((await server.submit({ link }, body)).status);
      health.push((await fetch(`${server.url}/healthz`)).status);
    }
  })();
  // About 64 KB every 40 ms: a slow mobile link, so the file stays open across many submissions.
  while (reading) {
    const { done, value } = await reader.read();
    if (done) reading = false;
    else {
      chunks.push(value);
      await new Promise((r) => setTimeout(r, 40));
    }
  }
  await phones;
  expect(statuses.filter((s) => s !== 201)).toEqual([]);
  expect(health.filter((s) => s !== 200)).toEqual([]);
  const book = readWorkbook(Buffer.concat(chunks));
  const sheet = book.Sheets.原始数据;
  if (!sheet) throw new Error("no raw data sheet");
  const rows = utils.sheet_to_json<unknown[]>(sheet, { header: 1 });
  const header = rows.findIndex((row) => row.includes("类别代码"));
  expect(rows.length - header - 1).toBeGreaterThanOrEqual(releasedBefore);
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
}, 240_000);
