// Where PostgreSQL physically keeps the rows and index entries naming each response, read as an
// insider with the data directory would: heap order (ctid), B-tree leaf order, TOAST value ids.
// Index leaves and TOAST pointers are read with the pageinspect extension (superuser).
import type { Pool } from "../../server/storage/postgres/open-postgres.ts";
import { limit, type PlacedEntry } from "./physical-order.ts";
import { spearman } from "./rank-correlation.ts";

/** A table (or index) and the column of it that names a response. */
export interface Holder {
  table: string;
  column: string;
}

/** The response named by each row, in heap order: block, then line pointer. */
export async function heapOrder(pool: Pool, { table, column }: Holder): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT ${column} AS id FROM ${table} ORDER BY ctid`,
  );
  return rows.map((r) => r.id);
}

/**
 * The response named by each leaf entry of a B-tree, in physical order (leaf block, then slot), and
 * how many entries point at no live row (old versions a rewrite has not dropped yet).
 */
export async function indexLeafOrder(
  pool: Pool,
  index: string,
  { table, column }: Holder,
): Promise<{ order: string[]; dead: number }> {
  const byTid = new Map<string, string>();
  const heap = await pool.query<{ tid: string; id: string }>(
    `SELECT ctid::text AS tid, ${column} AS id FROM ${table}`,
  );
  for (const row of heap.rows) byTid.set(row.tid, row.id);
  const { rows } = await pool.query<{ htid: string }>(
    `SELECT i.htid::text AS htid
       FROM generate_series(1, pg_relation_size($1::regclass) / current_setting('block_size')::int - 1) AS b,
            LATERAL bt_page_stats($1::text, b) AS s,
            LATERAL bt_page_items($1::text, b) AS i
      WHERE s.type = 'l' AND i.htid IS NOT NULL
      ORDER BY b, i.itemoffset`,
    [index],
  );
  const order: string[] = [];
  let dead = 0;
  for (const { htid } of rows) {
    const id = byTid.get(htid);
    if (id === undefined) dead += 1;
    else order.push(id);
  }
  return { order, dead };
}

/**
 * Each leaf entry of a B-tree placed as SQLite's cells are measured (physical-order.ts): its leaf
 * block and its tuple's byte offset in the page, read from the raw line pointers (a page fills
 * from the end down, so a lower offset was written later). Entries for old versions are left out.
 */
export async function indexLeafPlaces(
  pool: Pool,
  index: string,
  { table, column }: Holder,
  arrival: ReadonlyMap<string, number>,
): Promise<PlacedEntry[]> {
  const byTid = new Map<string, string>();
  const heap = await pool.query<{ tid: string; id: string }>(
    `SELECT ctid::text AS tid, ${column} AS id FROM ${table}`,
  );
  for (const row of heap.rows) byTid.set(row.tid, row.id);
  const { rows } = await pool.query<{ block: number; slot: number; htid: string; page: Buffer }>(
    `SELECT b::int AS block, i.itemoffset AS slot, i.htid::text AS htid,
            get_raw_page($1::text, b::int) AS page
       FROM generate_series(1, pg_relation_size($1::regclass) / current_setting('block_size')::int - 1) AS b,
            LATERAL bt_page_stats($1::text, b) AS s,
            LATERAL bt_page_items($1::text, b) AS i
      WHERE s.type = 'l' AND i.htid IS NOT NULL`,
    [index],
  );
  const placed: PlacedEntry[] = [];
  for (const { block, slot, htid, page } of rows) {
    const id = byTid.get(htid);
    const rank = id === undefined ? undefined : arrival.get(id);
    if (rank === undefined) continue;
    // Line pointers follow the 24-byte page header, 4 bytes each: lp_off is the low 15 bits.
    const offset = page.readUInt32LE(24 + 4 * (slot - 1)) & 0x7fff;
    placed.push({ page: block, offset, arrival: rank });
  }
  return placed;
}

/**
 * The TOAST value id (an OID from one global counter) of each row whose `column` is stored out of
 * line, with the response the row names, read from the raw tuple: an on-disk TOAST pointer is
 * 0x01, tag 18, then raw size, external size and the value id (little-endian).
 */
export async function toastValueIds(
  pool: Pool,
  table: string,
  idColumn: string,
  toastedColumn: string,
): Promise<{ id: string; valueId: number }[]> {
  const attribute = await pool.query<{ n: number }>(
    "SELECT attnum AS n FROM pg_attribute WHERE attrelid = $1::regclass AND attname = $2",
    [table, toastedColumn],
  );
  const n = attribute.rows[0]?.n;
  if (n === undefined) throw new Error(`no column ${toastedColumn}`);
  const byTid = new Map<string, string>();
  const heap = await pool.query<{ tid: string; id: string }>(
    `SELECT ctid::text AS tid, ${idColumn} AS id FROM ${table}`,
  );
  for (const row of heap.rows) byTid.set(row.tid, row.id);
  const { rows } = await pool.query<{ tid: string; value: Buffer | null }>(
    `SELECT '(' || b || ',' || t.lp || ')' AS tid, t.t_attrs[$2] AS value
       FROM generate_series(0, pg_relation_size($1::regclass) / current_setting('block_size')::int - 1) AS b,
            LATERAL heap_page_item_attrs(get_raw_page($1::text, b::int), $1::regclass) AS t
      WHERE t.t_attrs IS NOT NULL`,
    [table, n],
  );
  const found: { id: string; valueId: number }[] = [];
  for (const { tid, value } of rows) {
    const id = byTid.get(tid);
    // Dead versions (no live row at that place) and values kept inline are not TOAST pointers.
    if (id === undefined || !value || value[0] !== 0x01 || value[1] !== 18) continue;
    found.push({ id, valueId: value.readUInt32LE(10) });
  }
  return found;
}

/** ρ of arrival against position, over entries naming responses (several may name one). */
export function orderCorrelation(order: readonly string[], arrival: ReadonlyMap<string, number>) {
  const ranks = order.map((id) => {
    const rank = arrival.get(id);
    if (rank === undefined) throw new Error(`${id} is not a response of this test`);
    return rank;
  });
  const n = new Set(ranks).size;
  return {
    rho: spearman(
      ranks,
      ranks.map((_, i) => i),
    ),
    n,
    limit: limit(n),
  };
}
