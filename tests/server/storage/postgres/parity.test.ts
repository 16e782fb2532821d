// The PostgreSQL engine answers every storage call as the SQLite one does: one script, two engines,
// equal transcripts.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  openPostgresStorage,
  type PostgresStorage,
} from "../../../../server/storage/postgres/pg-storage.ts";
import { openSqliteStorage } from "../../../../server/storage/sqlite-storage.ts";
import { createTestDatabase, noPostgres, type TestDatabase } from "../../../support/pg-database.ts";
import { type CollectedReads, runScenario } from "../../../support/storage-scenario.ts";

describe.skipIf(noPostgres)("PostgreSQL and SQLite, call for call", () => {
  let database: TestDatabase;
  let postgres: PostgresStorage;
  const dir = mkdtempSync(join(tmpdir(), "survey-parity-"));
  beforeAll(async () => {
    database = await createTestDatabase();
    postgres = await openPostgresStorage(database.url, { max: 4 });
  });
  afterAll(async () => {
    await postgres?.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("gives the same answer to every call of the script", async () => {
    const sqlite = openSqliteStorage(join(dir, "survey.db"));
    const { engine } = sqlite;
    const sqliteReads: CollectedReads = {
      iterateResponses: async (v, f) => [...engine.iterateResponses(v, f)],
      releasedIds: async (v) => engine.releasedIds(v),
      responsesWithIds: async (ids) => engine.responsesWithIds(ids),
      countOptions: async (v) => engine.countOptions(v),
      categoryMembers: async (v) => engine.categoryMembers(v),
      optionMembers: async (v, q, o) => engine.optionMembers(v, q, o),
      optionTexts: async (v, q, o) => engine.optionTexts(v, q, o),
      answeredPerCategory: async (v, q) => engine.answeredPerCategory(v, q),
      responseChannels: async (v) => engine.responseChannels(v),
      responseDays: async (v) => engine.responseDays(v),
    };
    const { results } = postgres;
    const postgresReads: CollectedReads = {
      ...results,
      iterateResponses: async (v, f) => {
        const all = [];
        for await (const response of results.iterateResponses(v, f)) all.push(response);
        return all;
      },
    };
    const expected = await runScenario(sqlite, sqliteReads);
    await sqlite.close();
    const actual = await runScenario(postgres, postgresReads);
    expect(actual.map(([label]) => label)).toEqual(expected.map(([label]) => label));
    for (const [i, [label, value]] of actual.entries())
      expect(value, label).toEqual(expected[i]?.[1]);
  });
});
