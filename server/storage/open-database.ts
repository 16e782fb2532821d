// Opens the one SQLite database, sets its pragmas and runs the numbered migrations.
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

export type DB = Database.Database;

const MIGRATIONS_DIR = new URL("./migrations/", import.meta.url);

export function openDatabase(path: string): DB {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
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
  migrate(db);
  return db;
}

/** Runs every migrations/NNNN_name.sql not yet applied, each in its own transaction. */
export function migrate(db: DB): void {
  const applied = Number(db.pragma("user_version", { simple: true }));
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort();
  for (const file of files) {
    const number = Number(file.slice(0, 4));
    if (number <= applied) continue;
    const sql = readFileSync(new URL(file, MIGRATIONS_DIR), "utf8");
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${number}`);
    })();
  }
}
