// `upgrade` (back up, then migrate, with the server stopped) and `check` (could it start?): what
// an IT person runs after extracting a new release, before `systemctl start survey`.
import { accessSync, constants, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";
import { appRoot } from "../app-root.ts";
import type { Config } from "../config.ts";
import { configProblem } from "../config.ts";
import { dayIn } from "../http/clock.ts";
import { oneLine } from "../storage/inspect-database.ts";
import { openDatabase } from "../storage/open-database.ts";
import {
  backUpBeforeMigrating,
  describeUpgradeBackup,
  type SchemaState,
  schemaStateOf,
} from "../storage/upgrade.ts";
import { checkSurveyFiles } from "./survey-commands.ts";

/** A server answering on the configured port holds the file open: migrating under it is unsafe. */
async function runningServer(config: Config): Promise<string | null> {
  const host = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${config.port}/healthz`;
  try {
    await fetch(url, { signal: AbortSignal.timeout(1500) });
    return url;
  } catch {
    return null;
  }
}

const newerLine = (state: SchemaState) =>
  `the database has schema ${state.from}, newer than this release's ${state.to}: a newer release wrote it. Install that release again, or restore a backup made before it`;

export async function upgradeCommand(config: Config): Promise<number> {
  const path = config.databasePath;
  if (!existsSync(path)) {
    console.log(`nothing to upgrade: no database at ${path} yet (the first start makes one)`);
    return 0;
  }
  const state = schemaStateOf(path);
  if (state.from > state.to) {
    console.error(`✗ ${newerLine(state)}`);
    return 1;
  }
  if (state.from === state.to) {
    console.log(`${path} is already at schema ${state.to}: nothing to do`);
    return 0;
  }
  const server = await runningServer(config);
  if (server) {
    console.error(
      `✗ a server answers at ${server}: stop it first (systemctl stop survey), then upgrade`,
    );
    return 1;
  }
  try {
    const done = backUpBeforeMigrating(path, dayIn(config.timeZone, new Date()));
    if (done.backup) console.log(`backup before upgrading: ${done.backup.path} (integrity ok)`);
    if (done.backedUpAt !== done.from) console.log(describeUpgradeBackup(done));
    openDatabase(path).close();
    console.log(`upgraded ${path} from schema ${state.from} to ${state.to}`);
    return 0;
  } catch (error) {
    console.error(`✗ upgrade failed: ${oneLine(error)}`);
    return 1;
  }
}

interface Finding {
  ok: boolean;
  line: string;
  /** Works, but an office would regret it: printed with ⚠, and the check still passes. */
  warning?: boolean;
}

/**
 * A database inside an extracted release stays behind when the next release is extracted beside
 * it and /opt/survey is pointed there: that start would find no database and make a new one.
 */
function insideRelease(path: string): Finding | null {
  const root = appRoot();
  if (!existsSync(join(root, "bin", "survey")) || !path.startsWith(`${root}/`)) return null;
  return {
    ok: true,
    warning: true,
    line: `database ${path} is inside this release's folder: the next release will not find it; set DATABASE_PATH=/var/lib/survey/survey.db (README: Run as a service)`,
  };
}

function checkDatabase(path: string): Finding {
  const folder = dirname(path);
  // The start makes missing folders: what must be writable is the file or its nearest folder.
  let writable = path;
  while (!existsSync(writable) && dirname(writable) !== writable) writable = dirname(writable);
  try {
    accessSync(writable, constants.W_OK);
  } catch {
    return { ok: false, line: `database ${path}: ${writable} is not writable by this user` };
  }
  if (!existsSync(path)) return { ok: true, line: `database ${path}: new (made at first start)` };
  const state = schemaStateOf(path);
  if (state.from > state.to) return { ok: false, line: `database ${path}: ${newerLine(state)}` };
  if (state.from < state.to)
    return {
      ok: true,
      line: `database ${path}: schema ${state.from}, upgraded to ${state.to} at the next start (a backup goes to ${join(folder, "backups")} first)`,
    };
  return { ok: true, line: `database ${path}: schema ${state.to}, current` };
}

function checkNativeModule(): Finding {
  try {
    const db = new Database(":memory:");
    const version = db.prepare("SELECT sqlite_version() AS v").pluck().get();
    db.close();
    return { ok: true, line: `SQLite ${String(version)} (native module loads)` };
  } catch (error) {
    return { ok: false, line: `the SQLite module does not load: ${oneLine(error)}` };
  }
}

/** Prints one line per finding, ✓ or ✗; exit 0 when the server could start as configured. */
export function checkCommand(config: Config): number {
  const problem = configProblem(config);
  const surveys = checkSurveyFiles(config.surveysDir);
  const findings: Finding[] = [
    { ok: true, line: `Node ${process.version}` },
    checkNativeModule(),
    { ok: problem === null, line: problem ?? "settings: ok" },
    checkDatabase(config.databasePath),
    ...[insideRelease(config.databasePath)].filter((f): f is Finding => f !== null),
    {
      ok: surveys.ok,
      line: `surveys in ${config.surveysDir}: ${surveys.summary}`,
    },
    {
      ok: existsSync(join(config.distDir, ".vite", "manifest.json")),
      line: `phone page and console in ${config.distDir}`,
    },
  ];
  for (const { ok, line, warning } of findings)
    (ok ? console.log : console.error)(`${warning ? "⚠" : ok ? "✓" : "✗"} ${line}`);
  return findings.every((finding) => finding.ok) ? 0 : 1;
}
