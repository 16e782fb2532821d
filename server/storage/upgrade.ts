// Before a newer release migrates a database: a backup of the file exactly as the older one left
// it, so an upgrade that goes wrong is undone by putting that file back (bin/survey restore).
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { type BackupResult, backupDatabase } from "./backup.ts";
import { latestSchemaVersion } from "./open-database.ts";

export interface SchemaState {
  /** The schema the file has (0: no file yet, or an empty one). */
  from: number;
  /** The schema this program's migrations make. */
  to: number;
}

/**
 * Read-only: looking never folds a -wal in or changes a byte. A file SQLite cannot read counts as
 * 0 here; opening it for real then says why, in the words the start and the CLI already use.
 */
export function schemaStateOf(path: string): SchemaState {
  const to = latestSchemaVersion();
  if (path === ":memory:" || !existsSync(path)) return { from: 0, to };
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    return { from: Number(db.pragma("user_version", { simple: true })), to };
  } catch {
    return { from: 0, to };
  } finally {
    db?.close();
  }
}

export interface UpgradeBackup extends SchemaState {
  /** Null when nothing was due: a new file, one already current, or one newer than the program. */
  backup: BackupResult | null;
}

/**
 * Backs up `path` into `backups/` beside it when this program would migrate it (from < to), as
 * `survey-schema<from>-before-upgrade-<day>.db`. That name is not the nightly `survey-<day>.db`,
 * so the nightly pruning (--keep) never deletes it. Throws when the backup cannot be made: then
 * nothing may be migrated.
 */
export function backUpBeforeMigrating(path: string, day: string): UpgradeBackup {
  const state = schemaStateOf(path);
  if (state.from === 0 || state.from >= state.to) return { ...state, backup: null };
  const folder = join(dirname(path), "backups");
  // 0700: a full copy of the answers; only the server's own user may read it.
  if (!existsSync(folder)) mkdirSync(folder, { mode: 0o700 });
  const target = join(folder, `survey-schema${state.from}-before-upgrade-${day}.db`);
  // Same day, same schema: a retried upgrade replaces the copy with the identical file.
  return { ...state, backup: backupDatabase(path, target, { force: true }) };
}
