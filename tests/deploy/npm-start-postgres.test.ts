// `DATABASE_URL=postgres://… npm start`: the compiled server (not tsx) makes its tables in an empty
// PostgreSQL database, serves the seed survey through the printed demo link, and a response
// submitted there lands in PostgreSQL; its start line names host and database, never the user.
// A database with a trigger stamping responses is refused in one line, before any link is made.
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgresStorage } from "../../server/storage/postgres/pg-storage.ts";
import { type ChildServer, freePort, startChildCommand } from "../support/child-server.ts";
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
    // It listens before it prints the links.
    await expect.poll(() => server.output(), { timeout: 15_000 }).toContain("Admin console:");
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

describe.skipIf(noPostgres)(
  "npm start refuses a PostgreSQL database that could record arrivals",
  () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(async () => {
      await database?.drop();
    });

    it("stops with one line naming the trigger and the remedy, and makes no link", async () => {
      await (await openPostgresStorage(database.url, { max: 1 })).close();
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        await client.query(`CREATE TABLE arrivals (at timestamptz DEFAULT now());
        CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql
          AS $$ BEGIN INSERT INTO arrivals DEFAULT VALUES; RETURN NEW; END $$;
        CREATE TRIGGER stamp AFTER INSERT ON responses FOR EACH ROW EXECUTE FUNCTION stamp()`);
        const child = spawn("npm", ["start", "--silent"], {
          env: {
            ...process.env,
            DATABASE_URL: database.url,
            SURVEYS_DIR: resolve("surveys"),
            DIST_DIR: resolve("dist"),
            HOST: "127.0.0.1",
            PORT: String(await freePort()),
          },
          stdio: ["ignore", "pipe", "pipe"],
          // Its own process group: npm's child (the server) goes too if the start must be killed.
          detached: true,
        });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        // A start that wrongly succeeds would run forever: stop it so the test fails, not hangs.
        const timer = setTimeout(() => {
          if (child.pid) process.kill(-child.pid, "SIGKILL");
        }, 60_000);
        const code = await new Promise<number | null>((done) => child.once("exit", done));
        clearTimeout(timer);
        const host = new URL(database.url).host;
        expect({ code, stderr }).toEqual({
          code: 1,
          stderr: `Cannot start: the database PostgreSQL ${host}/${database.name} has an unexpected trigger "stamp" on table responses (not made by this program's migrations) (and 2 more); remove what was changed (and anything it recorded), or restore a pg_dump made before (README: PostgreSQL instead of the file)\n`,
        });
        expect(stdout).not.toContain("Listening on");
        const { rows } = await client.query<{ links: number; versions: number }>(
          "SELECT (SELECT count(*) FROM links)::int AS links, (SELECT count(*) FROM survey_versions)::int AS versions",
        );
        expect(rows[0]).toEqual({ links: 0, versions: 0 });
      } finally {
        await client.end();
      }
    }, 90_000);
  },
);

describe.skipIf(noPostgres)("two instances started together on a fresh database", () => {
  let database: TestDatabase;
  const servers: ChildServer[] = [];
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop().catch(() => undefined)));
    await database?.drop();
  });

  it("make one demo link between them, not one each", async () => {
    // Both look for links while the other makes its own: without the lock, 1 run in 3 made two.
    for (let round = 0; round < 3; round += 1) {
      const started = await Promise.all(
        [0, 1].map(() =>
          startChildCommand(
            ["node", "dist/server/main.js"],
            {
              DATABASE_URL: database.url,
              SURVEYS_DIR: resolve("surveys"),
              DIST_DIR: resolve("dist"),
            },
            { keepOutput: true },
          ),
        ),
      );
      servers.push(...started);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM links");
        expect(rows[0]?.n, `round ${round}`).toBe(1);
        // Every start prints the one link there is (it listens before it prints).
        const link = (await client.query<{ id: string }>("SELECT id FROM links")).rows[0]?.id;
        for (const s of started) {
          await expect.poll(() => s.output(), { timeout: 15_000 }).toContain("Admin console:");
          expect(s.output()).toContain(`/s/${link}`);
        }
        // A fresh database for the next round: the race is only on an empty one.
        await Promise.all(started.map((s) => s.stop()));
        servers.length = 0;
        await client.query("DELETE FROM links");
      } finally {
        await client.end();
      }
    }
  }, 120_000);
});
