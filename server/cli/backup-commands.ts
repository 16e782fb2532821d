// `backup FILE [--force]` and `restore FILE`: each prints one line saying what it did, or why not.
import type { Config } from "../config.ts";
import { backupDatabase } from "../storage/backup.ts";
import { oneLine } from "../storage/inspect-database.ts";
import { restoreDatabase } from "../storage/restore.ts";

export function backupCommand(config: Config, target: string | undefined, force: boolean): number {
  if (!target) {
    console.error("backup needs a target file: npm run cli -- backup FILE [--force]");
    return 2;
  }
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
