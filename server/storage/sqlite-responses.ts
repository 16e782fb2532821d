// Responses in SQLite: a batch of submissions stored in one transaction (one fsync for all).
import {
  checkLinkAvailability,
  type LinkTerms,
  type LinkUnavailable,
} from "../links/link-availability.ts";
import type { DB } from "./open-database.ts";
import type { ResponseToStore, StoreOutcome } from "./storage.ts";

export function createResponseStatements(db: DB) {
  const existing = db.prepare<[string], { submittedOn: string }>(
    "SELECT submitted_on AS submittedOn FROM responses WHERE id = ?",
  );
  // The cap, state and window are checked and the counter bumped in one statement, so
  // concurrent submits can never push a link past its cap.
  const takeSlot = db.prepare(
    `UPDATE links SET completed = completed + 1
      WHERE id = @linkId AND state = 'open' AND (cap IS NULL OR completed < cap)
        AND (opens_at IS NULL OR opens_at <= @now) AND (closes_at IS NULL OR closes_at > @now)`,
  );
  const link = db.prepare<[string], LinkTerms>(
    `SELECT state, cap, completed, opens_at AS opensAt, closes_at AS closesAt FROM links WHERE id = ?`,
  );
  const insertResponse = db.prepare(
    `INSERT INTO responses (id, survey_version_id, channel, category, submitted_on, answers)
     VALUES (@responseId, @surveyVersionId, @channel, @category, @submittedOn, @answers)`,
  );
  const insertPending = db.prepare("INSERT INTO answers_pending (response_id) VALUES (?)");
  const count = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM responses");

  const whyUnavailable = (linkId: string, now: string): LinkUnavailable | "unknown" => {
    const row = link.get(linkId);
    return row ? (checkLinkAvailability(row, now) ?? "full") : "unknown";
  };

  const storeOne = (item: ResponseToStore, now: string): StoreOutcome => {
    const stored = existing.get(item.responseId);
    if (stored) return { kind: "replayed", submittedOn: stored.submittedOn };
    if (takeSlot.run({ linkId: item.linkId, now }).changes !== 1) {
      return { kind: "unavailable", reason: whyUnavailable(item.linkId, now) };
    }
    const { rows, linkId: _notStored, ...response } = item;
    insertResponse.run({
      ...response,
      answers: JSON.stringify(rows.map((r) => [r.question, r.option, r.text])),
    });
    insertPending.run(item.responseId);
    return { kind: "created", submittedOn: item.submittedOn };
  };
  // Nested transactions are savepoints: one failing item rolls back alone, the batch goes on.
  const storeOneAtomically = db.transaction(storeOne);
  const storeBatch = db.transaction((batch: ResponseToStore[], now: string) =>
    batch.map((item): StoreOutcome => {
      try {
        return storeOneAtomically(item, now);
      } catch (error) {
        // Validation runs before storage, so this is a bug or a broken disk; the message
        // names the SQLite error only, never the answers.
        console.error(`storing a response failed: ${(error as Error).message}`);
        return { kind: "failed" };
      }
    }),
  );

  return {
    findResponse: (responseId: string) => existing.get(responseId),
    storeResponses: (batch: ResponseToStore[], now: string): StoreOutcome[] =>
      storeBatch(batch, now),
    countResponses: () => count.get()?.n ?? 0,
  };
}
