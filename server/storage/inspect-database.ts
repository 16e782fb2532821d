// Checks that a file is a sound copy of our survey database before anyone relies on it.
import { closeSync, fsyncSync, openSync } from "node:fs";
import Database from "better-sqlite3";
import { latestSchemaVersion } from "./open-database.ts";
import { schemaProblem } from "./schema-check.ts";

export { latestSchemaVersion };

export interface DatabaseSummary {
  responses: number;
  /** The schema version (PRAGMA user_version): the last migration applied. */
  schemaVersion: number;
}

/** Tables every one of our databases has had since the first migration. */
const OUR_TABLES = ["survey_versions", "surveys", "links", "responses"];

/**
 * Opens `path` (read-write, so a copy in WAL mode cleans up after itself; only our own copies are
 * passed here, never the live file), runs the full integrity check and checks it is ours, down to
 * the last trigger: its schema must be exactly what this program's migrations make.
 * Throws an Error whose one-line message names the file as `name` (the user's, not a temp file).
 */
export function inspectDatabase(path: string, name = path): DatabaseSummary {
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true });
  } catch (error) {
    throw new Error(`cannot open ${name}: ${oneLine(error)}`);
  }
  try {
    let schemaVersion: number;
    try {
      schemaVersion = Number(db.pragma("user_version", { simple: true }));
    } catch (error) {
      throw new Error(`${name} is not an SQLite database (${oneLine(error)})`);
    }
    checkIntegrity(db, name);
    const tables = new Set(
      db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table'")
        .all()
        .map((row) => row.name),
    );
    const missing = OUR_TABLES.filter((t) => !tables.has(t));
    if (schemaVersion < 1 || missing.length > 0)
      throw new Error(
        `${name} is not a survey database (no ${missing.join(", ") || "schema version"})`,
      );
    if (schemaVersion > latestSchemaVersion())
      throw new Error(
        `${name} has schema version ${schemaVersion}, newer than this program's ${latestSchemaVersion()}: update the program first`,
      );
    // A doctored copy (say, a trigger recording every used code with the time) must not go live.
    const problem = schemaProblem(db);
    if (problem) throw new Error(`${name} ${problem}`);
    const row = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM responses").get();
    return { responses: row?.n ?? 0, schemaVersion };
  } finally {
    db.close();
  }
}

function checkIntegrity(db: Database.Database, name: string): void {
  let problems: string[];
  try {
    problems = db
      .prepare<[], { integrity_check: string }>("PRAGMA integrity_check")
      .all()
      .map((row) => row.integrity_check);
  } catch (error) {
    // A badly damaged file makes the check itself fail (SQLITE_CORRUPT) instead of listing problems.
    throw new Error(`${name} fails the integrity check: ${oneLine(error)}`);
  }
  if (problems.length !== 1 || problems[0] !== "ok")
    throw new Error(
      `${name} fails the integrity check: ${problems.slice(0, 3).join("; ")}${problems.length > 3 ? ` (+${problems.length - 3} more)` : ""}`,
    );
}

/** Flushes a file (or a directory, so a rename in it survives a power cut) to the disk. */
export function fsyncPath(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export const oneLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim();
