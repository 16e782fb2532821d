// `DATABASE_URL=postgres://… npm start`: the compiled server (not tsx) makes its tables in an empty
// PostgreSQL database, serves the seed survey through the printed demo link, and a response
// submitted there lands in PostgreSQL; its start line names host and database, never the user.
import { resolve } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChildServer, startChildCommand } from "../support/child-server.ts";
import { createTestDatabase, noPostgres, type TestDatabase } from "../support/pg-database.ts";
import { randomAnswers, seededRandom } from "../support/random-answers.ts";
import { loadSeedSurvey } from "../support/survey-answers.ts";

describe.skipIf(noPostgres)("npm start on PostgreSQL", () => {
  let database: TestDatabase;
  let server: ChildServer;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startChildCommand(
      ["npm", "start", "--silent"],
      { DATABASE_URL: database.url, SURVEYS_DIR: resolve("surveys"), DIST_DIR: resolve("dist") },
      { keepOutput: true },
    );
  }, 120_000);
  afterAll(async () => {
    await server?.stop().catch(() => undefined);
    await database?.drop();
  });

  it("serves the seed survey through the printed link, and the response lands in PostgreSQL", async () => {
    const printed = server.output();
    const host = new URL(database.url).host;
    expect(printed).toContain(`(database: PostgreSQL ${host}/${database.name})`);
    expect(printed).not.toMatch(/postgres:\/\//);
    const link = /\/s\/([A-Za-z0-9_-]{21,64})/.exec(printed)?.[1];
    if (!link) throw new Error(`no respondent link printed:\n${printed}`);
    const boot = await fetch(`${server.url}/api/links/${link}/survey`);
    expect(boot.status).toBe(200);
    const { version, survey } = (await boot.json()) as { version: number; survey: { id: string } };
    expect(survey.id).toBe("political-ecology");

    const body = randomAnswers(loadSeedSurvey(), seededRandom(16), "A");
    const sent = await fetch(`${server.url}/api/links/${link}/responses`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ submissionId: "postgres-start-0000001", version, ...body }),
    });
    expect(sent.status).toBe(201);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number; category: string }>(
        "SELECT count(*)::int AS n, min(category) AS category FROM responses",
      );
      expect(rows[0]).toEqual({ n: 1, category: "A" });
    } finally {
      await client.end();
    }
  }, 60_000);
});
