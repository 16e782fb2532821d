// Before a newer release migrates a database: a backup of the file exactly as the older one left
// it, so an upgrade that goes wrong is undone by putting that file back (bin/survey restore).
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { type BackupResult, backupDatabase } from "./backup.ts";
import { inspectDatabase } from "./inspect-database.ts";
import { latestSchemaVersion, openDatabase } from "./open-database.ts";

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

/**
 * Migrations that delete or coarsen what was stored, for anonymity. 0006: each response's channel
 * label (a link renamed again and again stamped times on responses) and its submission day, the
 * audit log's milliseconds and response counts. A backup taken before one of them would keep for
 * good what it removed, beside the scrubbed file; so these run before the backup is taken.
 */
export const SCRUBBING_MIGRATIONS: readonly number[] = [6];

export interface UpgradeBackup extends SchemaState {
  /** The schema of the file the backup holds: `from`, or the last scrubbing migration's. */
  backedUpAt: number;
  /** Null when nothing was due: a new file, one already current, or one newer than the program. */
  backup: BackupResult | null;
}

/**
 * Backs up `path` into `backups/` beside it when this program would migrate it (from < to), as
 * `survey-schema<N>-before-upgrade-<day>.db`, after running any scrubbing migration due (so the
 * copy is at that schema, and the release that made it can restore it). That name is not the
 * nightly `survey-<day>.db`, so the nightly pruning (--keep) never deletes it. An existing copy of
 * that name is kept, not replaced: a retried upgrade must not overwrite the first copy with one
 * taken later. Throws when the backup cannot be made: then nothing more may be migrated.
 */
/** One line for the operator: where the copy is, and at which schema. */
export function describeUpgradeBackup(done: UpgradeBackup): string {
  if (!done.backup) return "";
  const at =
    done.backedUpAt === done.from
      ? "as it was"
      : `at schema ${done.backedUpAt} (after the migrations that remove what must not be kept)`;
  return `the database before upgrading, ${at}, is kept in ${done.backup.path}`;
}

export function backUpBeforeMigrating(path: string, day: string): UpgradeBackup {
  const state = schemaStateOf(path);
  if (state.from === 0 || state.from >= state.to)
    return { ...state, backedUpAt: state.from, backup: null };
  const scrubTo = Math.max(
    state.from,
    ...SCRUBBING_MIGRATIONS.filter((n) => n > state.from && n <= state.to),
  );
  if (scrubTo > state.from) openDatabase(path, scrubTo).close();
  const folder = join(dirname(path), "backups");
  // 0700: a full copy of the answers; only the server's own user may read it.
  if (!existsSync(folder)) mkdirSync(folder, { mode: 0o700 });
  const target = join(folder, `survey-schema${scrubTo}-before-upgrade-${day}.db`);
  const backup = existsSync(target)
    ? { path: target, bytes: statSync(target).size, ...inspectDatabase(target, target) }
    : backupDatabase(path, target, { force: false });
  return { ...state, backedUpAt: scrubTo, backup };
}
