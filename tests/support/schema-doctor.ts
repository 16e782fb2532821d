// The insider's doctoring of a survey database, as done with the sqlite3 shell: objects added to
// the schema that record what the program never stores. integrity_check still says "ok".
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";

/**
 * A table and three triggers: every used code, every new response id and every answer's response,
 * each with the time, which together link a code (and so a slip handed to someone) to a response.
 */
export const INSIDER_RECORDER = `
CREATE TABLE seen (what TEXT NOT NULL, id TEXT NOT NULL, at TEXT NOT NULL);
CREATE TRIGGER copy_codes AFTER UPDATE OF used ON codes WHEN new.used = 1
BEGIN
  INSERT INTO seen VALUES ('code', new.code, strftime('%Y-%m-%dT%H:%M:%fZ'));
END;
CREATE TRIGGER copy_responses AFTER INSERT ON responses
BEGIN
  INSERT INTO seen VALUES ('response', new.id, strftime('%Y-%m-%dT%H:%M:%fZ'));
END;
CREATE TRIGGER copy_answers AFTER INSERT ON answers
BEGIN
  INSERT INTO seen VALUES ('answer', new.response_id, strftime('%Y-%m-%dT%H:%M:%fZ'));
END;`;

/** The line naming the first of them, as schemaProblem words it. */
export const INSIDER_PROBLEM =
  'has an unexpected trigger "copy_codes" on table codes (not made by this program\'s migrations) (and 3 more)';

/**
 * Runs `sql` on the file at `path`. With `writableSchema`, as `PRAGMA writable_schema = ON` in the
 * shell (better-sqlite3 is in defensive mode unless told otherwise), so sqlite_schema itself can be
 * edited.
 */
export function doctorDatabase(
  path: string,
  sql: string,
  options: { writableSchema?: boolean } = {},
) {
  const db = new Database(path, { fileMustExist: true });
  try {
    if (options.writableSchema) {
      db.unsafeMode(true);
      db.pragma("writable_schema = ON");
    }
    db.exec(sql);
  } finally {
    db.close();
  }
}

/** The sha256 of a file's bytes: a refusal must leave them all as they were. */
export const fileHash = (path: string) =>
  createHash("sha256").update(readFileSync(path)).digest("hex");
