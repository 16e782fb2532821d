// The results worker's own small pool on a PostgreSQL database: the tabulation reads, and a
// snapshot per job (REPEATABLE READ, READ ONLY), as the SQLite worker has its read-only connection.
import type { ResultsReader } from "../results-store.ts";
import { openPostgresPool } from "./open-postgres.ts";
import { createPgResults, inPgSnapshot } from "./pg-results.ts";

/**
 * Three connections: a job's snapshot holds one while the downloads already answered read their
 * raw rows through another, and a third spares them a wait. Counted in this instance's share of
 * max_connections, beside the server's own pool.
 */
const CONNECTIONS = 3;

export function openPgResultsReader(url: string): ResultsReader {
  const pool = openPostgresPool(url, { max: CONNECTIONS, applicationName: "survey-results" });
  return {
    ...createPgResults(pool),
    snapshot: (read) => inPgSnapshot(pool, read),
    close: () => pool.end(),
  };
}
