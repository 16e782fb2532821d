// Responses in SQLite: a batch of submissions stored in one transaction (one fsync for all).
import { checkLinkAvailability, type LinkTerms } from "../domain/link-availability.ts";
import type { EntryUnavailable } from "../domain/refusals.ts";
import type { BatchStore } from "./batch-store.ts";
import type { DB } from "./open-database.ts";
import type { ResponseToStore, StoreOutcome } from "./response-store.ts";
import type { Synchronous } from "./synchronous.ts";

export function createResponseStatements(db: DB, findCode: Synchronous<BatchStore>["findCode"]) {
  const existing = db.prepare<[string], { id: string }>("SELECT id FROM responses WHERE id = ?");
  // The cap, state and window are checked and the counter bumped in one statement, so
  // concurrent submits can never push a link past its cap.
  const takeSlot = db.prepare(
    `UPDATE links SET completed = completed + 1
      WHERE id = @linkId AND state = 'open' AND (cap IS NULL OR completed < cap)
        AND (opens_at IS NULL OR opens_at <= @now) AND (closes_at IS NULL OR closes_at > @now)
        AND EXISTS (SELECT 1 FROM surveys s WHERE s.id = links.survey_id AND s.state = 'open')`,
  );
  // A code is consumed in the same transaction as the response it brings, and only once:
  // of many phones racing one code, exactly one UPDATE changes a row.
  const takeCode = db.prepare(
    `UPDATE codes SET used = 1
      WHERE code = ? AND used = 0 AND revoked = 0
        AND EXISTS (SELECT 1 FROM code_batches b JOIN surveys s ON s.id = b.survey_id
                     WHERE b.id = codes.batch_id AND b.state = 'open' AND s.state = 'open')`,
  );
  const link = db.prepare<[string], LinkTerms>(
    `SELECT state, cap, completed, opens_at AS opensAt, closes_at AS closesAt FROM links WHERE id = ?`,
  );
  // No day and no time: the response waits (released_on NULL) until its cohort is released
  // (responses/releases.ts), and only then reaches the long table and any count.
  const insertResponse = db.prepare(
    `INSERT INTO responses (id, survey_version_id, channel_id, category, answers)
     VALUES (@responseId, @surveyVersionId, @channelId, @category, @answers)`,
  );
  const count = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM responses");

  const linkRefusal = (linkId: string, now: string): EntryUnavailable => {
    const row = link.get(linkId);
    // Terms that allow it mean the survey itself was closed.
    return row ? (checkLinkAvailability(row, now) ?? "closed") : "unknown";
  };
  const codeRefusal = (code: string): EntryUnavailable => {
    const found = findCode(code);
    return found ? (found.unavailable ?? "closed") : "unknown";
  };
  const takeEntry = (via: ResponseToStore["via"], now: string): EntryUnavailable | null => {
    if (via.kind === "link")
      return takeSlot.run({ linkId: via.id, now }).changes === 1 ? null : linkRefusal(via.id, now);
    return takeCode.run(via.id).changes === 1 ? null : codeRefusal(via.id);
  };

  const storeOne = (item: ResponseToStore, now: string): StoreOutcome => {
    if (existing.get(item.responseId)) return { kind: "replayed" };
    const refusal = takeEntry(item.via, now);
    if (refusal) return { kind: "unavailable", reason: refusal };
    const { rows, via: _neverStored, ...response } = item;
    insertResponse.run({
      ...response,
      answers: JSON.stringify(rows.map((r) => [r.question, r.option, r.text])),
    });
    return { kind: "created" };
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
    hasResponse: (responseId: string) => existing.get(responseId) !== undefined,
    storeResponses: (batch: ResponseToStore[], now: string): StoreOutcome[] =>
      storeBatch(batch, now),
    countResponses: () => count.get()?.n ?? 0,
  };
}
