// SQLite implementation of Storage, assembled from one statement module per table group.
import { openDatabase } from "./open-database.ts";
import { createAdminStatements } from "./sqlite-admins.ts";
import { createAnswerIndexStatements } from "./sqlite-answer-index.ts";
import { createBatchStatements } from "./sqlite-batches.ts";
import { createDraftStatements } from "./sqlite-drafts.ts";
import { createLedgerStatements } from "./sqlite-ledger.ts";
import { createLinkStatements } from "./sqlite-links.ts";
import { createReleaseStatements } from "./sqlite-releases.ts";
import { createResponseStatements } from "./sqlite-responses.ts";
import { createResultsStatements } from "./sqlite-results.ts";
import { createSurveyStatements } from "./sqlite-surveys.ts";
import type { DatabaseHealth, Storage } from "./storage.ts";

export function openSqliteStorage(path: string): Storage & { db: ReturnType<typeof openDatabase> } {
  const db = openDatabase(path);
  const batches = createBatchStatements(db);
  const responses = createResponseStatements(db, batches.findCode);
  const answerIndex = createAnswerIndexStatements(db);
  const health = (): DatabaseHealth => {
    if (!db.open) return { status: "unavailable", reason: "the database is closed" };
    try {
      // A read of the schema proves the file answers; no count (it would time submissions).
      db.prepare("SELECT count(*) FROM sqlite_schema").get();
      return { status: "ok", journalMode: String(db.pragma("journal_mode", { simple: true })) };
    } catch (error) {
      // SQLite's message names the failure (disk I/O error, database is locked), never a value.
      return { status: "unavailable", reason: (error as Error).message };
    }
  };
  return {
    db,
    ...createSurveyStatements(db),
    ...createLinkStatements(db),
    ...createAdminStatements(db),
    ...batches,
    ...responses,
    ...createReleaseStatements(db),
    ...answerIndex,
    ...createResultsStatements(db),
    ...createLedgerStatements(db),
    ...createDraftStatements(db),
    truncateLog: () => {
      // TRUNCATE waits in the busy handler for every reader; a long one in another process (a
      // backup) would freeze the server for busy_timeout. Not waiting: the caller retries later.
      db.pragma("busy_timeout = 0");
      try {
        const [result] = db.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
        return result?.busy === 0;
      } finally {
        db.pragma("busy_timeout = 5000"); // as open-database.ts sets it
      }
    },
    // VACUUM copies every table and index into a fresh file in key order, then back: each B-tree
    // page then holds its cells in key (random id) order, whatever order they arrived in, and the
    // file has no free pages left holding older layouts. It needs no open statement on this
    // connection (the raw sheet reads in bounded chunks for that reason).
    rebuildFile: () => db.exec("VACUUM"),
    health,
    close: () => db.close(),
  };
}
