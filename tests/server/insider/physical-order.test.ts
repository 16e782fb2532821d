// Attack 1: the database file keeps arrival order. SQLite fills a page from its end downward, so
// even with random keys the place of a cell (page, then offset) can follow the order people
// answered. Within 60 s after a burst ends, no B-tree that holds a response id may follow it:
// |ρ| < max(0.1, 3.5/√(n−1)), read from the file's own pages, not through SQL.
import { afterAll, describe, expect, it } from "vitest";
import { findCategoryQuestion, isChoice } from "../../../surveys/format/answers.ts";
import type { Survey } from "../../../surveys/format/schema.ts";
import { type InsiderServer, startInsiderServer, within } from "../../support/insider-server.ts";
import { limit, measurePhysicalOrder, type PhysicalOrder } from "../../support/physical-order.ts";
import { randomAnswers, seededRandom } from "../../support/random-answers.ts";
import { btreeEntries, readDatabaseFile, walFrameCount } from "../../support/sqlite-file.ts";
import { loadSeedSurvey } from "../../support/survey-answers.ts";

/** The seed, and its version with rating grids (a grid's rows are long-table rows of their own). */
const SURVEYS = {
  "political-ecology": loadSeedSurvey(),
  "political-ecology_grid": loadSeedSurvey("political-ecology_grid.json"),
};

function categoriesOf(survey: Survey): string[] {
  const question = findCategoryQuestion(survey);
  return question && isChoice(question) ? question.options.map((o) => o.code) : [];
}

interface Reading {
  /** Per B-tree holding any of the responses: its measure. */
  trees: Map<string, PhysicalOrder>;
  walFrames: number;
}

/** Reads every B-tree of the file and places each cell that names one of `arrival`'s responses. */
function readPlaces(dbPath: string, arrival: Map<string, number>): Reading {
  const file = readDatabaseFile(dbPath);
  const trees = new Map<string, PhysicalOrder>();
  // The waiting responses, read off their own index: the file says which they are.
  const waiting = new Set(
    btreeEntries(file, "responses_waiting").flatMap((entry) =>
      entry.values.filter((v): v is string => typeof v === "string" && arrival.has(v)),
    ),
  );
  for (const { name, type } of file.schema) {
    if (type !== "table" && type !== "index") continue;
    const placed = btreeEntries(file, name).flatMap((entry) => {
      const id = entry.values.find((v) => typeof v === "string" && arrival.has(v)) as
        | string
        | undefined;
      const rank = id === undefined ? undefined : arrival.get(id);
      if (id === undefined || rank === undefined) return [];
      const stratum = waiting.has(id) ? 1 : 0;
      return [{ page: entry.page, offset: entry.offset, arrival: rank, stratum }];
    });
    if (placed.length > 0) trees.set(name, measurePhysicalOrder(placed));
  }
  return { trees, walFrames: walFrameCount(dbPath) };
}

const orderly = (reading: Reading) =>
  reading.walFrames === 0 &&
  [...reading.trees.values()].every(
    (m) => Math.abs(m.global) < limit(m.n) && Math.abs(m.withinPages) < limit(m.pooledN),
  );

const servers: InsiderServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
});

describe.each([
  { n: 30, categories: 2, links: 1, surveyId: "political-ecology" as const },
  { n: 300, categories: 4, links: 3, surveyId: "political-ecology" as const },
  { n: 300, categories: 4, links: 3, surveyId: "political-ecology_grid" as const },
])("after a burst of $n responses to $surveyId", ({ n, categories, links, surveyId }) => {
  it("no file keeps their arrival order within 60 s, in any B-tree that holds a response id", async () => {
    const survey = SURVEYS[surveyId];
    const CATEGORIES = categoriesOf(survey);
    const server = await startInsiderServer(undefined, surveyId);
    servers.push(server);
    const linkIds: string[] = [];
    for (let l = 0; l < links; l++) linkIds.push(await server.createLink(`渠道${l + 1}`));
    const random = seededRandom(20261201 + n);
    const arrival = new Map<string, number>();
    // One at a time, so arrival order is exact; categories and channels at random, as they come.
    // A pause every ten lets cohorts be released as they fill; a rare category (K, one in ten)
    // leaves cells under k that stay waiting, in whatever order they arrived.
    for (let i = 0; i < n; i++) {
      if (i % 10 === 9) await new Promise((done) => setTimeout(done, 150));
      const category =
        random() < 0.1 ? "K" : (CATEGORIES[Math.floor(random() * categories)] ?? "A");
      const link = linkIds[Math.floor(random() * links)] ?? "";
      const sent = await server.submit({ link }, randomAnswers(survey, random, category));
      expect(sent.status).toBe(201);
      arrival.set(sent.responseId, i);
    }
    // An analyst looks at once: the results, a download (the ledger now names responses too).
    const view = await server.api("GET", `/admin/results?survey=${surveyId}`);
    expect(view.status).toBe(200);
    const download = await server.api("GET", `/admin/results/export.xlsx?survey=${surveyId}`);
    expect(download.status).toBe(200);

    let last: Reading | null = null;
    const took = await within(60_000, () => {
      last = readPlaces(server.dbPath, arrival);
      return orderly(last);
    });
    const report = Object.fromEntries(
      [...((last as Reading | null)?.trees ?? [])].map(([name, m]) => [
        name,
        `n=${m.n} ρ=${m.global.toFixed(3)} (<${limit(m.n).toFixed(3)}), within pages ${m.pooledN}: ${m.withinPages.toFixed(3)} (<${limit(m.pooledN).toFixed(3)})`,
      ]),
    );
    console.log(`n=${n}: orderly after ${took} ms`, report);
    expect(took, JSON.stringify(report, null, 1)).not.toBeNull();
    // The measure saw what matters: the responses, their long-table rows, the indexes, the ledger.
    const trees = [...((last as Reading | null)?.trees.keys() ?? [])];
    for (const name of [
      "responses",
      "responses_by_category",
      "responses_waiting",
      "answers",
      "disclosure_members",
    ])
      expect(trees).toContain(name);
  }, 120_000);
});
