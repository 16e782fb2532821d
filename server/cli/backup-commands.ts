// `backup FILE [--force]`, `backup --into DIR [--keep N]` and `restore FILE`: each says what it
// did, or why not, in one line (a pruning backup adds one line naming what it removed).
import { basename } from "node:path";
import type { Config } from "../config.ts";
import { backupDatabase } from "../storage/backup.ts";
import { oneLine } from "../storage/inspect-database.ts";
import { restoreDatabase } from "../storage/restore.ts";
import { backupInto } from "./dated-backups.ts";

export interface BackupFlags {
  force?: boolean;
  into?: string;
  keep?: string;
}

export function backupCommand(
  config: Config,
  target: string | undefined,
  flags: BackupFlags,
): number {
  if (flags.into !== undefined || flags.keep !== undefined)
    return datedBackupCommand(config, target, flags);
  if (!target) {
    console.error(
      "backup needs a target file or folder: npm run cli -- backup FILE [--force] | backup --into DIR [--keep N]",
    );
    return 2;
  }
  const force = flags.force ?? false;
  const started = performance.now();
  try {
    const made = backupDatabase(config.databasePath, target, { force });
    console.log(
      `backup written: ${made.path} (${formatBytes(made.bytes)}, ${made.responses} responses, integrity ok, ${seconds(started)})`,
    );
    return 0;
  } catch (error) {
    console.error(`✗ backup failed: ${oneLine(error)}`);
    return 1;
  }
}

/** The nightly form (survey-backup.service): every refusal of a flag comes before anything is written. */
function datedBackupCommand(
  config: Config,
  target: string | undefined,
  flags: BackupFlags,
): number {
  const { into } = flags;
  const usage = into === undefined ? "--keep needs --into DIR" : usageProblem(into, target, flags);
  if (into === undefined || usage) {
    console.error(`✗ ${usage}`);
    return 2;
  }
  const keep = flags.keep === undefined ? null : Number(flags.keep);
  const started = performance.now();
  try {
    const done = backupInto(config.databasePath, into, keep, config.timeZone, new Date());
    const replaced = done.replaced ? "; replaced the earlier one of the same day" : "";
    // No count and no size, unlike `backup FILE` at a terminal: this line goes to the journal every
    // night, and a nightly total (waiting responses included) would time submissions to the day,
    // which releases in cohorts exist to hide (as /healthz tells no count).
    console.log(`backup written: ${done.made.path} (integrity ok, ${seconds(started)})${replaced}`);
    if (done.removed.length > 0)
      console.log(
        `removed ${done.removed.length} older backup(s), keeping the newest ${keep}: ${done.removed.map((path) => basename(path)).join(", ")}`,
      );
    return 0;
  } catch (error) {
    console.error(`✗ backup failed: ${oneLine(error)}`);
    return 1;
  }
}

function usageProblem(into: string, target: string | undefined, flags: BackupFlags): string | null {
  if (into === "") return "--into needs a folder";
  if (target !== undefined) return `give either a FILE or --into DIR, not both (got ${target})`;
  if (flags.force) return "--force is for backup FILE; --into always replaces that day's backup";
  // Whole digits only: "1.5", "1e3", " 3" or "0x10" are refused, not rounded or read another way.
  if (flags.keep !== undefined && !/^[1-9]\d{0,5}$/.test(flags.keep))
    return `--keep must be a whole number of at least 1 (how many daily backups to keep), not "${flags.keep}"`;
  return null;
}

export function restoreCommand(config: Config, backup: string | undefined): number {
  if (!backup) {
    console.error("restore needs a backup file: npm run cli -- restore FILE");
    return 2;
  }
  const started = performance.now();
  try {
    const done = restoreDatabase(backup, config.databasePath, new Date());
    const kept = done.keptAs
      ? `the previous database is kept as ${done.keptAs}`
      : "there was no previous database";
    console.log(
      `restored ${backup} to ${done.path} (${done.responses} responses, integrity ok, ${seconds(started)}); ${kept}`,
    );
    return 0;
  } catch (error) {
    console.error(`✗ restore failed: ${oneLine(error)}`);
    return 1;
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const seconds = (started: number) => `${((performance.now() - started) / 1000).toFixed(2)} s`;
