// Runs the numbered PostgreSQL migrations (migrations/NNNN_name.sql), each in its own transaction
// under an advisory lock, so instances starting together migrate once and never half.
import { readdirSync, readFileSync } from "node:fs";
import type { Pool } from "./open-postgres.ts";
import { inTransaction, LOCKS, lockForTransaction } from "./pg-transaction.ts";

const MIGRATIONS_DIR = new URL("./migrations/", import.meta.url);

/** The record of applied migrations: made here, not by a file, so it exists before the first. */
const SCHEMA_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  number INTEGER NOT NULL PRIMARY KEY,
  name TEXT NOT NULL
)`;

/** A database migrated by a newer program: this one would misread it, so it refuses to start. */
export class NewerSchemaError extends Error {
  readonly code = "SURVEY_NEWER_SCHEMA";
  constructor(readonly found: number) {
    super(
      `the database has schema version ${found}, newer than this program's ${latestPostgresSchemaVersion()}; update the program`,
    );
    this.name = "NewerSchemaError";
  }
}

/**
 * Applies every migration not yet recorded in schema_migrations, up to `upTo`; returns the numbers
 * it applied (none when another instance did them first). Each migration and its record commit
 * together, so a crash leaves either both or neither.
 */
export async function migratePostgres(
  pool: Pool,
  upTo = Number.POSITIVE_INFINITY,
): Promise<number[]> {
  const files = migrationFiles();
  const applied: number[] = [];
  for (;;) {
    const number = await inTransaction(pool, async (client) => {
      // Held until COMMIT: a second instance waits here, then reads what the first recorded.
      await lockForTransaction(client, LOCKS.migrate);
      await client.query(SCHEMA_MIGRATIONS_TABLE);
      const { rows } = await client.query<{ done: number }>(
        "SELECT coalesce(max(number), 0) AS done FROM schema_migrations",
      );
      const done = rows[0]?.done ?? 0;
      if (done > latestPostgresSchemaVersion()) throw new NewerSchemaError(done);
      const next = files.find((f) => f.number > done && f.number <= upTo);
      if (!next) return null;
      // Several statements in one simple query: the file runs as written, inside this transaction.
      await client.query(readFileSync(new URL(next.file, MIGRATIONS_DIR), "utf8"));
      await client.query("INSERT INTO schema_migrations (number, name) VALUES ($1, $2)", [
        next.number,
        next.file,
      ]);
      return next.number;
    });
    if (number === null) return applied;
    applied.push(number);
  }
}

/** The schema version a database is at: 0 before any migration. */
export async function postgresSchemaVersion(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ done: number | null }>(
    `SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN 0 END AS done`,
  );
  if (rows[0]?.done === 0) return 0;
  const version = await pool.query<{ done: number }>(
    "SELECT coalesce(max(number), 0) AS done FROM schema_migrations",
  );
  return version.rows[0]?.done ?? 0;
}

/**
 * Every statement migratePostgres runs to bring an empty schema to version `upTo`, in order (the
 * records it inserts aside): pg-schema-check.ts runs them in a scratch schema for the expected one.
 */
export function migrationScripts(upTo: number): string[] {
  return [
    SCHEMA_MIGRATIONS_TABLE,
    ...migrationFiles()
      .filter((f) => f.number <= upTo)
      .map((f) => readFileSync(new URL(f.file, MIGRATIONS_DIR), "utf8")),
  ];
}

/** The newest migration this program knows. */
export function latestPostgresSchemaVersion(): number {
  return Math.max(0, ...migrationFiles().map((m) => m.number));
}

function migrationFiles(): { number: number; file: string }[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort()
    .map((file) => ({ number: Number(file.slice(0, 4)), file }));
}
