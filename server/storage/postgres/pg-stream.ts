// Large reads in bounded chunks through a cursor (a portal of the extended protocol, via
// pg-cursor), so an export of 100,000 responses never holds them all in memory: what
// better-sqlite3's .iterate() gives SQLite. A reader must finish the stream or stop it
// (for await … break); either closes the cursor.
import type pg from "pg";
import Cursor from "pg-cursor";
import { int8AsNumber, type Pool } from "./open-postgres.ts";

/** Rows per read: bounded memory however many responses a version has. */
const CHUNK = 500;

/** Streams a query on `client`, inside whatever transaction it has open. */
export async function* fetchInChunks<T extends pg.QueryResultRow>(
  client: pg.PoolClient,
  text: string,
  values: unknown[],
): AsyncGenerator<T> {
  // A cursor parses its rows itself: it is given the pool's type parsers explicitly.
  const cursor = client.query(new Cursor<T>(text, values, { types: int8AsNumber }));
  try {
    for (;;) {
      const rows = await cursor.read(CHUNK);
      yield* rows;
      if (rows.length < CHUNK) return;
    }
  } finally {
    // Fails only on a connection that already failed, whose error is the one to report.
    await cursor.close().catch(() => undefined);
  }
}

/** On a pool: a connection of its own, in a read-only transaction while the stream is read. */
export async function* streamFromPool<T extends pg.QueryResultRow>(
  pool: Pool,
  text: string,
  values: unknown[],
): AsyncGenerator<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN READ ONLY");
    try {
      yield* fetchInChunks<T>(client, text, values);
    } finally {
      // Ends the transaction whether the reader finished, stopped early or threw.
      await client.query("COMMIT").catch((error: Error) => {
        broken = error;
      });
    }
  } finally {
    client.release(broken);
  }
}
