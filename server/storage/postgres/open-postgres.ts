// Opens a pool of connections to one PostgreSQL database from a postgres:// URL, each setting chosen
// for what the survey needs: durable acknowledgements, bounded waits, numbers that stay numbers.
import pg from "pg";

export type Pool = pg.Pool;

const INT8 = 20;

/**
 * count(*) and BIGINT columns arrive as int8, which node-postgres returns as text (a JS number
 * cannot hold every int8). Ours are counts and audit ids, far below 2^53: parsed here, per pool
 * (not pg.types, which is global), and a value past that is an error, never a silent rounding.
 */
export const int8AsNumber: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === INT8 && format !== "binary")
      return (text: string) => {
        const value = Number(text);
        if (!Number.isSafeInteger(value)) throw new Error(`an int8 past 2^53: ${text}`);
        return value;
      };
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig["getTypeParser"],
};

export interface PoolOptions {
  /** Connections this instance may hold; every instance's share must fit max_connections (100). */
  max?: number;
  /** Shown in pg_stat_activity, so an operator tells the server's connections from their own. */
  applicationName?: string;
}

export function openPostgresPool(
  url: string,
  { max = 10, applicationName = "survey" }: PoolOptions = {},
): Pool {
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error("DATABASE_URL must start with postgres://");
  const pool = new pg.Pool({
    connectionString: url,
    // Ten by default: group commit sends one transaction per batch, so a few connections carry
    // every submission; the rest serve the console and upkeep. Two instances stay far under 100.
    max,
    application_name: applicationName,
    // An unreachable database fails a request in 5 s instead of queueing it forever (SQLite's
    // busy_timeout plays this part for the file).
    connectionTimeoutMillis: 5_000,
    // Idle connections are closed after 30 s: a quiet server holds no more than it uses.
    idleTimeoutMillis: 30_000,
    // A connection a crashed request left inside a transaction would keep its row locks (a link's
    // counter: every submitter of that link waits) and hold back the horizon below which dead rows
    // are removed, so the rebuild could not drop old row versions. PostgreSQL ends it after 60 s.
    idle_in_transaction_session_timeout: 60_000,
    // TCP keepalive notices a database host that vanished (failover, a cut cable) on idle sockets.
    keepAlive: true,
    types: int8AsNumber,
  });
  // An idle connection that fails (the database restarted) is reported here; without a listener
  // Node ends the process. The pool drops it and the next query opens a new one.
  pool.on("error", (error) => {
    console.error(
      JSON.stringify({
        level: "error",
        route: "postgres",
        error: `idle connection: ${error.message}`,
      }),
    );
  });
  return pool;
}

/** host:port/database of a postgres:// URL, never its user or password: how lines name it. */
export function postgresPlace(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return "(DATABASE_URL is not a URL)";
  }
}
