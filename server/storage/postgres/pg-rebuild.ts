// The PostgreSQL counterpart of SQLite's VACUUM after a burst: afterwards no table or index holding
// response ids keeps the order in which people answered (README: Threat model).
//
// Where PostgreSQL keeps arrival order, and what undoes it:
// - Heap order (ctid) and the place of each tuple in its page: rows are appended as they come.
// - xmin, the inserting transaction's id, in every tuple header, and cmin, the statement within it:
//   a waiting response carries its submission's, a released one its cohort's release. Neither
//   CLUSTER nor VACUUM FULL changes them (they copy tuple headers), nor freezing (it sets a flag).
// - TOAST value ids: a long answer is stored out of line under an OID from a global counter, and
//   CLUSTER and VACUUM FULL keep those OIDs.
// - Dead row versions (a release rewrites each row) and their free space, until a rewrite.
// - Index leaf order among equal keys (heap position breaks ties): our indexes end with the id.
// So step 1 rewrites every row naming a response, in id order, in one transaction: new xmin and cmin
// shared by all, new TOAST OIDs allotted in id order. Step 2 rewrites each table's file and indexes
// (VACUUM FULL; CLUSTER for the long table), which drops the dead versions step 1 left behind.
// The long table keeps its rows' xmin: each is an expansion slice, a random subset (by id) of the
// cohorts released before it, so it orders cohorts, never the responses within one.
import type pg from "pg";
import type { Pool } from "./open-postgres.ts";
import { excludeWriters, LOCKS, unlessLockedElsewhere } from "./pg-transaction.ts";

/**
 * Each statement deletes a table's rows and inserts the same rows again, in key order. Foreign keys
 * are NO ACTION, checked at the end of the statement, when each deleted id exists again.
 */
const REWRITE_RESPONSES = [
  `WITH old AS (DELETE FROM responses RETURNING *)
   INSERT INTO responses SELECT * FROM old ORDER BY id`,
  `WITH old AS (DELETE FROM answers_pending RETURNING *)
   INSERT INTO answers_pending SELECT * FROM old ORDER BY response_id`,
  `WITH old AS (DELETE FROM disclosure_members RETURNING *)
   INSERT INTO disclosure_members SELECT * FROM old ORDER BY survey_version_id, response_id`,
];
/**
 * A code's row is rewritten when it is used, a link's at each submission through it: their places
 * and xmin tell the order of those moments, so they are rewritten in key order too.
 */
const REWRITE_ENTRIES = [
  `WITH old AS (DELETE FROM codes RETURNING *) INSERT INTO codes SELECT * FROM old ORDER BY code`,
  `WITH old AS (DELETE FROM links RETURNING *) INSERT INTO links SELECT * FROM old ORDER BY id`,
];
/**
 * Each table's file and indexes written anew, without the dead versions the rewrite left. The long
 * table is never updated, so it has no dead rows, but its file is in expansion order (cohort by
 * cohort): CLUSTER writes it in key order, as SQLite's pages hold it.
 */
const REWRITE_FILES = [
  "VACUUM (FULL) responses",
  "VACUUM (FULL) answers_pending",
  "VACUUM (FULL) disclosure_members",
  "VACUUM (FULL) codes",
  "VACUUM (FULL) links",
  "CLUSTER answers USING answers_pkey",
];

/**
 * A rebuild waiting for a lock holds up everything queued behind it; shorter than deadlock_timeout
 * (1 s), so it is the rebuild that gives up (and is retried later), never a submission.
 */
const LOCK_TIMEOUT = "SET lock_timeout = '500ms'";

/** Returns false, at once, when another instance is rebuilding: its rebuild covers this one's rows. */
export async function rebuildInKeyOrder(pool: Pool): Promise<boolean> {
  const done = await unlessLockedElsewhere(pool, LOCKS.rebuild, async (client) => {
    await client.query(LOCK_TIMEOUT);
    try {
      // Release, expansion and the ledger hold the writers' lock shared, and take it first: held
      // here exclusively, none of them holds a lock this transaction could wait for. Submissions
      // only insert new ids, which this rewrite never collides with, so they go on meanwhile.
      await inOneTransaction(client, excludeWriters, REWRITE_RESPONSES);
      // An edited link, a revoked code or a submission's conditional update waits at this lock,
      // for as long as two small tables take to copy.
      await inOneTransaction(
        client,
        (c) => c.query("LOCK TABLE links, codes IN EXCLUSIVE MODE"),
        REWRITE_ENTRIES,
      );
      // Outside a transaction (VACUUM refuses one); each statement takes one table's lock alone.
      for (const statement of REWRITE_FILES) await client.query(statement);
    } finally {
      await client.query("RESET lock_timeout");
    }
    return true;
  });
  return done === true;
}

async function inOneTransaction(
  client: pg.PoolClient,
  lock: (client: pg.PoolClient) => Promise<unknown>,
  statements: readonly string[],
): Promise<void> {
  await client.query("BEGIN");
  try {
    await lock(client);
    for (const statement of statements) await client.query(statement);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}
