// Puts a checked backup back as the live database, keeping the current file aside, never deleting it.
import {
  chmodSync,
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import { type DatabaseSummary, fsyncPath, inspectDatabase, oneLine } from "./inspect-database.ts";

export interface RestoreResult extends DatabaseSummary {
  path: string;
  /** Where the database that was live before now lies; null when there was none. */
  keptAs: string | null;
}

export function restoreDatabase(backupPath: string, livePath: string, now: Date): RestoreResult {
  const backup = resolve(backupPath);
  const live = resolve(livePath);
  if (!existsSync(backup)) throw new Error(`no backup at ${backup}`);
  if (backup === live) throw new Error(`${backup} is the live database itself`);
  // A raw copy taken while the server ran may keep committed responses in its -wal only.
  if (existsSync(`${backup}-wal`) && statSync(`${backup}-wal`).size > 0)
    throw new Error(
      `${backup}-wal exists: the file alone is incomplete; make a proper copy with the backup command`,
    );
  mkdirSync(dirname(live), { recursive: true });

  // The restored bytes are copied next to the live file (same file system, so the final rename is
  // atomic), flushed, and checked there: what is checked is exactly what goes live. Only then is
  // the live file touched, so a bad backup leaves it exactly as it was.
  const temp = join(dirname(live), `.${basename(live)}.restore-${process.pid}`);
  let claim: Database.Database | null = null;
  try {
    copyFileSync(backup, temp);
    const summary = inspectDatabase(temp, backup);
    // The server must be able to open what it opened before, whatever the backup's own mode.
    if (existsSync(live)) chmodSync(temp, statSync(live).mode & 0o777);
    fsyncPath(temp);
    claim = existsSync(live) ? claimIdle(live) : null;
    const aside = asideName(live, now);
    const keptAs = existsSync(live) ? keepAside(live, aside) : null;
    // Stale -wal and -shm of the old file would be replayed into the restored one on the next
    // open (a WAL file does not say which database it belongs to): they go aside with the old file.
    for (const suffix of ["-wal", "-shm"]) {
      if (existsSync(`${live}${suffix}`)) renameSync(`${live}${suffix}`, `${aside}${suffix}`);
    }
    renameSync(temp, live);
    fsyncPath(dirname(live));
    return { path: live, keptAs, ...summary };
  } finally {
    rmSync(temp, { force: true });
    claim?.close();
  }
}

/**
 * Proves no process has the live database open, and keeps it that way until the swap is done.
 *
 * Leaving WAL mode needs the only connection to the file: while the server (or a CLI command) has
 * it open, its shared lock makes `journal_mode = DELETE` fail at once with busy_timeout 0. When it
 * succeeds, SQLite has also checkpointed the -wal into the file, so the file kept aside is whole
 * on its own. The exclusive lock then held makes a server started meanwhile wait and fail at its
 * start rather than write into the file being set aside.
 */
function claimIdle(live: string): Database.Database | null {
  const db = new Database(live, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 0");
    const mode = String(db.pragma("journal_mode = DELETE", { simple: true }));
    if (mode !== "delete") throw new Error(`journal mode stayed ${mode}`);
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE; COMMIT");
    return db;
  } catch (error) {
    db.close();
    const code = error instanceof Database.SqliteError ? error.code : "";
    // A damaged live file is the usual reason to restore, and no server can be running on a file
    // SQLite cannot read: it is set aside as it is.
    if (/^SQLITE_(NOTADB|CORRUPT)/.test(code)) return null;
    if (/^SQLITE_(BUSY|LOCKED)/.test(code) || /journal mode stayed/.test(oneLine(error)))
      throw new Error(`${live} is in use: stop the server (and any CLI command) first`);
    throw new Error(`cannot take over ${live}: ${oneLine(error)}`);
  }
}

/** A dated name beside the live file, not yet taken (two restores within a second get -2). */
function asideName(live: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  for (let n = 1; ; n++) {
    const aside = `${live}.before-restore-${stamp}${n === 1 ? "" : `-${n}`}`;
    if (!existsSync(aside)) return aside;
  }
}

/** Hard-links the old file under its new name, so the live name is never missing, even briefly. */
function keepAside(live: string, aside: string): string {
  try {
    linkSync(live, aside);
  } catch {
    // A file system without hard links: a plain copy keeps the same bytes.
    copyFileSync(live, aside);
    fsyncPath(aside);
  }
  return aside;
}
