// PostgreSQL implementation of Storage, assembled from one module per table group; several server
// instances may share one database.
import type { DatabaseHealth, Storage } from "../storage.ts";
import { migratePostgres } from "./migrate.ts";
import { openPostgresPool, type Pool, type PoolOptions, postgresPlace } from "./open-postgres.ts";
import { createPgAdmins } from "./pg-admins.ts";
import { createPgAnswerIndex } from "./pg-answer-index.ts";
import { createPgBatches } from "./pg-batches.ts";
import { createPgDrafts } from "./pg-drafts.ts";
import { createPgGuards } from "./pg-guards.ts";
import { createPgLedger } from "./pg-ledger.ts";
import { createPgLinks } from "./pg-links.ts";
import { rebuildInKeyOrder } from "./pg-rebuild.ts";
import { createPgReleases } from "./pg-releases.ts";
import { createPgResponses } from "./pg-responses.ts";
import {
  createPgResults,
  inPgSnapshot,
  type PgResultsReads,
  type PgSnapshot,
} from "./pg-results.ts";
import { checkPostgresDatabase } from "./pg-schema-check.ts";
import { createPgSurveys } from "./pg-surveys.ts";
import { LOCKS, unlessLockedElsewhere } from "./pg-transaction.ts";

export interface PostgresStorage extends Storage {
  /** Tabulation's reads through the pool. */
  results: PgResultsReads;
  /** Runs `read` on one consistent snapshot (the results worker's SQLite connection does the same). */
  snapshot<T>(read: (snapshot: PgSnapshot) => Promise<T>): Promise<T>;
  pool: Pool;
  /** Lines the start prints with ⚠: a setting that dates statements, not responses (pg-recorders.ts). */
  warnings: string[];
}

/**
 * Opens the pool and brings the schema up to date (once, however many instances start together),
 * then refuses a database that could record who answered when (pg-schema-check.ts).
 */
export async function openPostgresStorage(
  url: string,
  options?: PoolOptions,
): Promise<PostgresStorage> {
  const pool = openPostgresPool(url, options);
  let warnings: string[];
  try {
    await migratePostgres(pool);
    warnings = await checkPostgresDatabase(pool, `PostgreSQL ${postgresPlace(url)}`);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return createPostgresStorage(pool, warnings);
}

export function createPostgresStorage(pool: Pool, warnings: string[] = []): PostgresStorage {
  const health = async (): Promise<DatabaseHealth> => {
    try {
      // A round trip proves the database answers; no count (it would time submissions).
      await pool.query("SELECT 1");
      // PostgreSQL always writes ahead to its WAL: the same answer as SQLite in WAL mode.
      return { status: "ok", journalMode: "wal" };
    } catch (error) {
      // PostgreSQL's message names the failure (connection refused, timeout), never a value.
      return {
        status: "unavailable",
        reason: error instanceof Error ? error.message : String(error),
      };
    }
  };
  const results = createPgResults(pool);
  return {
    pool,
    warnings,
    ...createPgSurveys(pool),
    ...createPgLinks(pool),
    ...createPgResponses(pool),
    ...createPgReleases(pool),
    ...createPgAnswerIndex(pool),
    responseChannels: results.responseChannels,
    responseDays: results.responseDays,
    ...createPgAdmins(pool),
    ...createPgBatches(pool),
    ...createPgDrafts(pool),
    ...createPgLedger(pool),
    ...createPgGuards(pool),
    results,
    snapshot: (read) => inPgSnapshot(pool, read),
    // PostgreSQL recycles its own WAL at checkpoints; there is nothing for the server to empty.
    truncateLog: async () => true,
    rebuildFile: async () => void (await rebuildInKeyOrder(pool)),
    health,
    alone: (task, work) => unlessLockedElsewhere(pool, LOCKS[task], () => work()),
    close: () => pool.end(),
  };
}
