// Responses in PostgreSQL: a batch of submissions stored in one transaction (one commit for all),
// each item behind its own savepoint, caps and codes taken by conditional updates.
import type pg from "pg";
import { checkLinkAvailability, type LinkTerms } from "../../domain/link-availability.ts";
import { LINK_STATES } from "../../domain/link-states.ts";
import type { EntryUnavailable } from "../../domain/refusals.ts";
import type { ResponseStore, ResponseToStore, StoreOutcome } from "../response-store.ts";
import type { Pool } from "./open-postgres.ts";
import { findCodeIn } from "./pg-batches.ts";
import { inTransaction } from "./pg-transaction.ts";

// The cap, state and window are checked and the counter bumped in one statement. Under READ
// COMMITTED a second submitter waits for the first's row lock, then re-checks the WHERE against
// the committed counter: of 500 racing a cap of 100, exactly 100 change the row.
const TAKE_SLOT = `UPDATE links SET completed = completed + 1
  WHERE id = $1 AND state = 'open' AND (cap IS NULL OR completed < cap)
    AND (opens_at IS NULL OR opens_at <= $2) AND (closes_at IS NULL OR closes_at > $2)
    AND EXISTS (SELECT 1 FROM surveys s WHERE s.id = links.survey_id AND s.state = 'open')`;
// A code is consumed in the same transaction as the response it brings, and only once.
const TAKE_CODE = `UPDATE codes SET used = 1
  WHERE code = $1 AND used = 0 AND revoked = 0
    AND EXISTS (SELECT 1 FROM code_batches b JOIN surveys s ON s.id = b.survey_id
                 WHERE b.id = codes.batch_id AND b.state = 'open' AND s.state = 'open')`;
// No day and no time: the response waits (released_on NULL) until its cohort is released.
const INSERT_RESPONSE = `INSERT INTO responses (id, survey_version_id, channel_id, category, answers)
  VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`;

type TermsRow = Omit<LinkTerms, "state"> & { state: string };

async function linkRefusal(client: pg.PoolClient, linkId: string, now: string) {
  const { rows } = await client.query<TermsRow>(
    `SELECT state, cap, completed, opens_at AS "opensAt", closes_at AS "closesAt"
       FROM links WHERE id = $1`,
    [linkId],
  );
  const row = rows[0];
  if (!row) return "unknown";
  const state = LINK_STATES.find((s) => s === row.state);
  if (!state) throw new Error(`unknown link state in the database: ${row.state}`);
  // Terms that allow it mean the survey itself was closed.
  return checkLinkAvailability({ ...row, state }, now) ?? "closed";
}

async function takeEntry(
  client: pg.PoolClient,
  via: ResponseToStore["via"],
  now: string,
): Promise<EntryUnavailable | null> {
  if (via.kind === "link") {
    const { rowCount } = await client.query(TAKE_SLOT, [via.id, now]);
    return rowCount === 1 ? null : linkRefusal(client, via.id, now);
  }
  const { rowCount } = await client.query(TAKE_CODE, [via.id]);
  if (rowCount === 1) return null;
  const found = await findCodeIn(client, via.id);
  return found ? (found.unavailable ?? "closed") : "unknown";
}

const isStored = async (client: pg.PoolClient, responseId: string) =>
  (await client.query("SELECT 1 FROM responses WHERE id = $1", [responseId])).rowCount === 1;

/** Inside the batch's transaction, between SAVEPOINT item and its release. */
async function storeOne(
  client: pg.PoolClient,
  item: ResponseToStore,
  now: string,
): Promise<StoreOutcome> {
  if (await isStored(client, item.responseId)) return { kind: "replayed" };
  const refusal = await takeEntry(client, item.via, now);
  // The same submission through the other instance (nginx or the phone sending it again) may have
  // taken the last slot or the code while this one waited for the row lock: once that committed,
  // this statement's fresh snapshot sees it, and this is a replay to answer with the receipt, not
  // a "full" or "used" for a respondent whose answer is stored.
  if (refusal)
    return (await isStored(client, item.responseId))
      ? { kind: "replayed" }
      : { kind: "unavailable", reason: refusal };
  const answers = JSON.stringify(item.rows.map((r) => [r.question, r.option, r.text]));
  const inserted = await client.query(INSERT_RESPONSE, [
    item.responseId,
    item.surveyVersionId,
    item.channelId,
    item.category,
    answers,
  ]);
  if (inserted.rowCount === 1) return { kind: "created" };
  // Another instance committed the same response (a phone retrying through the other one) after
  // the check above: its slot is the one that counts, so this item's is given back.
  await client.query("ROLLBACK TO SAVEPOINT item");
  return { kind: "replayed" };
}

/**
 * Items take their row locks in one global order (links before codes, each by id), whatever order
 * they arrived in: two instances' batches naming the same two links can then never deadlock.
 */
const entryOrder = (batch: readonly ResponseToStore[]) =>
  batch
    .map((item, index) => ({ key: `${item.via.kind === "link" ? 0 : 1}${item.via.id}`, index }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((entry) => entry.index);

export function createPgResponses(
  pool: Pool,
): Pick<ResponseStore, "hasResponse" | "storeResponses" | "countResponses"> {
  return {
    async hasResponse(responseId) {
      const { rowCount } = await pool.query("SELECT 1 FROM responses WHERE id = $1", [responseId]);
      return rowCount === 1;
    },
    async storeResponses(batch, now) {
      if (batch.length === 0) return [];
      const outcomes = new Array<StoreOutcome>(batch.length).fill({ kind: "failed" });
      await inTransaction(
        pool,
        async (client) => {
          for (const index of entryOrder(batch)) {
            const item = batch[index];
            if (!item) continue;
            await client.query("SAVEPOINT item");
            try {
              outcomes[index] = await storeOne(client, item, now);
            } catch (error) {
              // Validation runs before storage, so this is a bug or a failing database; the
              // message names PostgreSQL's error only, never the answers.
              console.error(
                `storing a response failed: ${error instanceof Error ? error.message : error}`,
              );
              await client.query("ROLLBACK TO SAVEPOINT item");
              outcomes[index] = { kind: "failed" };
            }
            await client.query("RELEASE SAVEPOINT item");
          }
        },
        // No writers' lock: a submission only adds rows, which the rebuild's rewrite leaves alone.
      );
      return outcomes;
    },
    async countResponses() {
      const { rows } = await pool.query<{ n: number }>("SELECT count(*) AS n FROM responses");
      return rows[0]?.n ?? 0;
    },
  };
}
