// SQLite implementation of Storage, assembled from one statement module per table group.
import { openDatabase } from "./open-database.ts";
import { createAdminStatements } from "./sqlite-admins.ts";
import { createAnswerIndexStatements } from "./sqlite-answer-index.ts";
import { createBatchStatements } from "./sqlite-batches.ts";
import { createLinkStatements } from "./sqlite-links.ts";
import { createResponseStatements } from "./sqlite-responses.ts";
import { createResultsStatements } from "./sqlite-results.ts";
import { createSurveyStatements } from "./sqlite-surveys.ts";
import type { Storage } from "./storage.ts";

export function openSqliteStorage(path: string): Storage & { db: ReturnType<typeof openDatabase> } {
  const db = openDatabase(path);
  const batches = createBatchStatements(db);
  return {
    db,
    ...createSurveyStatements(db),
    ...createLinkStatements(db),
    ...createAdminStatements(db),
    ...batches,
    ...createResponseStatements(db, batches.findCode),
    ...createAnswerIndexStatements(db),
    ...createResultsStatements(db),
    truncateLog: () => {
      const [result] = db.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
      return result?.busy === 0;
    },
    close: () => db.close(),
  };
}
