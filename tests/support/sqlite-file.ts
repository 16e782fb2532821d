// Reads an SQLite database file itself, not through SQL (sqlite.org/fileformat.html): its header,
// its schema, and every B-tree cell with the page and offset it sits at, so that a test can see
// what a copy of the file reveals (say, the order rows arrived in) and not only what SQL shows.
import { existsSync, readFileSync } from "node:fs";
import {
  decodeRecord,
  readSize,
  readVarint,
  type SqlValue,
  toSqlInteger,
  u16,
  u32,
} from "./sqlite-record.ts";

/** One row of sqlite_schema, with its columns' own names. */
export interface SchemaEntry {
  type: string;
  name: string;
  tbl_name: string;
  /** First page of the B-tree; 0 for views and triggers. */
  rootpage: number;
  /** null for automatic indexes (UNIQUE, PRIMARY KEY). */
  sql: string | null;
}

export interface DatabaseFile {
  path: string;
  bytes: Uint8Array;
  pageSize: number;
  /** Page size less the bytes each page reserves at its end (header byte 20). */
  usableSize: number;
  pageCount: number;
  schema: SchemaEntry[];
}

export interface BtreeEntry {
  /** 1-based page number of the page holding the cell (not of its overflow pages). */
  page: number;
  /** Byte offset of the cell from the start of its page (page 1 included). */
  offset: number;
  /**
   * The record's columns as stored: an index entry ends with the rowid (or the primary key of a
   * WITHOUT ROWID table); an INTEGER PRIMARY KEY column reads null, its value being `rowid`; rows
   * older than an ALTER TABLE ADD COLUMN lack the added columns.
   */
  values: SqlValue[];
  /** Set for ordinary (rowid) tables only. */
  rowid?: number;
}

const MAGIC = "SQLite format 3\0";
/** Page types ("B-tree Pages"): index B-tree interior/leaf, table B-tree interior/leaf. */
const INDEX_INTERIOR = 2;
const TABLE_INTERIOR = 5;
const INDEX_LEAF = 10;
const TABLE_LEAF = 13;

/** The database file's header and schema (the file is read whole: fine for test databases). */
export function readDatabaseFile(path: string): DatabaseFile {
  const bytes = readFileSync(path);
  if (bytes.length < 100 || bytes.toString("latin1", 0, 16) !== MAGIC) {
    throw new Error(`${path} is not an SQLite database file`);
  }
  const rawPageSize = u16(bytes, 16);
  const pageSize = rawPageSize === 1 ? 0x10000 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) {
    throw new Error(`bad page size ${rawPageSize}`);
  }
  if (u32(bytes, 56) !== 1) throw new Error("only UTF-8 databases are supported");
  // The header's page count holds only if written by a version that also set "version-valid-for".
  const headerCount = u32(bytes, 28);
  const headerValid = headerCount > 0 && u32(bytes, 24) === u32(bytes, 92);
  const file: DatabaseFile = {
    path,
    bytes,
    pageSize,
    usableSize: pageSize - (bytes[20] ?? 0),
    pageCount: headerValid ? headerCount : Math.floor(bytes.length / pageSize),
    schema: [],
  };
  file.schema = walkBtree(file, 1).map((entry) => toSchemaEntry(entry.values));
  return file;
}

function toSchemaEntry(values: SqlValue[]): SchemaEntry {
  const [type, name, tblName, rootpage, sql] = values;
  if (
    typeof type !== "string" ||
    typeof name !== "string" ||
    typeof tblName !== "string" ||
    typeof rootpage !== "number" ||
    !(typeof sql === "string" || sql === null)
  ) {
    throw new Error(`malformed sqlite_schema row: ${String(values)}`);
  }
  return { type, name, tbl_name: tblName, rootpage, sql };
}

/**
 * Every entry of the table or index `name`, in key order (the order of the B-tree's in-order walk).
 * The tree's format is read from its root page: WITHOUT ROWID tables and indexes are index B-trees,
 * whose interior cells are entries too. The file must be current: checkpoint a WAL first.
 */
export function btreeEntries(file: DatabaseFile, name: string): BtreeEntry[] {
  const isSchema = name === "sqlite_schema" || name === "sqlite_master";
  const root = isSchema ? 1 : file.schema.find((entry) => entry.name === name)?.rootpage;
  if (!root) throw new Error(`no table or index named ${name}`);
  return walkBtree(file, root);
}

function readPage(file: DatabaseFile, page: number): Uint8Array {
  if (!Number.isInteger(page) || page < 1 || page > file.pageCount) {
    throw new Error(`page ${page} is outside the file (${file.pageCount} pages)`);
  }
  const start = (page - 1) * file.pageSize;
  if (start + file.pageSize > file.bytes.length) throw new Error(`page ${page} is truncated`);
  return file.bytes.subarray(start, start + file.pageSize);
}

function walkBtree(file: DatabaseFile, root: number): BtreeEntry[] {
  const entries: BtreeEntry[] = [];
  const visited = new Set<number>();
  const rootType = readPage(file, root)[root === 1 ? 100 : 0];
  const indexTree = rootType === INDEX_INTERIOR || rootType === INDEX_LEAF;

  const visit = (pageNumber: number): void => {
    if (visited.has(pageNumber)) throw new Error(`page ${pageNumber} is reached twice`);
    visited.add(pageNumber);
    const page = readPage(file, pageNumber);
    const headerAt = pageNumber === 1 ? 100 : 0;
    const type = page[headerAt];
    const [interior, leaf] = indexTree
      ? [INDEX_INTERIOR, INDEX_LEAF]
      : [TABLE_INTERIOR, TABLE_LEAF];
    if (type !== interior && type !== leaf) {
      throw new Error(`page ${pageNumber} has type ${type}, not a page of this B-tree`);
    }
    const cellCount = u16(page, headerAt + 3);
    const pointersAt = headerAt + (type === interior ? 12 : 8);
    for (let i = 0; i < cellCount; i++) {
      const offset = u16(page, pointersAt + 2 * i);
      // In-order: a cell's left child holds the keys before it; an index cell is itself an entry.
      if (type === interior) visit(u32(page, offset));
      if (type !== TABLE_INTERIOR) entries.push(readCell(file, page, pageNumber, offset, type));
    }
    if (type === interior) visit(u32(page, headerAt + 8));
  };
  visit(root);
  return entries;
}

function readCell(
  file: DatabaseFile,
  page: Uint8Array,
  pageNumber: number,
  offset: number,
  type: number,
): BtreeEntry {
  // Cells ("B-tree Pages"): [left child, interior index only] payload size [rowid, table leaf only] payload.
  let at = offset + (type === INDEX_INTERIOR ? 4 : 0);
  const size = readSize(page, at);
  at += size.length;
  let rowid: number | undefined;
  if (type === TABLE_LEAF) {
    const key = readVarint(page, at);
    at += key.length;
    const value = toSqlInteger(key.value);
    if (typeof value === "bigint") throw new Error(`rowid ${value} is beyond 2^53`);
    rowid = value;
  }
  const payload = readPayload(file, page, at, size.value, type === TABLE_LEAF);
  const entry: BtreeEntry = { page: pageNumber, offset, values: decodeRecord(payload) };
  if (rowid !== undefined) entry.rowid = rowid;
  return entry;
}

/** A cell's whole payload: the part kept on its page, then its chain of overflow pages. */
function readPayload(
  file: DatabaseFile,
  page: Uint8Array,
  at: number,
  size: number,
  tableLeaf: boolean,
): Uint8Array {
  const usable = file.usableSize;
  const maxLocal = tableLeaf ? usable - 35 : Math.floor(((usable - 12) * 64) / 255) - 23;
  const minLocal = Math.floor(((usable - 12) * 32) / 255) - 23;
  const spill = minLocal + ((size - minLocal) % (usable - 4));
  const local = size <= maxLocal ? size : spill <= maxLocal ? spill : minLocal;
  const overflows = local < size;
  if (at + local + (overflows ? 4 : 0) > usable) throw new Error("cell runs past its page");
  if (!overflows) return page.subarray(at, at + size);

  const payload = new Uint8Array(size);
  payload.set(page.subarray(at, at + local));
  let filled = local;
  let next = u32(page, at + local);
  const seen = new Set<number>();
  while (filled < size) {
    if (next === 0 || seen.has(next)) throw new Error("overflow chain is broken or loops");
    seen.add(next);
    const overflow = readPage(file, next);
    const chunk = Math.min(usable - 4, size - filled);
    payload.set(overflow.subarray(4, 4 + chunk), filled);
    filled += chunk;
    next = u32(overflow, 0);
  }
  return payload;
}

type Sums = [number, number];

/** WAL checksum ("Checksum Algorithm"): pairs of 32-bit words in the byte order the magic number names. */
function walChecksum(bytes: Uint8Array, bigEndian: boolean, seed: Sums): Sums {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let [s0, s1] = seed;
  for (let at = 0; at + 8 <= bytes.length; at += 8) {
    s0 = (s0 + view.getUint32(at, !bigEndian) + s1) >>> 0;
    s1 = (s1 + view.getUint32(at + 4, !bigEndian) + s0) >>> 0;
  }
  return [s0, s1];
}

/**
 * Frames in `${dbPath}-wal` that a reader would apply: those of committed transactions, as long
 * as salts and checksums match the WAL header. 0 when the WAL is missing, empty or invalid.
 */
export function walFrameCount(dbPath: string): number {
  const walPath = `${dbPath}-wal`;
  if (!existsSync(walPath)) return 0;
  const wal = readFileSync(walPath);
  if (wal.length < 32) return 0;
  const magic = u32(wal, 0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683) return 0;
  const bigEndian = magic === 0x377f0683;
  const pageSize = u32(wal, 8);
  let sum = walChecksum(wal.subarray(0, 24), bigEndian, [0, 0]);
  if (sum[0] !== u32(wal, 24) || sum[1] !== u32(wal, 28)) return 0;
  let frames = 0;
  let committed = 0;
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    if (u32(wal, at + 8) !== u32(wal, 16) || u32(wal, at + 12) !== u32(wal, 20)) break;
    sum = walChecksum(wal.subarray(at, at + 8), bigEndian, sum);
    sum = walChecksum(wal.subarray(at + 24, at + 24 + pageSize), bigEndian, sum);
    if (sum[0] !== u32(wal, at + 16) || sum[1] !== u32(wal, at + 20)) break;
    frames++;
    // A non-zero "database size after commit" marks the last frame of a transaction.
    if (u32(wal, at + 4) !== 0) committed = frames;
  }
  return committed;
}
