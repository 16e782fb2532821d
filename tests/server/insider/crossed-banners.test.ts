// Attack 3: under the category banner the lone 企业负责人 is hidden, but with banner=Q2 (or any
// single-choice question) the category question's table listed that category as a row, and its
// cells read back the person's answer to the banner question: all 16 single-choice answers, one
// banner at a time. The category question's 全体 column also printed sizes the headers hide.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Tabulation } from "../../../server/tabulate/results-schemas.ts";
import { findCategoryQuestion, listQuestions } from "../../../surveys/format/answers.ts";
import { type InsiderServer, startInsiderServer } from "../../support/insider-server.ts";
import { randomAnswers, seededRandom } from "../../support/random-answers.ts";
import { loadSeedSurvey } from "../../support/survey-answers.ts";

const survey = loadSeedSurvey();
const CATEGORY = findCategoryQuestion(survey)?.code ?? "Q1";
const LONE = "K";
const K = survey.minBase ?? 5;
let server: InsiderServer;
let lone: Record<string, unknown> = {};

beforeAll(async () => {
  server = await startInsiderServer();
  const link = await server.createLink("县直单位");
  const random = seededRandom(311);
  for (const category of ["A", "D", "J"])
    for (let i = 0; i < 12; i++)
      expect((await server.submit({ link }, randomAnswers(survey, random, category))).status).toBe(
        201,
      );
  const body = randomAnswers(survey, random, LONE);
  lone = body.answers;
  expect((await server.submit({ link }, body)).status).toBe(201);
  // Closed: every response is released, the lone one too, so the results do count it.
  const closed = await server.api("POST", "/admin/surveys/political-ecology/state", {
    state: "closed",
  });
  expect(closed.status).toBe(200);
});
afterAll(() => server.stop());

/** The category question's row for the lone category, in a tabulation. */
const loneRow = (t: Tabulation) =>
  t.questions.find((q) => q.code === CATEGORY)?.rows.find((r) => r.key === LONE);

it("no banner publishes the lone respondent's row, and no cell gives their answer", async () => {
  const banners = listQuestions(survey).filter((q) => q.kind === "single");
  const readBack: string[] = [];
  let shown = 0;
  for (const banner of banners) {
    const answer = await server.api(
      "GET",
      `/admin/results?survey=political-ecology&banner=${banner.code}`,
    );
    if (answer.status !== 200) continue; // refused by the differencing check: nothing published
    shown += 1;
    const t = answer.body as Tabulation;
    const row = loneRow(t);
    expect(row, banner.code).toBeDefined();
    expect(typeof row?.hidden, banner.code).toBe("string");
    // The one shown column holding the lone person, besides 全体, is their answer.
    row?.cells.forEach((cell, c) => {
      const column = t.columns[c];
      if (c > 0 && cell.count === 1 && column) readBack.push(`${banner.code}=${column.key}`);
    });
  }
  expect(shown).toBeGreaterThan(1);
  expect(readBack).toEqual([]);
  // The answers they would have read, for the record: what the attack recovered before.
  expect(Object.keys(lone).length).toBeGreaterThan(10);
});

it("the category question's table never prints a size under k, whatever the banner", async () => {
  const answer = await server.api("GET", "/admin/results?survey=political-ecology");
  expect(answer.status).toBe(200);
  const t = answer.body as Tabulation;
  const table = t.questions.find((q) => q.code === CATEGORY);
  for (const row of table?.rows ?? [])
    for (const cell of row.cells)
      if (cell.count !== null && cell.count > 0) expect(cell.count).toBeGreaterThanOrEqual(K);
});
