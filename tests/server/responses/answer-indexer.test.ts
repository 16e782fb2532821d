// The long answers table catches up by itself once submissions pause, and on demand for readers.
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { newSubmissionId, postJson } from "../../support/api.ts";
import { startTestServer, type TestServer } from "../../support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ surveysDir: resolve("tests/fixtures/surveys") });
});
afterAll(() => server.close());

it("expands stored responses into long-table rows shortly after they are acknowledged", async () => {
  const link = server.createLink();
  const { version } = (await (await fetch(`${server.url}/api/links/${link.id}/survey`)).json()) as {
    version: number;
  };
  const answers = { Q1: "A", Q2: "B", Q3: ["C", "A"], Q4: "B" };
  const posted = await Promise.all(
    Array.from({ length: 20 }, () =>
      postJson(`${server.url}/api/links/${link.id}/responses`, {
        submissionId: newSubmissionId(),
        version,
        answers,
      }),
    ),
  );
  expect(posted.every((p) => p.status === 201)).toBe(true);
  const { storage } = server.system.deps;
  // Within a second of quiet, without anyone asking, the backlog is gone.
  for (let i = 0; i < 20 && storage.pendingAnswerCount() > 0; i++)
    await new Promise((r) => setTimeout(r, 50));
  expect(storage.pendingAnswerCount()).toBe(0);
  const rows = server.query<{ question: string; option: string; n: number }>(
    "SELECT question, option, count(*) AS n FROM answers GROUP BY question, option ORDER BY question, option",
  );
  expect(rows).toEqual([
    { question: "Q1", option: "A", n: 20 },
    { question: "Q2", option: "B", n: 20 },
    { question: "Q3", option: "A", n: 20 },
    { question: "Q3", option: "C", n: 20 },
    { question: "Q4", option: "B", n: 20 },
  ]);
  // With the backlog drained, the write-ahead log (a record in submission order) is emptied.
  expect(statSync(`${server.dbPath}-wal`).size).toBe(0);
  // The durable record keeps the rows in survey order, whatever order the phone sent them in.
  const stored = server.query<{ answers: string }>("SELECT answers FROM responses LIMIT 1")[0]
    ?.answers;
  expect(JSON.parse(stored ?? "[]")).toEqual([
    ["Q1", "A", null],
    ["Q2", "B", null],
    ["Q3", "A", null],
    ["Q3", "C", null],
    ["Q4", "B", null],
  ]);
});
