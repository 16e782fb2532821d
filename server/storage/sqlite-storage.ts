// SQLite implementation of Storage, assembled from one statement module per table group.

import type { GuardStore } from "./guard-store.ts";
import { createMemoryGuards } from "./memory-guards.ts";
import { type DB, openDatabase } from "./open-database.ts";
import type { ResultsStorage } from "./results-reads.ts";
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
import { type Synchronous, toAsync } from "./synchronous.ts";

/** What the file keeps: every store but the guards', which stay in this process's memory. */
export type FileStores = Omit<Storage, "alone" | keyof GuardStore>;

/** The engine as better-sqlite3 gives it: every store answered at once, and the results reads. */
export type SqliteEngine = Synchronous<FileStores> & ResultsStorage & { db: DB };

/** The async stores routes use, and the synchronous engine under them (tests, tabulation). */
export function openSqliteStorage(path: string): Storage & { engine: SqliteEngine } {
  const engine = openSqliteEngine(path);
  const { db: _db, ...stores } = engine;
  // One process writes the file (the server; a CLI command runs no upkeep): nothing to exclude.
  const alone = <T>(_task: "release" | "firstLink", work: () => Promise<T>) => work();
  // One process, so the guards' counters need no sharing: in memory, and no address reaches the file.
  return { ...toAsync<FileStores>(stores), ...createMemoryGuards(), alone, engine };
}

export function openSqliteEngine(path: string): SqliteEngine {
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
  const surveys = createSurveyStatements(db);
  const admins = createAdminStatements(db);
  const drafts = createDraftStatements(db);
  return {
    db,
    ...surveys,
    ...createLinkStatements(db),
    ...admins,
    ...batches,
    ...responses,
    ...createReleaseStatements(db),
    ...answerIndex,
    ...createResultsStatements(db),
    ...createLedgerStatements(db),
    ...drafts,
    // One transaction: the revision check, the version, its audit entry, the draft's deletion.
    publishDraft: (id, revision, version, audit) =>
      drafts.publishDraft(id, revision, () => {
        const registered = surveys.registerSurveyVersion(version);
        admins.appendAudit(audit(registered));
        return registered;
      }),
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
    rebuildFile: () => void db.exec("VACUUM"),
    health,
    close: () => void db.close(),
  };
}
