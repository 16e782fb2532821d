// Opens the one SQLite database, sets its pragmas and runs the numbered migrations.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { refuseUnexpectedSchema } from "./schema-check.ts";

export type DB = Database.Database;

const MIGRATIONS_DIR = new URL("./migrations/", import.meta.url);

/**
 * Throws UnexpectedSchemaError (schema-check.ts), before anything is written, when the file holds
 * a schema this program's migrations did not make (say, a trigger copying every used code).
 */
export function openDatabase(path: string, migrateUpTo = Number.POSITIVE_INFINITY): DB {
  const isNew = path !== ":memory:" && !existsSync(path);
  if (path !== ":memory:") {
    mkdirSync(dirname(path), { recursive: true });
    probeSchema(path);
  }
  const db = new Database(path);
  // A new file holds answers from its first commit: its owner's only, whatever the umask (SQLite
  // gives the -wal and -shm files the same mode). An existing file's mode is the operator's choice.
  if (isNew) chmodSync(path, 0o600);
  try {
    // Again on the connection that will write: the file may have changed since the probe.
    refuseUnexpectedSchema(db);
  } catch (error) {
    db.close();
    throw error;
  }
  // WAL: readers (exports, the console) never block the writer, and commits are sequential appends.
  db.pragma("journal_mode = WAL");
  // FULL: every commit is fsynced, so an acknowledged response survives a power cut.
  // Group commit (responses/group-commit.ts) pays that fsync once per batch, not per response.
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  // Freed space is zeroed, so deleted markers and moved cells leave no readable remains.
  db.pragma("secure_delete = ON");
  // The CLI and the server share the file; wait for each other's short write transactions.
  db.pragma("busy_timeout = 5000");
  migrate(db, migrateUpTo);
  return db;
}

/**
 * Runs `write` (one transaction) without an fsync of its own, for steps that are derived and redone
 * after a crash: releasing cohorts and filling the long table. The log is appended in order, so
 * the next FULL commit (a submission's batch, a ledger write before a result is answered) fsyncs it
 * too; a crash before that loses only the step, which upkeep repeats. Why: on a busy 2-core box an
 * fsync per upkeep slice held every submission behind it (README: Analysts never stall respondents).
 */
export function withoutOwnSync<T>(db: DB, write: () => T): T {
  db.pragma("synchronous = NORMAL");
  try {
    return write();
  } finally {
    db.pragma("synchronous = FULL");
  }
}

/**
 * Checks the schema on a read-only connection first: unlike a read-write one, it never folds a
 * leftover -wal into the file when it closes, nor rolls back a hot journal, so a refused start
 * leaves the file byte for byte as it was.
 */
function probeSchema(path: string): void {
  if (!existsSync(path)) return;
  let probe: DB;
  try {
    probe = new Database(path, { readonly: true, fileMustExist: true });
  } catch {
    return; // the read-write open says why, in the words start-server knows
  }
  try {
    refuseUnexpectedSchema(probe);
  } catch (error) {
    // A hot journal needs a writer to roll it back first; the read-write connection checks then.
    const code = error instanceof Database.SqliteError ? error.code : "";
    if (!code.startsWith("SQLITE_READONLY")) throw error;
  } finally {
    probe.close();
  }
}

/**
 * Runs every migrations/NNNN_name.sql not yet applied, up to `upTo` (default: all), each in its
 * own transaction. schema-check.ts runs them on an empty database for the schema each version has.
 */
export function migrate(db: DB, upTo = Number.POSITIVE_INFINITY): void {
  const applied = Number(db.pragma("user_version", { simple: true }));
  for (const { number, file } of migrationFiles()) {
    if (number <= applied || number > upTo) continue;
    const sql = readFileSync(new URL(file, MIGRATIONS_DIR), "utf8");
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${number}`);
    })();
  }
}

/** The newest migration this program knows; a database made by a newer one would be misread. */
export function latestSchemaVersion(): number {
  return Math.max(0, ...migrationFiles().map((m) => m.number));
}

function migrationFiles(): { number: number; file: string }[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort()
    .map((file) => ({ number: Number(file.slice(0, 4)), file }));
}
