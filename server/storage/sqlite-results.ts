// Prepared statements behind tabulation: reads only, each one a primary-key or index range scan.
// Also their async view, and the results worker's own read-only connection (export/worker/).
import Database from "better-sqlite3";
import type { LedgerStore } from "./ledger-store.ts";
import type { DB } from "./open-database.ts";
import type { Member, ResponseFilter, ResultsStorage, StoredResponse } from "./results-reads.ts";
import type { ResultsReader, ResultsSnapshot, ResultsStore } from "./results-store.ts";
import { createLedgerStatements } from "./sqlite-ledger.ts";
import { toAsync } from "./synchronous.ts";

interface FilterParams {
  version: number;
  channels: string | null;
  from: string;
  to: string;
}

/** Where the next chunk starts: after this response, in key order. */
interface ChunkParams extends FilterParams {
  category: string;
  day: string;
  channel: string;
  id: string;
  limit: number;
}

/** The channel list is bound as one JSON parameter and expanded by json_each: no SQL is spliced. */
const filterParams = (version: number, filter: ResponseFilter): FilterParams => ({
  version,
  channels: filter.channels ? JSON.stringify(filter.channels) : null,
  from: filter.from ?? "0000-00-00",
  to: filter.to ?? "9999-99-99",
});

export function createResultsStatements(db: DB): ResultsStorage {
  // released_on BETWEEN also leaves out the waiting responses (NULL). In the key order of
  // responses_by_category, which the plan reads anyway: no sort, and an order both engines share.
  const responses = db.prepare<FilterParams, StoredResponse>(
    `SELECT id, category, released_on AS day, answers FROM responses
      WHERE survey_version_id = @version
        AND released_on BETWEEN @from AND @to
        AND (@channels IS NULL OR channel_id IN (SELECT value FROM json_each(@channels)))
      ORDER BY category, released_on, channel_id, id`,
  );
  const released = db
    .prepare<[number], string>(
      `SELECT id FROM responses WHERE survey_version_id = ? AND released_on IS NOT NULL ORDER BY id`,
    )
    .pluck();
  const withIds = db.prepare<[string], StoredResponse>(
    `SELECT id, category, released_on AS day, answers FROM responses
      WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
  );
  // Raw rows (arrays, not objects) for the reads that return one row per response.
  const counts = db
    .prepare<[number], [string, string, string, number]>(
      `SELECT question, category, option, n FROM answer_counts WHERE survey_version_id = ?`,
    )
    .raw();
  // One row per category with its ids joined: 11 rows instead of 100,000 row objects.
  const categories = db
    .prepare<[number], [string, string]>(
      `SELECT category, group_concat(id) FROM responses
        WHERE survey_version_id = ? AND released_on IS NOT NULL GROUP BY category`,
    )
    .raw();
  const chose = db
    .prepare<[number, string, string], [string, string]>(
      `SELECT category, group_concat(response_id) FROM answers
        WHERE survey_version_id = ? AND question = ? AND option = ? GROUP BY category`,
    )
    .raw();
  // Grouped in the order of the partial index answers_texts (…, option, category, text): an
  // aggregate that streams over the index, with no sort, one row per distinct text.
  const texts = db
    .prepare<[number, string, string], [string, string, number]>(
      `SELECT category, text, count(*) FROM answers
        WHERE survey_version_id = ? AND question = ? AND option = ? AND text IS NOT NULL
        GROUP BY category, text`,
    )
    .raw();
  const answered = db.prepare<[number, string], { category: string; n: number }>(
    `SELECT category, count(DISTINCT response_id) AS n FROM answers
      WHERE survey_version_id = ? AND question = ? GROUP BY category`,
  );
  const channels = db
    .prepare<[number], string>(
      `SELECT DISTINCT channel_id FROM responses
        WHERE survey_version_id = ? AND released_on IS NOT NULL`,
    )
    .pluck();
  const days = db.prepare<[number], { first: string | null; last: string | null }>(
    `SELECT min(released_on) AS first, max(released_on) AS last FROM responses
      WHERE survey_version_id = ?`,
  );

  return {
    iterateResponses: (version: number, filter: ResponseFilter) =>
      responses.iterate(filterParams(version, filter)),
    releasedIds: (version) => released.all(version),
    responsesWithIds: (ids) => withIds.all(JSON.stringify(ids)),
    countOptions: (version) => counts.all(version),
    categoryMembers: (version) => splitMembers(categories.all(version)),
    optionMembers: (version, question, option) =>
      splitMembers(chose.all(version, question, option)),
    optionTexts(version, question, option) {
      const perCategory = new Map<string, Map<string, number>>();
      for (const [category, text, n] of texts.iterate(version, question, option)) {
        const counted = perCategory.get(category) ?? new Map<string, number>();
        counted.set(text, n);
        perCategory.set(category, counted);
      }
      return perCategory;
    },
    answeredPerCategory: (version, question) => answered.all(version, question),
    responseChannels: (version) => channels.all(version),
    responseDays(version) {
      const row = days.get(version);
      return row?.first && row.last ? { first: row.first, last: row.last } : null;
    },
  };
}

/** Rows per read of the response stream: bounded memory, and no statement open across an await. */
const CHUNK = 1000;

/**
 * The reads answered as Promises, for tabulation, on any connection. The response stream is read
 * in keyset chunks, each one complete before its rows are handed on: a better-sqlite3 iterator
 * left open across an await would block every other statement on the connection meanwhile.
 */
export function createResultsStore(db: DB): ResultsStore {
  // In the index's key order, as the one-pass statement reads them (the publication ledger
  // numbers responses in the order it first meets them). released_on is never '' (its CHECK), so
  // the first chunk starts after ('', '', '', ''), below every released row.
  const chunk = db
    .prepare<ChunkParams, [string, string, string, string, string]>(
      `SELECT id, category, released_on, channel_id, answers FROM responses
        WHERE survey_version_id = @version
          AND (category, released_on, channel_id, id) > (@category, @day, @channel, @id)
          AND released_on BETWEEN @from AND @to
          AND (@channels IS NULL OR channel_id IN (SELECT value FROM json_each(@channels)))
        ORDER BY category, released_on, channel_id, id LIMIT @limit`,
    )
    .raw();

  async function* iterateResponses(version: number, filter: ResponseFilter) {
    const params: ChunkParams = {
      ...filterParams(version, filter),
      category: "",
      day: "",
      channel: "",
      id: "",
      limit: CHUNK,
    };
    for (;;) {
      const rows = chunk.all(params);
      for (const [id, category, day, , answers] of rows) yield { id, category, day, answers };
      const last = rows.at(-1);
      if (!last || rows.length < CHUNK) return;
      [params.id, params.category, params.day, params.channel] = last;
    }
  }

  return {
    ...toAsync<ResultsStore>(createResultsStatements(db)),
    iterateResponses,
  };
}

/**
 * A second connection for the results worker. WAL lets it read a consistent snapshot while the
 * server's connection keeps committing; read-only, so it can never take the write lock that group
 * commit waits for. The server's connection made the file and ran the migrations already.
 * One snapshot at a time: a second BEGIN on the connection fails (the worker queues its jobs).
 */
export function openResultsReader(path: string): ResultsReader {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  // A checkpoint or the file rebuild holds a lock for a moment; wait, as open-database.ts does.
  db.pragma("busy_timeout = 5000");
  const reads = createResultsStore(db);
  const ledger = toAsync<LedgerStore>(createLedgerStatements(db));
  const pending = db.prepare<[], number>("SELECT EXISTS (SELECT 1 FROM answers_pending)").pluck();
  const inSnapshot: ResultsSnapshot = {
    ...reads,
    readLedger: ledger.readLedger,
    ledgerRevision: ledger.ledgerRevision,
    hasPendingAnswers: async () => pending.get() === 1,
  };
  // Nothing is written inside, so COMMIT also ends a snapshot whose reader threw; and no statement
  // is left open (every read is complete when it answers), so COMMIT never finds one running.
  const begin = db.prepare("BEGIN");
  const commit = db.prepare("COMMIT");
  return {
    ...reads,
    async snapshot(read) {
      begin.run();
      try {
        return await read(inSnapshot);
      } finally {
        commit.run();
      }
    },
    close: async () => {
      db.close();
    },
  };
}

/** Response ids are nanoid characters (no comma), so the joined list splits back exactly. */
function splitMembers(rows: [string, string][]): Member[] {
  return rows.map(([category, ids]) => [category, ids.split(",")]);
}
