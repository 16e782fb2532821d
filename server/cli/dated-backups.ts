// `backup --into DIR [--keep N]`: one copy a day, named by its date alone, the oldest pruned past N.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { dayIn } from "../http/clock.ts";
import { type BackupResult, backupDatabase } from "../storage/backup.ts";
import { fsyncPath } from "../storage/inspect-database.ts";

/**
 * The only names this writes, and so the only ones it ever deletes: the day and nothing else. No
 * host, no time of day, nothing a reader of the folder could tie to when someone answered.
 */
const DATED = /^survey-\d{4}-\d{2}-\d{2}\.db$/;

export interface DatedBackup {
  made: BackupResult;
  /** True when an earlier backup of the same day was replaced. */
  replaced: boolean;
  /** Older dated backups deleted by --keep, oldest last. */
  removed: string[];
}

/**
 * Writes DIR/survey-YYYY-MM-DD.db (the day in `timeZone`), then keeps the newest `keep` such files
 * (all when `keep` is null). A second run on the same day replaces that day's file: backupDatabase
 * writes a temporary name in DIR and renames it over, so the old copy stays whole until the new
 * one is complete and checked. Nothing is pruned unless the new backup succeeded.
 */
export function backupInto(
  databasePath: string,
  dir: string,
  keep: number | null,
  timeZone: string,
  now: Date,
): DatedBackup {
  const day = dayOf(timeZone, now);
  const folder = resolve(dir);
  if (!existsSync(folder)) {
    // Only the last folder: a mistyped parent is refused rather than built silently.
    if (!existsSync(dirname(folder)))
      throw new Error(`no directory ${dirname(folder)} to create ${folder} in`);
    // 0700: the folder holds full copies of the answers (a umask can only narrow this).
    mkdirSync(folder, { mode: 0o700 });
  } else if (!statSync(folder).isDirectory()) {
    throw new Error(`${folder} is not a directory`);
  }
  const target = join(folder, `survey-${day}.db`);
  const replaced = existsSync(target);
  const made = backupDatabase(databasePath, target, { force: true });
  const removed = keep === null ? [] : prune(folder, keep, basename(target));
  return { made, replaced, removed };
}

/** Checked before anything is created: a bad zone would otherwise fail after mkdir. */
function dayOf(timeZone: string, now: Date): string {
  try {
    return dayIn(timeZone, now);
  } catch {
    throw new Error(`SURVEY_TIME_ZONE "${timeZone}" is not a time zone (e.g. Asia/Shanghai)`);
  }
}

/** Deletes all but the newest `keep` dated files; the one just written always counts as one. */
function prune(folder: string, keep: number, justMade: string): string[] {
  // By name, not by file time: the name is the backup's day, whatever a copy did to its mtime.
  // The one just written is never a candidate, even if a wrong clock once wrote "later" days.
  const older = readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isFile() && DATED.test(entry.name) && entry.name !== justMade)
    .map((entry) => entry.name)
    .sort()
    .reverse();
  const doomed = older.slice(Math.max(keep - 1, 0)).map((name) => join(folder, name));
  for (const path of doomed) rmSync(path);
  if (doomed.length > 0) fsyncPath(folder);
  return doomed;
}
