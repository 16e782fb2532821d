// A fingerprint of everything the server keeps: row count and content hash of every table, read on
// a second connection, so a fuzz test can tell that a refused request stored nothing at all. On
// either engine: the SQLite file, or the PostgreSQL database (hashed by the server, one query).
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import { type DatabaseAt, openTestReader } from "./test-engine.ts";

/**
 * Columns that change on requests that store nothing, left out of the hash (the rows still count):
 * - admin_sessions.last_seen_at: the idle timer. Authentication rewrites it (at most once a
 *   minute) before the route reads the body, so a refused body may legitimately move it.
 * Nothing else is left out: a session row appearing or vanishing, a token's last_used_on, an
 * audit entry, all still show. (Accepted requests are audited; that is fine, because each
 * request is compared with the state just before it, never with an older one.)
 */
export const VOLATILE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  admin_sessions: ["last_seen_at"],
};

/**
 * Tables the answer indexer fills from `responses` on its own timer, after the acknowledgement
 * (server/ballot-box/upkeep.ts). They change only after a stored response, but possibly
 * while a later request runs; a caller that cannot make the indexer catch up first (a child
 * server) compares without them and checks them against `responses` at the end instead.
 */
export const DERIVED_TABLES: readonly string[] = ["answers", "answer_counts", "answers_pending"];

export interface TablePrint {
  rows: number;
  hash: string;
}

export type Fingerprint = Record<string, TablePrint>;

export interface Changes {
  /** Tables that differ, apart from those ignored; empty when nothing was committed at all. */
  changed: string[];
  /** Both fingerprints, taken only when something was committed in between. */
  before?: Fingerprint;
  after?: Fingerprint;
}

export interface Fingerprinter {
  /** Reads every table now. */
  take(): Promise<Fingerprint>;
  /** Holds on to the database as it is now, for a later `changesSincePin`. */
  pin(): Promise<void>;
  /** Compares the pinned state with the database now, and lets the pinned state go. */
  changesSincePin(ignore?: readonly string[]): Promise<Changes>;
  /** Lets the pinned state go without comparing (an accepted request may change what it likes). */
  unpin(): Promise<void>;
  /** A read-only query on the current state, e.g. the newest audit entries (`?` placeholders). */
  query<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export function openFingerprinter(at: DatabaseAt): Fingerprinter {
  return at.engine === "sqlite" ? openSqliteFingerprinter(at.dbPath) : openPgFingerprinter(at.url);
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Every table's row count and content hash, as `db` sees it (its snapshot, if in one). */
function printDatabase(db: Database.Database): Fingerprint {
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all()
    .map((t) => t.name);
  return Object.fromEntries(tables.map((table) => [table, printTable(db, table)]));
}

function printTable(db: Database.Database, table: string): TablePrint {
  const columns = db
    .prepare<[string], { name: string }>("SELECT name FROM pragma_table_info(?)")
    .all(table)
    .map((c) => c.name);
  const skipped = VOLATILE_COLUMNS[table] ?? [];
  const kept = columns.filter((c) => !skipped.includes(c)).map(quote);
  // Ordered by every column: a deterministic order for tables with and without rowid.
  const order = columns.map(quote).join(", ");
  const sql = `SELECT ${kept.join(", ")} FROM ${quote(table)} ORDER BY ${order}`;
  const hash = createHash("sha256");
  let rows = 0;
  for (const row of db.prepare(sql).raw().iterate()) {
    rows++;
    // JSON keeps types apart (1 vs "1", null vs "") and escapes whatever a row holds.
    hash.update(JSON.stringify(row, (_k, v) => (typeof v === "bigint" ? String(v) : v)));
    hash.update("\n");
  }
  return { rows, hash: hash.digest("base64url").slice(0, 16) };
}

/**
 * SQLite: the pin is a read transaction (SQLite keeps that snapshot for us), so `changesSincePin`
 * hashes nothing when no other connection committed in between, as for nearly every request.
 */
function openSqliteFingerprinter(dbPath: string): Fingerprinter {
  const open = () => new Database(dbPath, { readonly: true, fileMustExist: true });
  // `current` reads the latest state; `pinned` holds a snapshot open across one request.
  const current = open();
  const pinned = open();
  const version = () => Number(current.pragma("data_version", { simple: true }));
  let pinnedVersion: number | null = null;
  const release = () => {
    if (pinned.inTransaction) pinned.exec("COMMIT");
    pinnedVersion = null;
  };

  return {
    take: async () => printDatabase(current),
    pin: async () => {
      release();
      pinned.exec("BEGIN");
      // A deferred transaction takes its snapshot at the first read.
      pinned.prepare("SELECT count(*) FROM sqlite_master").get();
      pinnedVersion = version();
    },
    changesSincePin: async (ignore = []) => {
      if (pinnedVersion === null) throw new Error("changesSincePin without pin");
      // data_version moves when any other connection, in any process, commits.
      if (version() === pinnedVersion) {
        release();
        return { changed: [] };
      }
      const before = printDatabase(pinned);
      release();
      const after = printDatabase(current);
      return { changed: changedTables(before, after, ignore), before, after };
    },
    unpin: async () => release(),
    query: async <T>(sql: string, ...params: unknown[]) =>
      current.prepare(sql).all(...params) as T[],
    close: async () => {
      release();
      pinned.close();
      current.close();
    },
  };
}

const quoteText = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * PostgreSQL: one statement hashes every table on the server (md5 of each row as a JSON array, in
 * the order of all its columns), so a print is one round trip; the pin is the print taken before.
 * The hashes compare only with this engine's own (SQLite's are sha256 of the rows in Node).
 */
function openPgFingerprinter(url: string): Fingerprinter {
  const reader = openTestReader({ engine: "postgres", url });
  let statement: string | null = null;
  // The tables do not change after the server's migrations: the statement is built once.
  const printStatement = async () => {
    if (statement) return statement;
    const tables = await reader.all<{ name: string; columns: string[] }>(
      `SELECT c.table_name AS name, array_agg(c.column_name::text ORDER BY c.ordinal_position) AS columns
         FROM information_schema.columns c
         JOIN information_schema.tables t
           ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
          -- The guards' counters move with every request, refused ones too, as SQLite's do in
          -- memory, where no print sees them: what a request stores is everything else.
          AND c.table_name NOT LIKE 'guard\\_%'
        GROUP BY c.table_name ORDER BY c.table_name`,
      [],
    );
    statement = tables
      .map(({ name, columns }) => {
        const skipped = VOLATILE_COLUMNS[name] ?? [];
        const kept = columns.filter((c) => !skipped.includes(c)).map(quote);
        const order = columns.map(quote).join(", ");
        return `SELECT ${quoteText(name)} AS name, count(*)::int AS rows,
                  coalesce(md5(string_agg(json_build_array(${kept.join(", ")})::text, E'\\n'
                    ORDER BY ${order})), '') AS hash
                FROM ${quote(name)}`;
      })
      .join("\nUNION ALL\n");
    return statement;
  };
  const take = async (): Promise<Fingerprint> => {
    const rows = await reader.all<{ name: string; rows: number; hash: string }>(
      await printStatement(),
      [],
    );
    return Object.fromEntries(
      rows.map((r) => [r.name, { rows: r.rows, hash: r.hash.slice(0, 16) }]),
    );
  };
  let pinned: Fingerprint | null = null;
  return {
    take,
    pin: async () => {
      pinned = await take();
    },
    changesSincePin: async (ignore = []) => {
      const before = pinned;
      if (before === null) throw new Error("changesSincePin without pin");
      pinned = null;
      const after = await take();
      const changed = changedTables(before, after, ignore);
      return changed.length === 0 ? { changed } : { changed, before, after };
    },
    unpin: async () => {
      pinned = null;
    },
    query: <T>(sql: string, ...params: unknown[]) => reader.all<T>(sql, params),
    close: () => reader.close(),
  };
}

/** Tables whose rows or content differ, leaving out `ignore`. */
export function changedTables(
  before: Fingerprint,
  after: Fingerprint,
  ignore: readonly string[] = [],
): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((t) => !ignore.includes(t))
    .filter((t) => before[t]?.rows !== after[t]?.rows || before[t]?.hash !== after[t]?.hash)
    .sort();
}
