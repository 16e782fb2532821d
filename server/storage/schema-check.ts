// Refuses a database whose schema is not exactly what this program's migrations make: an added
// trigger or table could quietly record which code and which response arrived together, and when.
import Database from "better-sqlite3";
import { type DB, latestSchemaVersion, migrate } from "./open-database.ts";
import {
  columnDifference,
  differentObject,
  firstProblem,
  missingObject,
  shown,
  unexpectedObject,
} from "./schema-wording.ts";

interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

interface Column {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
  hidden: number;
}

interface Schema {
  objects: SchemaObject[];
  /** Each table's columns as SQLite parsed them (pragma_table_xinfo), in order. */
  columns: Map<string, Column[]>;
}

/** Tables ANALYZE (or PRAGMA optimize) makes, with exactly this text: statistics, no data. */
const TOLERATED = new Map([
  ["sqlite_stat1", "CREATE TABLE sqlite_stat1(tbl,idx,stat)"],
  ["sqlite_stat4", "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)"],
]);

/** Triggers first: they act on every write, so they are the first thing to name. */
const RANK: Record<string, number> = { trigger: 0, view: 1, table: 2, index: 3 };

/**
 * A database openDatabase refuses. Its message is the line start-server prints, e.g. `the database
 * /srv/survey.db has an unexpected trigger "copy_codes" on table codes (…); restore a clean backup`.
 */
export class UnexpectedSchemaError extends Error {
  readonly code = "SURVEY_UNEXPECTED_SCHEMA";
  constructor(
    path: string,
    readonly problem: string,
    readonly remedy: string,
  ) {
    super(`the database ${path} ${problem}; ${remedy}`);
    this.name = "UnexpectedSchemaError";
  }
}

export function refuseUnexpectedSchema(db: DB): void {
  const problem = schemaProblem(db);
  if (problem === null) return;
  const newer = schemaVersion(db) > latestSchemaVersion();
  throw new UnexpectedSchemaError(
    db.name,
    problem,
    newer ? "update the program" : "restore a clean backup (README: Backup and restore)",
  );
}

/**
 * Compares the schema with what migrations 1..N make, N being the database's own user_version
 * (an older database is migrated at start). One clause to follow the database's name, e.g.
 * `has an unexpected trigger "copy_codes" on table codes (…)`; null when they are the same.
 */
export function schemaProblem(db: DB): string | null {
  const version = schemaVersion(db);
  const latest = latestSchemaVersion();
  if (version > latest) return `has schema version ${version}, newer than this program's ${latest}`;
  const wanted = expectedSchema(version);
  return firstProblem(differences(readSchema(db, new Set(wanted.columns.keys())), wanted));
}

const schemaVersion = (db: DB) => Number(db.pragma("user_version", { simple: true }));

const expected = new Map<number, Schema>();

/** The schema migrations 1..version make, run on an empty in-memory database (cached). */
function expectedSchema(version: number): Schema {
  let schema = expected.get(version);
  if (!schema) {
    const db = new Database(":memory:");
    try {
      db.pragma("foreign_keys = ON"); // as openDatabase runs them
      migrate(db, version);
      schema = readSchema(db, null);
    } finally {
      db.close();
    }
    expected.set(version, schema);
  }
  return schema;
}

/** Columns are read for the `tables` named (all when null): an unexpected one is refused anyway. */
function readSchema(db: DB, tables: Set<string> | null): Schema {
  const objects = db
    .prepare<[], SchemaObject>("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY rowid")
    .all();
  const xinfo = db.prepare<[string], Column>(
    'SELECT name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?) ORDER BY cid',
  );
  const columns = new Map(
    objects
      .filter((o) => o.type === "table" && (tables === null || tables.has(o.name)))
      .map((o) => [o.name, xinfo.all(o.name)]),
  );
  return { objects, columns };
}

function differences(actual: Schema, wanted: Schema): string[] {
  const key = (o: SchemaObject) => `${o.type} ${o.name}`;
  const wantedByKey = new Map(wanted.objects.map((o) => [key(o), o]));
  const present = new Set(actual.objects.map(key));
  const found: { rank: number; problem: string }[] = [];
  const note = (type: string, problem: string) => found.push({ rank: RANK[type] ?? 4, problem });
  for (const object of actual.objects) {
    const want = wantedByKey.get(key(object));
    // Two objects of one name cannot reach here: SQLite reports the schema malformed (SQLITE_CORRUPT).
    if (!want) {
      if (object.type === "table" && object.sql === TOLERATED.get(object.name)) continue;
      const on =
        object.type === "trigger" || object.type === "index" ? onTable(object, actual) : undefined;
      note(object.type, unexpectedObject(object.type, object.name, on));
      continue;
    }
    const detail = objectDifference(object, want, actual, wanted);
    if (detail) note(object.type, differentObject(object.type, object.name, detail));
  }
  for (const want of wanted.objects) {
    if (!present.has(key(want))) note(want.type, missingObject(want.type, want.name));
  }
  // Stable: within a kind, in the order the database lists them.
  return found.sort((a, b) => a.rank - b.rank).map((f) => f.problem);
}

function objectDifference(
  object: SchemaObject,
  want: SchemaObject,
  actual: Schema,
  wanted: Schema,
): string | null {
  if (object.type === "table") {
    const columns = columnDifference(
      actual.columns.get(object.name) ?? [],
      wanted.columns.get(want.name) ?? [],
      (a, b) => JSON.stringify(a) === JSON.stringify(b),
    );
    if (columns) return columns;
  }
  if (object.tbl_name !== want.tbl_name)
    return `it is on ${shown(object.tbl_name)}, not ${shown(want.tbl_name)}`;
  if (object.sql !== want.sql) return "its SQL text differs";
  return null;
}

/** "table codes", or "view v" for an INSTEAD OF trigger. */
function onTable(object: SchemaObject, schema: Schema): string {
  const target = schema.objects.find((o) => o.name === object.tbl_name && o.type !== object.type);
  return `${target?.type ?? "table"} ${shown(object.tbl_name)}`;
}
