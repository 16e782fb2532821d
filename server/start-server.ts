// `npm start` in steps that can each refuse: settings, database, survey files, port. A refusal is a
// value with one line for the operator; a refused start creates no link and keeps no port.
import type { Server } from "node:http";
import { createAdaptorServer } from "@hono/node-server";
import { createApp } from "./app.ts";
import type { UpkeepOptions } from "./ballot-box/upkeep.ts";
import { composeSystem, type System } from "./compose.ts";
import { type Config, configProblem } from "./config.ts";
import { dayIn } from "./http/clock.ts";
import { gracefulShutdown } from "./http/graceful-shutdown.ts";
import { baseUrl } from "./links/link-urls.ts";
import { oneLine } from "./storage/inspect-database.ts";
import { postgresPlace } from "./storage/postgres/open-postgres.ts";
import { PostgresRefusedError } from "./storage/postgres/pg-schema-check.ts";
import { UnexpectedSchemaError } from "./storage/schema-check.ts";
import { backUpBeforeMigrating, describeUpgradeBackup } from "./storage/upgrade.ts";

export type Started = { ok: true; system: System; server: Server } | { ok: false; problem: string };

/** `upkeep`: the benchmark's baseline turns the file rebuild off; the server never does. */
export async function startServer(
  config: Config,
  say: (line: string) => void,
  upkeep: UpkeepOptions = {},
): Promise<Started> {
  const problem = configProblem(config);
  if (problem) return { ok: false, problem };

  // A newer release about to migrate an older file keeps that file as it was, first.
  try {
    // PostgreSQL: the operator's own backups (pg_dump) come before an upgrade (README: Upgrading).
    const upgrade = config.databaseUrl
      ? { backup: null, from: 0, to: 0 }
      : backUpBeforeMigrating(config.databasePath, dayIn(config.timeZone, new Date()));
    if (upgrade.backup)
      say(`Database schema ${upgrade.from} → ${upgrade.to}: ${describeUpgradeBackup(upgrade)}`);
  } catch (error) {
    return {
      ok: false,
      problem: `the database ${config.databasePath} needs upgrading, but the backup before it failed (${oneLine(error)}); nothing was changed`,
    };
  }

  let system: System;
  try {
    system = await composeSystem(config, {}, upkeep);
  } catch (error) {
    // PostgreSQL's refusals name the database as main.ts does (`PostgreSQL host/db`) already.
    if (
      error instanceof PostgresRefusedError ||
      (config.databaseUrl && error instanceof UnexpectedSchemaError)
    )
      return { ok: false, problem: error.message };
    if (error instanceof UnexpectedSchemaError)
      return {
        ok: false,
        problem: `the database ${config.databasePath} ${error.problem}; ${error.remedy}`,
      };
    if (config.databaseUrl)
      return {
        ok: false,
        problem: `the PostgreSQL database ${postgresPlace(config.databaseUrl)} cannot be used (${oneLine(error)}); check DATABASE_URL and that the server accepts this user`,
      };
    const reason = databaseReason(error as NodeJS.ErrnoException);
    return {
      ok: false,
      problem: `the database ${config.databasePath} cannot be used (${reason}); set DATABASE_PATH to a writable database file`,
    };
  }
  const { errors, loaded } = system.report;
  const surveyProblem =
    errors.length > 0
      ? `${errors[0]}${errors.length > 1 ? ` (and ${errors.length - 1} more; npm run cli -- survey check)` : ""}`
      : loaded.length === 0
        ? `no survey file (*.json) in ${config.surveysDir}; set SURVEYS_DIR`
        : null;
  if (surveyProblem) {
    await system.close();
    return { ok: false, problem: surveyProblem };
  }

  const shutdown = gracefulShutdown(() => system.close(), say);
  const server = createAdaptorServer({
    fetch: shutdown.fetch(createApp(system.deps).fetch),
  }) as Server;
  const listenError = await new Promise<NodeJS.ErrnoException | null>((done) => {
    server.once("error", done);
    server.listen(config.port, config.host, () => {
      server.off("error", done);
      done(null);
    });
  });
  if (listenError) {
    await system.close();
    return { ok: false, problem: listenProblem(listenError, config) };
  }
  shutdown.install(server);
  // The console's link URLs, QR codes and slips name the port really bound (PORT=0 picks one).
  const bound = server.address();
  if (bound !== null && typeof bound !== "string")
    system.deps.publicBase = baseUrl(config, bound.port);
  return { ok: true, system, server };
}

function listenProblem(error: NodeJS.ErrnoException, config: Config): string {
  const where = `${config.host}:${config.port}`;
  if (error.code === "EADDRINUSE")
    return `port ${config.port} is already in use on ${config.host} (another server running?); stop it or set PORT`;
  if (error.code === "EACCES") return `no permission to listen on ${where}; set PORT above 1023`;
  if (error.code === "EADDRNOTAVAIL")
    return `${config.host} is not an address of this machine; set HOST`;
  return `cannot listen on ${where} (${error.code ?? error.message})`;
}

const DATABASE_REASONS: Record<string, string> = {
  EEXIST: "part of the path is a file, not a folder",
  ENOTDIR: "part of the path is a file, not a folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
  SQLITE_CANTOPEN: "SQLite cannot open or create the file there",
  SQLITE_READONLY: "the file or its folder is read-only",
  SQLITE_NOTADB: "the file is not a SQLite database",
  SQLITE_CORRUPT: "the file is damaged; restore a backup (README: Backup and restore)",
};

function databaseReason(error: NodeJS.ErrnoException): string {
  const code = error.code ?? "";
  return DATABASE_REASONS[code] ?? (code || error.message);
}
