// A fingerprint of everything the server keeps: row count and content hash of every table, read on
// a second connection, so a fuzz test can tell that a refused request stored nothing at all.
import { createHash } from "node:crypto";
import Database from "better-sqlite3";

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
  take(): Fingerprint;
  /**
   * Holds on to the database as it is now (a read transaction: SQLite keeps that snapshot for
   * us), so a later `changesSincePin` can compare before and after without hashing anything
   * when no other connection committed in between, which is the case for nearly every request.
   */
  pin(): void;
  /** Compares the pinned snapshot with the database now, and lets the snapshot go. */
  changesSincePin(ignore?: readonly string[]): Changes;
  /** Lets the snapshot go without comparing (an accepted request may change what it likes). */
  unpin(): void;
  /** A read-only query on the current state, e.g. the newest audit entries. */
  query<T>(sql: string, ...params: unknown[]): T[];
  close(): void;
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

export function openFingerprinter(dbPath: string): Fingerprinter {
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
    take: () => printDatabase(current),
    pin: () => {
      release();
      pinned.exec("BEGIN");
      // A deferred transaction takes its snapshot at the first read.
      pinned.prepare("SELECT count(*) FROM sqlite_master").get();
      pinnedVersion = version();
    },
    changesSincePin: (ignore = []) => {
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
    unpin: release,
    query: <T>(sql: string, ...params: unknown[]) => current.prepare(sql).all(...params) as T[],
    close: () => {
      release();
      pinned.close();
      current.close();
    },
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
