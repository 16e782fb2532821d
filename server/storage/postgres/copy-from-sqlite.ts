// Copies an office's SQLite file into an empty PostgreSQL database: every table the two schemas
// share, row for row, in one transaction, then counts both sides. `cli migrate --to` runs it.
import type { DB } from "../open-database.ts";
import type { Pool } from "./open-postgres.ts";
import { rebuildInKeyOrder } from "./pg-rebuild.ts";
import { inTransaction, type Queryable } from "./pg-transaction.ts";

export interface CopiedTable {
  table: string;
  rows: number;
}

export type CopyOutcome = { ok: true; tables: CopiedTable[] } | { ok: false; problem: string };

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table. */
const CHUNK = 500;
/**
 * Never copied: each engine's own migration record, and what only PostgreSQL keeps in tables (the
 * guards' counters and setup links; SQLite keeps them in its process's memory).
 */
const OWN_TABLES = new Set([
  "schema_migrations",
  "guard_keys",
  "guard_windows",
  "guard_sign_ins",
  "guard_sign_in_leases",
  "guard_bursts",
  "guard_spent_puzzles",
  "setup_links",
]);

/**
 * The target must hold nothing yet (its tables made by migratePostgres). Rows go in primary-key
 * order, never the file's order: a random id says nothing of arrival, and the rebuild afterwards
 * leaves PostgreSQL's files as it would after any burst.
 */
export async function copySqliteToPostgres(source: DB, pool: Pool): Promise<CopyOutcome> {
  const tables = await tablesInDependencyOrder(pool);
  const sqliteTables = new Set(
    source.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all(),
  );
  const missing = tables.filter((t) => !sqliteTables.has(t));
  if (missing.length > 0)
    return { ok: false, problem: `the SQLite file lacks ${missing.join(", ")}: upgrade it first` };
  for (const table of tables) {
    const mismatch = await columnMismatch(source, pool, table);
    if (mismatch) return { ok: false, problem: `${table}: ${mismatch}` };
  }
  const filled = [];
  for (const table of tables) if ((await countRows(pool, table)) > 0) filled.push(table);
  if (filled.length > 0)
    return {
      ok: false,
      problem: `the target is not empty (${filled.join(", ")} hold rows): nothing was copied`,
    };

  await inTransaction(pool, async (client) => {
    for (const table of tables) await copyTable(source, client, table);
    // Identity columns continue after the copied ids.
    for (const table of ["survey_versions", "audit_log"])
      await client.query(
        `SELECT setval(pg_get_serial_sequence($1, 'id'), coalesce(max(id), 0) + 1, false) FROM ${table}`,
        [table],
      );
  });
  await rebuildInKeyOrder(pool);

  const copied: CopiedTable[] = [];
  for (const table of tables) {
    const want = source.prepare<[], number>(`SELECT count(*) FROM "${table}"`).pluck().get() ?? 0;
    const got = await countRows(pool, table);
    if (got !== want)
      return { ok: false, problem: `${table}: ${want} rows in the file, ${got} in PostgreSQL` };
    copied.push({ table, rows: got });
  }
  return { ok: true, tables: copied };
}

/** Every table of the public schema, each after the tables its foreign keys point at. */
async function tablesInDependencyOrder(pool: Pool): Promise<string[]> {
  const { rows: tables } = await pool.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  const { rows: edges } = await pool.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
       FROM pg_constraint c WHERE c.contype = 'f'`,
  );
  const names = tables.map((t) => t.name).filter((name) => !OWN_TABLES.has(name));
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const next = names.find(
      (name) =>
        !placed.has(name) &&
        edges.every((e) => e.child !== name || e.parent === name || placed.has(e.parent)),
    );
    if (!next) throw new Error("the foreign keys form a cycle");
    ordered.push(next);
    placed.add(next);
  }
  return ordered;
}

async function columnsOf(pool: Pool, table: string): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.name);
}

async function columnMismatch(source: DB, pool: Pool, table: string): Promise<string | null> {
  const there = (await columnsOf(pool, table)).sort();
  const here = source
    .prepare<[string], string>("SELECT name FROM pragma_table_info(?)")
    .pluck()
    .all(table)
    .sort();
  const same = here.length === there.length && here.every((c, i) => c === there[i]);
  return same ? null : `columns differ (SQLite ${here.join(",")}; PostgreSQL ${there.join(",")})`;
}

async function countRows(q: Queryable, table: string): Promise<number> {
  const { rows } = await q.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0]?.n ?? 0);
}

async function copyTable(source: DB, client: Queryable, table: string): Promise<void> {
  const columns = source
    .prepare<[string], { name: string; pk: number }>("SELECT name, pk FROM pragma_table_info(?)")
    .all(table);
  const names = columns.map((c) => c.name);
  const key = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  const order = (key.length > 0 ? key : columns).map((c) => `"${c.name}"`).join(", ");
  const read = source
    .prepare<[], unknown[]>(
      `SELECT ${names.map((n) => `"${n}"`).join(", ")} FROM "${table}" ORDER BY ${order}`,
    )
    .raw();
  let batch: unknown[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const values = batch.map(
      (_, r) => `(${names.map((__, c) => `$${r * names.length + c + 1}`).join(", ")})`,
    );
    await client.query(
      `INSERT INTO ${table} (${names.join(", ")}) OVERRIDING SYSTEM VALUE VALUES ${values.join(", ")}`,
      batch.flat(),
    );
    batch = [];
  };
  for (const row of read.iterate()) {
    batch.push(row);
    if (batch.length === CHUNK) await flush();
  }
  await flush();
}
