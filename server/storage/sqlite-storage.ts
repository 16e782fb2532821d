// SQLite implementation of Storage, assembled from one statement module per table group.
import { openDatabase } from "./open-database.ts";
import { createAnswerIndexStatements } from "./sqlite-answer-index.ts";
import { createLinkStatements } from "./sqlite-links.ts";
import { createResponseStatements } from "./sqlite-responses.ts";
import { createSurveyStatements } from "./sqlite-surveys.ts";
import type { Storage } from "./storage.ts";

export function openSqliteStorage(path: string): Storage & { db: ReturnType<typeof openDatabase> } {
  const db = openDatabase(path);
  return {
    db,
    ...createSurveyStatements(db),
    ...createLinkStatements(db),
    ...createResponseStatements(db),
    ...createAnswerIndexStatements(db),
    truncateLog: () => {
      const [result] = db.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
      return result?.busy === 0;
    },
    close: () => db.close(),
  };
}
