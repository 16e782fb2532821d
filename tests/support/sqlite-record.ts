// Decoding of SQLite's varints and records (sqlite.org/fileformat.html, "Record Format"), for
// tests that read a database file byte by byte instead of trusting SQL to show what is stored.

// Keeps a leading U+FEFF in a value, as SQLite does; the default decoder would drop it.
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/** One decoded column, typed as better-sqlite3 would return it (bigint only past 2^53). */
export type SqlValue = string | number | bigint | null | Uint8Array;

export interface Varint {
  /** The value as a signed 64-bit integer (a 9-byte varint can be negative). */
  value: bigint;
  /** Bytes the varint occupies: 1 to 9. */
  length: number;
}

/** A big-endian unsigned 16-bit integer (page header fields, cell pointers). */
export function u16(bytes: Uint8Array, at: number): number {
  const high = bytes[at];
  const low = bytes[at + 1];
  if (high === undefined || low === undefined) throw new Error(`read past the end at ${at}`);
  return (high << 8) | low;
}

/** A big-endian unsigned 32-bit integer (page numbers, header fields). */
export function u32(bytes: Uint8Array, at: number): number {
  return u16(bytes, at) * 0x10000 + u16(bytes, at + 2);
}

/** A varint at `at`: up to 8 bytes of 7 bits (high bit = more follows), then a whole 9th byte. */
export function readVarint(bytes: Uint8Array, at: number): Varint {
  let value = 0n;
  for (let i = 0; i < 9; i++) {
    const byte = bytes[at + i];
    if (byte === undefined) throw new Error(`varint runs past the end of its buffer at ${at}`);
    if (i === 8) return { value: BigInt.asIntN(64, (value << 8n) | BigInt(byte)), length: 9 };
    value = (value << 7n) | BigInt(byte & 0x7f);
    if (byte < 0x80) return { value: BigInt.asIntN(64, value), length: i + 1 };
  }
  throw new Error("unreachable: a varint has at most 9 bytes");
}

/** A varint that must be a size or a count: a non-negative safe integer. */
export function readSize(bytes: Uint8Array, at: number): { value: number; length: number } {
  const { value, length } = readVarint(bytes, at);
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error(`varint at ${at} is not a size: ${value}`);
  }
  return { value: Number(value), length };
}

/** Integers as numbers while exact, as bigint beyond: never a silently rounded value. */
export function toSqlInteger(value: bigint): number | bigint {
  const safe = value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER);
  return safe ? Number(value) : value;
}

/** Bytes of body a serial type takes (table "Serial Type Codes Of The Record Format"). */
function contentSize(serialType: number): number {
  const fixed = [0, 1, 2, 3, 4, 6, 8, 8, 0, 0];
  const size = fixed[serialType];
  if (size !== undefined) return size;
  if (serialType < 12) throw new Error(`reserved serial type ${serialType}`);
  return Math.floor((serialType - 12) / 2);
}

/** A big-endian two's-complement integer of 1 to 8 bytes. */
function readInteger(bytes: Uint8Array, at: number, size: number): number | bigint {
  let value = 0n;
  for (let i = 0; i < size; i++) value = (value << 8n) | BigInt(bytes[at + i] ?? 0);
  return toSqlInteger(BigInt.asIntN(size * 8, value));
}

function decodeValue(bytes: Uint8Array, at: number, serialType: number): SqlValue {
  if (serialType === 0) return null;
  if (serialType === 8) return 0;
  if (serialType === 9) return 1;
  if (serialType === 7) {
    return new DataView(bytes.buffer, bytes.byteOffset + at, 8).getFloat64(0, false);
  }
  const size = contentSize(serialType);
  if (serialType < 12) return readInteger(bytes, at, size);
  const body = bytes.subarray(at, at + size);
  // A copy, so that a value never aliases (or, for a Buffer, shows up as) the file's bytes.
  return serialType % 2 === 0 ? new Uint8Array(body) : utf8.decode(body);
}

/**
 * The columns of one complete record (payload, overflow already joined). Text is decoded as UTF-8:
 * readDatabaseFile refuses UTF-16 databases. Serial types 10 and 11 are reserved and rejected.
 */
export function decodeRecord(payload: Uint8Array): SqlValue[] {
  const header = readSize(payload, 0);
  if (header.value > payload.length) throw new Error("record header runs past its payload");
  const serialTypes: number[] = [];
  for (let at = header.length; at < header.value; ) {
    const serialType = readSize(payload, at);
    serialTypes.push(serialType.value);
    at += serialType.length;
  }
  const values: SqlValue[] = [];
  let at = header.value;
  for (const serialType of serialTypes) {
    const size = contentSize(serialType);
    if (at + size > payload.length) throw new Error("record body runs past its payload");
    values.push(decodeValue(payload, at, serialType));
    at += size;
  }
  return values;
}
