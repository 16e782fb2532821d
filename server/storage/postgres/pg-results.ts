// What tabulation reads, in PostgreSQL: released responses (streamed through a cursor) and the long
// answers table; and a snapshot in which every read sees the same moment, as the SQLite worker's.
import type { LedgerStore } from "../ledger-store.ts";
import type { Member, ResultsStorage, StoredResponse } from "../results-reads.ts";
import type { Pool } from "./open-postgres.ts";
import { ledgerRevisionIn, readLedgerIn } from "./pg-ledger.ts";
import { fetchInChunks, streamFromPool } from "./pg-stream.ts";
import type { Queryable } from "./pg-transaction.ts";

/** ResultsStorage answered later: each read a Promise, the response stream an AsyncIterable. */
export type PgResultsReads = {
  [K in keyof ResultsStorage]: ResultsStorage[K] extends (
    ...args: infer A
  ) => IterableIterator<infer R>
    ? (...args: A) => AsyncIterable<R>
    : ResultsStorage[K] extends (...args: infer A) => infer R
      ? (...args: A) => Promise<R>
      : never;
};

// In the order of the category index, as SQLite's plan reads them (its comment says key order):
// the ledger numbers responses in the order it first meets them, so both engines number alike.
const RESPONSES = `SELECT id, category, released_on AS day, answers FROM responses
  WHERE survey_version_id = $1 AND released_on BETWEEN $3 AND $4
    AND ($2::text[] IS NULL OR channel_id = ANY ($2::text[]))
  ORDER BY category, released_on, channel_id, id`;

function createReads(
  q: Queryable,
  stream: (text: string, values: unknown[]) => AsyncIterable<StoredResponse>,
): PgResultsReads {
  const members = async (text: string, values: unknown[]): Promise<Member[]> => {
    const { rows } = await q.query<{ category: string; ids: string[] }>(text, values);
    return rows.map((r) => [r.category, r.ids]);
  };
  return {
    // released_on BETWEEN also leaves out the waiting responses (NULL).
    iterateResponses: (version, filter) =>
      stream(RESPONSES, [
        version,
        filter.channels,
        filter.from ?? "0000-00-00",
        filter.to ?? "9999-99-99",
      ]),
    async releasedIds(version) {
      const { rows } = await q.query<{ id: string }>(
        "SELECT id FROM responses WHERE survey_version_id = $1 AND released_on IS NOT NULL ORDER BY id",
        [version],
      );
      return rows.map((r) => r.id);
    },
    async responsesWithIds(ids) {
      const { rows } = await q.query<StoredResponse>(
        `SELECT id, category, released_on AS day, answers FROM responses
          WHERE id = ANY ($1::text[]) ORDER BY id`,
        [ids],
      );
      return rows;
    },
    async countOptions(version) {
      const { rows } = await q.query<{
        question: string;
        category: string;
        option: string;
        n: number;
      }>(
        `SELECT question, category, option, n FROM answer_counts WHERE survey_version_id = $1
          ORDER BY question, category, option`,
        [version],
      );
      return rows.map((r) => [r.question, r.category, r.option, r.n]);
    },
    // One row per category with its ids as an array: 11 rows instead of 100,000 row objects. In
    // the order of the category index, as SQLite's group_concat reads it (the ledger numbers
    // responses in the order it first meets them, so both engines number them alike).
    categoryMembers: (version) =>
      members(
        `SELECT category, array_agg(id ORDER BY released_on, channel_id, id) AS ids FROM responses
          WHERE survey_version_id = $1 AND released_on IS NOT NULL
          GROUP BY category ORDER BY category`,
        [version],
      ),
    optionMembers: (version, question, option) =>
      members(
        `SELECT category, array_agg(response_id ORDER BY response_id) AS ids FROM answers
          WHERE survey_version_id = $1 AND question = $2 AND option = $3
          GROUP BY category ORDER BY category`,
        [version, question, option],
      ),
    async optionTexts(version, question, option) {
      const { rows } = await q.query<{ category: string; text: string; n: number }>(
        `SELECT category, text, count(*) AS n FROM answers
          WHERE survey_version_id = $1 AND question = $2 AND option = $3 AND text IS NOT NULL
          GROUP BY category, text ORDER BY category, text`,
        [version, question, option],
      );
      const perCategory = new Map<string, Map<string, number>>();
      for (const { category, text, n } of rows) {
        const counted = perCategory.get(category) ?? new Map<string, number>();
        counted.set(text, n);
        perCategory.set(category, counted);
      }
      return perCategory;
    },
    async answeredPerCategory(version, question) {
      const { rows } = await q.query<{ category: string; n: number }>(
        `SELECT category, count(DISTINCT response_id) AS n FROM answers
          WHERE survey_version_id = $1 AND question = $2 GROUP BY category ORDER BY category`,
        [version, question],
      );
      return rows;
    },
    async responseChannels(version) {
      const { rows } = await q.query<{ id: string }>(
        `SELECT DISTINCT channel_id AS id FROM responses
          WHERE survey_version_id = $1 AND released_on IS NOT NULL ORDER BY channel_id`,
        [version],
      );
      return rows.map((r) => r.id);
    },
    async responseDays(version) {
      const { rows } = await q.query<{ first: string | null; last: string | null }>(
        `SELECT min(released_on) AS first, max(released_on) AS last FROM responses
          WHERE survey_version_id = $1`,
        [version],
      );
      const row = rows[0];
      return row?.first && row.last ? { first: row.first, last: row.last } : null;
    },
  };
}

/** Reads through the pool: each statement sees the latest commit; a stream holds one connection. */
export function createPgResults(pool: Pool): PgResultsReads {
  return createReads(pool, (text, values) => streamFromPool<StoredResponse>(pool, text, values));
}

/** What one snapshot offers: the reads, the ledger as of that moment, and the expansion backlog. */
export interface PgSnapshot extends PgResultsReads {
  readLedger: LedgerStore["readLedger"];
  ledgerRevision: LedgerStore["ledgerRevision"];
  /** Released responses not yet expanded into the long table (answer_counts would lag). */
  hasPendingAnswers(): Promise<boolean>;
}

/**
 * Runs `read` in one REPEATABLE READ, READ ONLY transaction: every statement in it, streams
 * included, sees the same committed state, whatever other instances commit meanwhile.
 */
export async function inPgSnapshot<T>(
  pool: Pool,
  read: (snapshot: PgSnapshot) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
      return await read({
        ...createReads(client, (text, values) =>
          fetchInChunks<StoredResponse>(client, text, values),
        ),
        readLedger: (versionId) => readLedgerIn(client, versionId),
        ledgerRevision: (versionId) => ledgerRevisionIn(client, versionId),
        async hasPendingAnswers() {
          const { rows } = await client.query<{ pending: boolean }>(
            "SELECT EXISTS (SELECT 1 FROM answers_pending) AS pending",
          );
          return rows[0]?.pending === true;
        },
      });
    } finally {
      // Nothing is written inside, so COMMIT also ends a snapshot whose reader threw.
      await client.query("COMMIT").catch((error: Error) => {
        broken = error;
      });
    }
  } finally {
    client.release(broken);
  }
}
