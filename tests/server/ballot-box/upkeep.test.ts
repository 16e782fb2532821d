// After acknowledgement, by itself: due cohorts are released, released responses are expanded into
// the long table, the log is emptied and the file rebuilt once submissions pause.
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { newSubmissionId, postJson } from "../../support/api.ts";
import { sqliteFile, startTestServer, type TestServer } from "../../support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    surveysDir: resolve("tests/fixtures/surveys"),
    // A pass waits for 1 s of quiet (not 50 ms): the burst below is then one cohort on either
    // engine, however its commits are spaced (PostgreSQL's are slower: a pass in between would
    // release the first 16 and rightly keep the last 4 waiting, under k).
    upkeep: { rebuildQuietMs: 300, idleMs: 1_000 },
  });
});
afterAll(() => server.close());

const read = <T>(sql: string) => server.query<T>(sql);
const countOf = async (sql: string) =>
  Object.values((await read<Record<string, unknown>>(sql))[0] ?? {})[0];

it("releases full cells, expands them, empties the log and rebuilds the file, without being asked", async () => {
  const link = await server.createLink();
  const { version } = (await (await fetch(`${server.url}/api/links/${link.id}/survey`)).json()) as {
    version: number;
  };
  const send = (category: string) =>
    postJson(`${server.url}/api/links/${link.id}/responses`, {
      submissionId: newSubmissionId(),
      version,
      answers: { Q1: category, Q2: "B", Q3: ["C", "A"], Q4: "B" },
    });
  // 20 in category A (a full cell) and 3 in B (under k = 5: they wait).
  const posted = await Promise.all([
    ...Array.from({ length: 20 }, () => send("A")),
    ...Array.from({ length: 3 }, () => send("B")),
  ]);
  expect(posted.every((p) => p.status === 201)).toBe(true);
  await server.system.deps.upkeep.settled();

  expect(await countOf("SELECT count(*) FROM responses WHERE released_on IS NOT NULL")).toBe(20);
  expect(await countOf("SELECT count(*) FROM responses WHERE released_on IS NULL")).toBe(3);
  expect(await countOf("SELECT count(*) FROM answers_pending")).toBe(0);
  const rows = await read(
    "SELECT question, option, count(*) AS n FROM answers GROUP BY question, option ORDER BY question, option",
  );
  expect(rows).toEqual([
    { question: "Q1", option: "A", n: 20 },
    { question: "Q2", option: "B", n: 20 },
    { question: "Q3", option: "A", n: 20 },
    { question: "Q3", option: "C", n: 20 },
    { question: "Q4", option: "B", n: 20 },
  ]);
  if (server.engine === "sqlite") {
    // The write-ahead log (a record in submission order) is empty, the file rebuilt.
    expect(statSync(`${sqliteFile(server)}-wal`).size).toBe(0);
    expect(await countOf("PRAGMA freelist_count")).toBe(0);
  } else {
    // The rebuild rewrote the table in key order: its physical order is the ids' order.
    const physical = (await read<{ id: string }>("SELECT id FROM responses ORDER BY ctid")).map(
      (r) => r.id,
    );
    expect(physical).toEqual([...physical].sort());
  }
  // The durable record keeps the rows in survey order, whatever order the phone sent them in.
  const stored = await countOf(
    "SELECT answers FROM responses WHERE released_on IS NOT NULL LIMIT 1",
  );
  expect(JSON.parse(String(stored))).toEqual([
    ["Q1", "A", null],
    ["Q2", "B", null],
    ["Q3", "A", null],
    ["Q3", "C", null],
    ["Q4", "B", null],
  ]);
});

it("releases every waiting response once the survey is closed", async () => {
  await server.system.deps.storage.setSurveyState("mini", "closed");
  try {
    await server.system.deps.upkeep.catchUp();
    expect(await countOf("SELECT count(*) FROM responses WHERE released_on IS NULL")).toBe(0);
  } finally {
    await server.system.deps.storage.setSurveyState("mini", "open");
  }
});
