// An online backup of the live database: a consistent copy taken while the server goes on writing.
import { chmodSync, existsSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { type DatabaseSummary, fsyncPath, inspectDatabase, oneLine } from "./inspect-database.ts";
import { schemaProblem } from "./schema-check.ts";

export interface BackupResult extends DatabaseSummary {
  path: string;
  bytes: number;
}

/**
 * Copies `sourcePath` to `targetPath` with `VACUUM INTO`, checks the copy, then moves it into place.
 *
 * Why VACUUM INTO rather than better-sqlite3's `db.backup()`: the backup API copies pages in steps
 * and starts again from the first page whenever another connection (the server) commits, so under
 * steady submissions a large database may never finish. VACUUM INTO reads everything inside one
 * read transaction, which in WAL mode is a consistent snapshot that never blocks the server's
 * writer. It also writes only live rows: no free pages, so nothing deleted travels with the copy,
 * and the copy is a single self-contained file (rollback-journal mode, no -wal beside it).
 */
export function backupDatabase(
  sourcePath: string,
  targetPath: string,
  options: { force: boolean },
): BackupResult {
  const source = resolve(sourcePath);
  const target = resolve(targetPath);
  if (!existsSync(source)) throw new Error(`no database at ${source} (check DATABASE_PATH)`);
  if (target === source || target.startsWith(`${source}-`))
    throw new Error(`the backup must not overwrite the live database or its files (${target})`);
  if (existsSync(target) && !options.force)
    throw new Error(`${target} already exists; choose a new name, or add --force to replace it`);
  if (!existsSync(dirname(target)))
    throw new Error(`no directory ${dirname(target)} for ${target}`);

  // Written beside the target and renamed at the end, so a failed or interrupted backup never
  // leaves a half-written file under the target's name, and --force never loses the old backup
  // before the new one is complete and checked.
  const partial = `${target}.partial-${process.pid}`;
  rmSync(partial, { force: true });
  try {
    // The copy holds every answer: readable by its owner only from its first byte, whatever the
    // umask or the folder (VACUUM INTO fills an empty file; SQLite gives its journal the same mode).
    writeFileSync(partial, "", { mode: 0o600, flag: "wx" });
    copyLive(source, partial);
    chmodSync(partial, 0o600);
    const summary = inspectDatabase(partial, target);
    fsyncPath(partial);
    renameSync(partial, target);
    fsyncPath(dirname(target));
    return { path: target, bytes: statSync(target).size, ...summary };
  } finally {
    rmSync(partial, { force: true });
  }
}

function copyLive(source: string, partial: string): void {
  let db: Database.Database;
  try {
    // Read-only: the backup must never write to the live database (no migration, no checkpoint).
    db = new Database(source, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new Error(`cannot open ${source}: ${oneLine(error)}`);
  }
  try {
    // A doctored live file is named as such, and nothing of it is copied.
    const problem = schemaProblem(db);
    if (problem) throw new Error(`the live database ${source} ${problem}; nothing was copied`);
    // A commit of the server's may hold the write lock for an fsync; wait rather than fail.
    db.pragma("busy_timeout = 5000");
    try {
      db.prepare("VACUUM INTO ?").run(partial);
    } catch (error) {
      throw new Error(`copying ${source} to ${partial} failed: ${oneLine(error)}`);
    }
  } finally {
    db.close();
  }
}
