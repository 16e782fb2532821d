// Storage and export order carry no trace of submission order: over 1,000 submissions, the rank
// correlation between the order submitted and the order stored (or exported) is |ρ| < 0.1.
import { utils } from "@e965/xlsx";
import { afterAll, beforeAll, expect, it } from "vitest";
import { responseIdFor } from "../../server/ballot-box/response-ids.ts";
import { findCategoryQuestion, isChoice } from "../../surveys/format/answers.ts";
import { addAccount, sessionCookie } from "../support/admin-session.ts";
import { postJson } from "../support/api.ts";
import { randomAnswers, seededRandom } from "../support/random-answers.ts";
import { spearman } from "../support/rank-correlation.ts";
import { loadSeedSurvey } from "../support/survey-answers.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { readWorkbook } from "./export/read-back.ts";

const SUBMISSIONS = 1000;
let server: TestServer;
/** submissionId of the i-th submission, in the order the server acknowledged them. */
const submitted: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const link = await server.createLink({ label: "顺序" });
  const survey = loadSeedSurvey();
  const { version } = (await (await fetch(`${server.url}/api/links/${link.id}/survey`)).json()) as {
    version: number;
  };
  const random = seededRandom(20261125);
  const categoryQuestion = findCategoryQuestion(survey);
  const categories =
    categoryQuestion && isChoice(categoryQuestion)
      ? categoryQuestion.options.map((o) => o.code)
      : [];
  // One at a time, so "submission order" is exact; ordered submission ids are the worst case.
  for (let i = 0; i < SUBMISSIONS; i++) {
    const category = categories[Math.floor(random() * categories.length)] ?? "A";
    const body = randomAnswers(survey, random, category);
    body.answers.Q28 = `顺序标记 ${i}`;
    const submissionId = `ordered-submission-${String(i).padStart(6, "0")}`;
    const posted = await postJson(`${server.url}/api/links/${link.id}/responses`, {
      submissionId,
      version,
      ...body,
    });
    expect(posted.status).toBe(201);
    submitted.push(submissionId);
  }
}, 120_000);
afterAll(() => server.close());

/** ρ between submission order and positions[i], where the i-th submission sits in storage. */
const rhoOf = (positions: number[]) =>
  spearman(
    positions.map((_, i) => i),
    positions,
  );

it("rows as stored (no ORDER BY) do not follow submission order", async () => {
  // SQLite's B-trees hold rows in key order at once; PostgreSQL appends them in arrival order
  // until the rebuild that follows a burst (pg-rebuild.ts), which the server does unasked.
  if (server.engine === "postgres") await server.system.deps.upkeep.settled();
  const storedIds = (await server.query<{ id: string }>("SELECT id FROM responses")).map(
    (r) => r.id,
  );
  expect(storedIds).toHaveLength(SUBMISSIONS);
  const position = new Map(storedIds.map((id, p) => [id, p]));
  const positions = submitted.map((s) => position.get(responseIdFor(s)) ?? -1);
  expect(positions.every((p) => p >= 0)).toBe(true);
  const rho = rhoOf(positions);
  console.log(`stored order vs submission order: ρ = ${rho.toFixed(4)} over ${SUBMISSIONS}`);
  expect(Math.abs(rho)).toBeLessThan(0.1);
  // The long table, read in its clustered order, carries no order either.
  const longIds = (
    await server.query<{ response_id: string }>(
      "SELECT response_id FROM answers WHERE question = 'Q28' AND text IS NOT NULL",
    )
  ).map((r) => r.response_id);
  const longPosition = new Map(longIds.map((id, p) => [id, p]));
  const longRho = rhoOf(submitted.map((s) => longPosition.get(responseIdFor(s)) ?? -1));
  expect(Math.abs(longRho)).toBeLessThan(0.1);
});

it("rows of the exported raw data sheet do not follow submission order", async () => {
  // The export shows released responses only, and a cell's last few (under k) wait while the survey
  // is open: close it, which releases them (nothing was published yet), so the sheet holds all.
  await server.system.deps.storage.setSurveyState("political-ecology", "closed");
  const released = async () =>
    (
      await server.query<{ n: number }>(
        "SELECT count(*) AS n FROM responses WHERE released_on IS NOT NULL",
      )
    )[0]?.n ?? 0;
  expect(await released()).toBe(SUBMISSIONS);
  const cookie = await sessionCookie(server, await addAccount(server, "fenxi", "analyst"));
  const response = await fetch(
    `${server.url}/api/admin/results/export.xlsx?survey=political-ecology`,
    { headers: { Cookie: cookie } },
  );
  expect(response.status).toBe(200);
  const book = readWorkbook(Buffer.from(await response.arrayBuffer()));
  const sheet = book.Sheets.原始数据;
  if (!sheet) throw new Error("no raw data sheet");
  const rows = utils.sheet_to_json<unknown[]>(sheet, { header: 1 });
  const headerRow = rows.findIndex((row) => row.includes("Q28"));
  const column = rows[headerRow]?.indexOf("Q28") ?? -1;
  expect(column).toBeGreaterThan(0);
  const exported = rows
    .slice(headerRow + 1)
    .map((row) => /^顺序标记 (\d+)$/.exec(String(row[column]))?.[1])
    .filter((marker) => marker !== undefined)
    .map(Number);
  expect(exported).toHaveLength(SUBMISSIONS);
  // positions[i] = where the i-th submission appears in the sheet.
  const positions = new Array<number>(SUBMISSIONS);
  exported.forEach((i, p) => {
    positions[i] = p;
  });
  const rho = rhoOf(positions);
  console.log(`export order vs submission order: ρ = ${rho.toFixed(4)} over ${SUBMISSIONS}`);
  expect(Math.abs(rho)).toBeLessThan(0.1);
});
