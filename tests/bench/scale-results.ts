// The full category banner and the workbook over HTTP from one real instance per engine, on the same
// preloaded responses: GET /api/admin/results?survey=political-ecology as an analyst with an API
// token, then the XLSX download. One instance, as the publication ledger is still per process.
import { statSync } from "node:fs";
import { join } from "node:path";
import { createAccount, issueApiToken } from "../../server/admin/accounts.ts";
import type { ChildServer } from "../support/child-server.ts";
import { createBenchDatabase, untilChanged } from "./bench-postgres.ts";
import { preloadPostgres } from "./preload-postgres.ts";
import { preloadStore } from "./preload-store.ts";
import { startInstance } from "./scale-throughput.ts";
import { memoryOf } from "./server-memory.ts";

const BANNER_RUNS = 5;
const VIEW = "/api/admin/results?survey=political-ecology";
const WORKBOOK = "/api/admin/results/export.xlsx?survey=political-ecology";
const DAYS = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, "0")}`);
/** Release days in blocks (responses 0…n/30 on the 1st, …): a preload batch spans one or two. */
const dayOf = (count: number) => (i: number) =>
  DAYS[Math.floor((i * DAYS.length) / count)] ?? "2026-11-30";

export interface EngineResults {
  engine: "sqlite" | "postgres";
  responses: number;
  preloadSeconds: number;
  /** The first view: the worker's first snapshot and the ledger's first write for this view. */
  firstViewMs: number;
  bannerMs: number;
  bannerBytes: number;
  workbook: { seconds: number; bytes: number; peakRssMb: number } | { unavailable: string };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function timedGet(url: string, secret: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { Authorization: `Bearer ${secret}` } });
  if (!response.ok || !response.body) throw new Error(`${url}: HTTP ${response.status}`);
  let bytes = 0;
  const reader = response.body.getReader();
  for (let part = await reader.read(); !part.done; part = await reader.read())
    bytes += part.value.byteLength;
  return { ms: performance.now() - started, bytes };
}

async function measureServer(server: ChildServer, secret: string) {
  const first = await timedGet(`${server.url}${VIEW}`, secret);
  const times: number[] = [];
  for (let run = 0; run < BANNER_RUNS; run++)
    times.push((await timedGet(`${server.url}${VIEW}`, secret)).ms);
  let workbook: EngineResults["workbook"];
  try {
    const { ms, bytes } = await timedGet(`${server.url}${WORKBOOK}`, secret);
    workbook = { seconds: ms / 1000, bytes, peakRssMb: memoryOf(server.pid).hwm / 1024 };
  } catch (error) {
    workbook = { unavailable: String(error) };
  }
  return { firstViewMs: first.ms, bannerMs: median(times), bannerBytes: first.bytes, workbook };
}

const walBytes = (dbPath: string) => {
  try {
    return statSync(`${dbPath}-wal`).size;
  } catch {
    return 0;
  }
};

/** SQLite's start rebuild (VACUUM) goes through the log, which is emptied after it. */
async function untilSqliteRebuilt(dbPath: string) {
  const started = Date.now();
  while (Date.now() - started < 20_000 && walBytes(dbPath) < 256 * 1024) await sleep(50);
  while (Date.now() - started < 600_000 && walBytes(dbPath) > 0) await sleep(50);
}

async function benchSqlite(count: number): Promise<EngineResults> {
  const started = performance.now();
  const store = preloadStore(count, dayOf(count));
  try {
    const analyst = await createAccount(
      store.stores,
      { username: "bench", displayName: "bench", role: "analyst", password: "bench-password-1" },
      new Date(),
    );
    if (!analyst) throw new Error("could not create the bench account");
    const { secret } = await issueApiToken(store.stores, analyst, "bench", new Date());
    store.closeStorage();
    const preloadSeconds = (performance.now() - started) / 1000;
    const server = await startInstance({ DATABASE_PATH: store.dbPath });
    try {
      await untilSqliteRebuilt(store.dbPath);
      const measured = await measureServer(server, secret);
      return { engine: "sqlite", responses: count, preloadSeconds, ...measured };
    } finally {
      await server.stop();
    }
  } finally {
    store.close();
  }
}

async function benchPostgres(count: number, dir: string): Promise<EngineResults> {
  const database = await createBenchDatabase();
  try {
    const started = performance.now();
    const { secret } = await preloadPostgres(database.url, count, dayOf(count));
    const preloadSeconds = (performance.now() - started) / 1000;
    const before = await database.answersFile();
    const server = await startInstance({
      DATABASE_URL: database.url,
      DATABASE_PATH: join(dir, "settings-only.db"),
    });
    try {
      if (!(await untilChanged(database.answersFile, before, 600_000)))
        console.log("  the start's rebuild did not finish within 10 minutes; measuring anyway");
      const measured = await measureServer(server, secret);
      return { engine: "postgres", responses: count, preloadSeconds, ...measured };
    } finally {
      await server.stop();
    }
  } finally {
    await database.drop();
  }
}

/** SQLite first: the ratios are to it. */
export async function benchScaleResults(count: number, dir: string): Promise<EngineResults[]> {
  console.log(`  SQLite: preloading ${count} responses, then the banner and the workbook…`);
  const sqlite = await benchSqlite(count);
  console.log(`  PostgreSQL: preloading ${count} responses, then the banner and the workbook…`);
  const postgres = await benchPostgres(count, dir);
  return [sqlite, postgres];
}
