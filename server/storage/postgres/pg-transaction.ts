// Transactions on one pooled connection, and the advisory locks that let several instances share one
// database: what SQLite gets from its single writer, PostgreSQL gets from these.
import type pg from "pg";
import type { Pool } from "./open-postgres.ts";

/** A pool or one checked-out connection: statements that run alone or inside a caller's transaction. */
export type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

/**
 * Advisory lock keys (the two-int form; the first names this program). Transaction-scoped locks
 * end with their transaction, so a crashed instance never leaves one behind.
 */
export const LOCKS = {
  /** Migrations: the second instance to start waits, then finds them applied. */
  migrate: 1,
  /** One rebuild at a time across instances; the others skip theirs. */
  rebuild: 2,
  /**
   * Upkeep's writers of rows that name responses (release, expansion, the ledger) hold it shared
   * for their transaction, taking it first; the rebuild holds it exclusively while it rewrites
   * those rows, so it never waits on a writer holding a lock it needs. Submissions do not take it.
   */
  writers: 3,
  /** Account changes: "an enabled admin remains" is checked and changed by one at a time. */
  accounts: 4,
  /**
   * For the release pass (read the waiting cells, decide, release), run by one instance at a time
   * through unlessLockedElsewhere: with two, the second could release a cell's late arrivals alone,
   * a cohort under k. Taken by the caller (responses/upkeep), not by this engine.
   */
  release: 5,
  /** Spending a setup link: one at a time, so two links used at once make one first admin. */
  setup: 6,
  /** The demo link of a fresh database: instances starting together make one, not one each. */
  firstLink: 7,
} as const;
/** The first key of every program-wide lock ("Surv"). */
export const PROGRAM_LOCK = 0x5375_7276;

/** A kind of object locked by id (the first key; the second is a hash of the id). */
export const OBJECT_LOCKS = {
  /** Versions are numbered one survey at a time. */
  survey: 0x5375_7277,
  /** One survey version's publication ledger: its revision is checked and raised by one writer. */
  ledger: 0x5375_7278,
} as const;

export interface TransactionOptions {
  /**
   * For derived steps redone after a crash (releasing cohorts, the long table): the commit does not
   * wait for its own WAL flush. The next durable commit flushes it too, as SQLite's withoutOwnSync.
   */
  noOwnSync?: boolean;
  /** Take the writers' lock shared first, before any other lock (see LOCKS.writers). */
  writer?: boolean;
}

/** BEGIN … COMMIT on one connection; ROLLBACK on any error; the connection always goes back. */
export async function inTransaction<T>(
  pool: Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  { noOwnSync = false, writer = false }: TransactionOptions = {},
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    try {
      if (noOwnSync) await client.query("SET LOCAL synchronous_commit = off");
      if (writer)
        await client.query("SELECT pg_advisory_xact_lock_shared($1, $2)", [
          PROGRAM_LOCK,
          LOCKS.writers,
        ]);
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollbackError: Error) => {
        // A connection that cannot even roll back is not given to the next request.
        broken = rollbackError;
      });
      throw error;
    }
  } finally {
    client.release(broken);
  }
}

/** Waits for one of LOCKS until the transaction ends (migrations, account changes). */
export async function lockForTransaction(client: Queryable, key: number): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock($1, $2)", [PROGRAM_LOCK, key]);
}

/** The same for one object of a kind, e.g. one survey id while its next version is numbered. */
export async function lockObjectForTransaction(
  client: Queryable,
  kind: number,
  id: string,
): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [kind, id]);
}

/**
 * Runs `work` while this session holds `key`, or returns undefined at once when another session
 * (another instance) holds it. The lock is taken and released on one dedicated connection; `work`
 * may use any other.
 */
export async function unlessLockedElsewhere<T>(
  pool: Pool,
  key: number,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T | undefined> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      "SELECT pg_try_advisory_lock($1, $2) AS locked",
      [PROGRAM_LOCK, key],
    );
    if (!rows[0]?.locked) return undefined;
    try {
      return await work(client);
    } finally {
      await client
        .query("SELECT pg_advisory_unlock($1, $2)", [PROGRAM_LOCK, key])
        .catch((error: Error) => {
          // Released with the session instead: this connection is closed rather than reused.
          broken = error;
        });
    }
  } finally {
    client.release(broken);
  }
}

/** The writers' lock held exclusively until the transaction ends (the rebuild's rewrite). */
export async function excludeWriters(client: Queryable): Promise<void> {
  await lockForTransaction(client, LOCKS.writers);
}
