// Starts the real app on a free loopback port, for route and browser tests, on the engine the
// vitest project names (SURVEY_TEST_ENGINE): a temporary SQLite file, or a PostgreSQL database of
// its own, made through TEST_DATABASE_URL and dropped at close.
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "../../server/app.ts";
import type { UpkeepOptions } from "../../server/ballot-box/upkeep.ts";
import { composeSystem, type System } from "../../server/compose.ts";
import { readConfig } from "../../server/config.ts";
import { createLink, type LinkRequest } from "../../server/links/create-link.ts";
import { openDatabase } from "../../server/storage/open-database.ts";
import { copySqliteToPostgres } from "../../server/storage/postgres/copy-from-sqlite.ts";
import { migratePostgres } from "../../server/storage/postgres/migrate.ts";
import { openPostgresPool } from "../../server/storage/postgres/open-postgres.ts";
import { parseStoredRows } from "../../server/storage/stored-rows.ts";
import { createTestDatabase, type TestDatabase } from "./pg-database.ts";
import {
  type DatabaseAt,
  openTestConnection,
  openTestReader,
  type TestConnection,
  type TestEngine,
  testEngine,
} from "./test-engine.ts";

export interface TestLinkOptions {
  surveyId?: string;
  label?: string;
  category?: string;
  cap?: number;
  state?: "open" | "paused" | "closed";
  opensAt?: string;
  closesAt?: string;
}

/** Where a server keeps its data; `store` of one server lets a second start on the same data. */
export type TestStore = SqliteTestStore | PostgresTestStore;
export type SqliteTestStore = { engine: "sqlite"; dir: string; dbPath: string };
export type PostgresTestStore = { engine: "postgres"; database: TestDatabase };

export interface TestServer {
  url: string;
  engine: TestEngine;
  store: TestStore;
  /** Where its data is, for a second connection (openFingerprinter, openTestReader). */
  at: DatabaseAt;
  /**
   * The SQLite file, on SQLite only (undefined on PostgreSQL): a test that reads the file's pages,
   * its WAL or its backup says so with `sqliteFile(server)`, in a branch or a SQLite-only file.
   */
  dbPath: string | undefined;
  system: System;
  /** Every access-log line the server wrote. */
  logs: string[];
  createLink(o?: TestLinkOptions): Promise<{ id: string; url: string; channelId: string }>;
  /** The channel id responses through the link or batch with this label carry. */
  channelOf(label: string): Promise<string>;
  /** A fresh one-time setup link, as `npm start` prints when there is no admin. */
  setupUrl(): string;
  countResponses(): Promise<number>;
  responseCategories(): Promise<string[]>;
  /** Every stored response's answer rows, from its durable record (released or waiting). */
  answerRows(): Promise<{ question: string; option: string; text: string | null }[]>;
  /** The long table's rows: released responses only. */
  longTableRows(): Promise<{ question: string; option: string; text: string | null }[]>;
  /**
   * Runs a read-only query on a second connection, as an auditor would (after a catch-up). One SQL
   * text for both engines: `?` placeholders, numbers as numbers (count(*) needs an alias).
   */
  query<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** Every row of every table as JSON text: what a copy of the database holds, row by row. */
  everything(): Promise<string>;
  /** The database's own tables (not the engine's), by name. */
  tables(): Promise<string[]>;
  /** A table's columns, in their order. */
  columns(table: string): Promise<string[]>;
  /**
   * Runs a statement on a second, writable connection, as someone holding the database's password
   * would: for the edits the schema itself must refuse (the append-only audit log).
   */
  write(sql: string, ...params: unknown[]): Promise<void>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  surveysDir?: string;
  env?: Record<string, string>;
  /** Start even if a survey file is refused (to test the refusal). */
  allowErrors?: boolean;
  /** The server's clock, e.g. to expire sessions; default: real time. */
  now?: () => Date;
  /** e.g. a shorter quiet time before the file is rebuilt; default: the server's own. */
  upkeep?: UpkeepOptions;
  /** Start on this store (a restart, another server's data), and leave it there on close. */
  store?: TestStore;
}

/** The SQLite file of a server a test reads by hand; on PostgreSQL there is none, and it says so. */
export function sqliteFile(server: Pick<TestServer, "dbPath">): string {
  if (server.dbPath === undefined)
    throw new Error("this test reads the SQLite file: on PostgreSQL there is none");
  return server.dbPath;
}

/** A new, empty store on `engine`: a folder for survey.db, or a PostgreSQL database. */
export async function createTestStore(engine: "sqlite"): Promise<SqliteTestStore>;
export async function createTestStore(engine?: TestEngine): Promise<TestStore>;
export async function createTestStore(engine: TestEngine = testEngine): Promise<TestStore> {
  if (engine === "postgres") return { engine, database: await createTestDatabase() };
  const dir = mkdtempSync(join(tmpdir(), "survey-test-"));
  return { engine, dir, dbPath: join(dir, "survey.db") };
}

/** Removes a store made by createTestStore (the folder, or the database). */
export async function dropTestStore(store: TestStore): Promise<void> {
  if (store.engine === "postgres") await store.database.drop();
  else rmSync(store.dir, { recursive: true, force: true });
}

/**
 * A store holding what a SQLite file holds (a test fills one straight, as the bench does), on
 * `engine`: the file itself, or a new PostgreSQL database filled by `cli migrate --to`'s copy.
 * The caller drops it (dropTestStore) after the server on it has closed.
 */
export async function storeHolding(
  sqliteFile: string,
  engine: TestEngine = testEngine,
): Promise<TestStore> {
  if (engine === "sqlite") return { engine, dir: dirname(sqliteFile), dbPath: sqliteFile };
  const store: PostgresTestStore = { engine, database: await createTestDatabase() };
  const source = openDatabase(sqliteFile);
  const pool = openPostgresPool(store.database.url, { max: 2 });
  let failed: unknown = null;
  try {
    await migratePostgres(pool);
    const copied = await copySqliteToPostgres(source, pool);
    if (!copied.ok) failed = new Error(copied.problem);
  } catch (error) {
    failed = error;
  } finally {
    source.close();
    await pool.end();
  }
  if (failed) {
    await dropTestStore(store);
    throw failed;
  }
  return store;
}

const storeSetting = (store: TestStore): Record<string, string> =>
  store.engine === "postgres"
    ? { DATABASE_URL: store.database.url }
    : { DATABASE_PATH: store.dbPath, DATABASE_URL: "" };

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  if (opts.env?.DATABASE_PATH !== undefined || opts.env?.DATABASE_URL !== undefined)
    throw new Error("name the data with `store` (storeHolding, another server's store), not env");
  const store = opts.store ?? (await createTestStore());
  const config = readConfig({
    SURVEYS_DIR: opts.surveysDir ?? resolve("surveys"),
    DIST_DIR: resolve("dist"),
    // Tests submit hundreds through one link from 127.0.0.1; the stuffing tests set their own.
    SUBMIT_LIMIT_PER_ADDRESS: "0",
    ...opts.env,
    ...storeSetting(store),
  });
  const logs: string[] = [];
  let system: System;
  try {
    system = await composeSystem(
      config,
      { log: (line) => logs.push(line), ...(opts.now ? { now: opts.now } : {}) },
      opts.upkeep,
    );
  } catch (error) {
    if (!opts.store) await dropTestStore(store);
    throw error;
  }
  if (system.report.errors.length > 0 && !opts.allowErrors) {
    await system.close();
    if (!opts.store) await dropTestStore(store);
    throw new Error(system.report.errors.join("\n"));
  }
  const server = serve({ fetch: createApp(system.deps).fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((done) => server.once("listening", done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Printed links and slips point at this test server.
  system.deps.publicBase = url;
  const at: DatabaseAt =
    store.engine === "postgres"
      ? { engine: "postgres", url: store.database.url }
      : { engine: "sqlite", dbPath: store.dbPath };
  const reader = openTestReader(at);
  const all = <T>(sql: string, ...params: unknown[]) => reader.all<T>(sql, params);
  let writer: TestConnection | null = null;
  // Tests read the long answers table: expand what the indexer has not reached yet.
  const catchUp = () => system.deps.upkeep.catchUp();
  const tables = async () =>
    (
      await all<{ name: string }>(
        store.engine === "postgres"
          ? `SELECT table_name AS name FROM information_schema.tables
              WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
          : "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
      )
    )
      .map((t) => t.name)
      .sort();
  const firstSurvey = system.report.loaded[0]?.surveyId ?? "political-ecology";

  return {
    url,
    engine: store.engine,
    store,
    at,
    dbPath: store.engine === "sqlite" ? store.dbPath : undefined,
    system,
    logs,
    async createLink(o = {}) {
      const request: LinkRequest = {
        surveyId: o.surveyId ?? firstSurvey,
        label: o.label ?? "测试渠道",
        category: o.category,
        cap: o.cap,
        state: o.state,
        opensAt: o.opensAt,
        closesAt: o.closesAt,
      };
      const made = await createLink(system.deps.storage, system.deps.catalog, request, new Date());
      if (!made.ok) throw new Error(`${made.field}: ${made.message}`);
      return { id: made.link.id, url: `${url}/s/${made.link.id}`, channelId: made.link.channelId };
    },
    async channelOf(label) {
      const found = await all<{ id: string }>(
        `SELECT channel_id AS id FROM links WHERE label = ?
         UNION ALL SELECT channel_id FROM code_batches WHERE label = ?`,
        label,
        label,
      );
      if (found.length !== 1) throw new Error(`${found.length} channels are labelled ${label}`);
      return found[0]?.id ?? "";
    },
    setupUrl: () => `${url}/admin/#setup=${system.deps.setupLink.issue(system.deps.now())}`,
    countResponses: async () =>
      (await all<{ n: number }>("SELECT count(*) AS n FROM responses"))[0]?.n ?? 0,
    responseCategories: async () =>
      (await all<{ category: string }>("SELECT category FROM responses")).map((r) => r.category),
    answerRows: async () =>
      (await all<{ answers: string }>("SELECT answers FROM responses"))
        .flatMap((r) => parseStoredRows(r.answers))
        .map(([question, option, text]) => ({ question, option, text }))
        .sort((a, b) => (a.question + a.option < b.question + b.option ? -1 : 1)),
    longTableRows: async () => {
      await catchUp();
      return all<{ question: string; option: string; text: string | null }>(
        "SELECT question, option, text FROM answers ORDER BY question, option",
      );
    },
    query: async <T>(sql: string, ...params: unknown[]) => {
      await catchUp();
      return all<T>(sql, ...params);
    },
    async everything() {
      const rows: string[] = [];
      for (const table of await tables())
        rows.push(`${table}: ${JSON.stringify(await all(`SELECT * FROM "${table}"`))}`);
      return rows.join("\n");
    },
    tables,
    columns: async (table) =>
      (
        await all<{ name: string }>(
          store.engine === "postgres"
            ? `SELECT column_name AS name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`
            : "SELECT name FROM pragma_table_info(?) ORDER BY cid",
          table,
        )
      ).map((c) => c.name),
    async write(sql, ...params) {
      writer ??= openTestConnection(at, { write: true });
      await writer.all(sql, params);
    },
    async close() {
      await new Promise<void>((done) => server.close(() => done()));
      await reader.close();
      await writer?.close();
      await system.close();
      if (!opts.store) await dropTestStore(store);
    },
  };
}
