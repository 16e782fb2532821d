// A database passes only with exactly the schema this program's migrations make for its version:
// every way to add a recorder (a table, a trigger, a view, an index, a column, an edit of the stored
// schema) is refused in one line naming the object, and openDatabase refuses before it writes.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import {
  latestSchemaVersion,
  migrate,
  openDatabase,
} from "../../../server/storage/open-database.ts";
import { schemaProblem, UnexpectedSchemaError } from "../../../server/storage/schema-check.ts";
import {
  doctorDatabase,
  fileHash,
  INSIDER_PROBLEM,
  INSIDER_RECORDER,
} from "../../support/schema-doctor.ts";
import { integrityCheck } from "../../support/stored-check.ts";

const dir = mkdtempSync(join(tmpdir(), "schema-check-"));
let files = 0;

/** A new database file, migrated as openDatabase does (to `version` only, when given). */
function migrated(version?: number): string {
  const path = join(dir, `${++files}.db`);
  if (version === undefined) {
    openDatabase(path).close();
  } else {
    const db = new Database(path);
    migrate(db, version);
    db.close();
  }
  return path;
}

function problemOf(path: string): string | null {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return schemaProblem(db);
  } finally {
    db.close();
  }
}

/** Doctors a freshly migrated file with `sql`; SQLite itself finds nothing wrong with it. */
function problemAfter(sql: string, options: { writableSchema?: boolean; version?: number } = {}) {
  const path = migrated(options.version);
  doctorDatabase(path, sql, options);
  expect(integrityCheck(path)).toBe("ok");
  return problemOf(path);
}

/** Names of the migrations' own objects of a kind, so the test follows the migrations. */
function ownObjects(type: "index" | "trigger") {
  const db = new Database(migrated(), { readonly: true });
  try {
    return db
      .prepare<[string], { name: string; tbl_name: string; sql: string }>(
        "SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = ? AND sql IS NOT NULL ORDER BY name",
      )
      .all(type);
  } finally {
    db.close();
  }
}

describe("schemaProblem", () => {
  it("passes a freshly migrated database, an empty file, and one with ANALYZE statistics", () => {
    expect(problemOf(migrated())).toBeNull();
    const empty = join(dir, "empty.db");
    writeFileSync(empty, "");
    expect(problemOf(empty)).toBeNull();
    expect(problemAfter("ANALYZE")).toBeNull();
  });

  it("passes a database at an older version that matches its migrations, and migrates it", () => {
    const older = migrated(3);
    expect(problemOf(older)).toBeNull();
    const db = openDatabase(older);
    expect(db.pragma("user_version", { simple: true })).toBe(latestSchemaVersion());
    db.close();
    expect(problemOf(older)).toBeNull();
    expect(problemAfter("CREATE INDEX codes_by_used ON codes (used)", { version: 3 })).toBe(
      `has an unexpected index "codes_by_used" on table codes (not made by this program's migrations)`,
    );
  });

  it("refuses added tables, triggers, views and indexes, naming the first (triggers first)", () => {
    expect(problemAfter("CREATE TABLE seen (code TEXT, at TEXT)")).toBe(
      `has an unexpected table "seen" (not made by this program's migrations)`,
    );
    expect(problemAfter(INSIDER_RECORDER)).toBe(INSIDER_PROBLEM);
    expect(
      problemAfter(`CREATE TRIGGER stamp AFTER UPDATE ON codes
                    BEGIN UPDATE codes SET revoked = revoked WHERE code = new.code; END`),
    ).toBe(
      `has an unexpected trigger "stamp" on table codes (not made by this program's migrations)`,
    );
    expect(problemAfter("CREATE VIEW used_codes AS SELECT code FROM codes WHERE used = 1")).toBe(
      `has an unexpected view "used_codes" (not made by this program's migrations)`,
    );
    expect(problemAfter("CREATE INDEX codes_by_used ON codes (used)")).toBe(
      `has an unexpected index "codes_by_used" on table codes (not made by this program's migrations)`,
    );
  });

  it("refuses a column added with ALTER TABLE, a dropped index and a trigger with other SQL", () => {
    expect(problemAfter("ALTER TABLE responses ADD COLUMN seen_at TEXT")).toBe(
      `has table responses different from what the migrations make (column "seen_at" is extra)`,
    );
    const [index] = ownObjects("index");
    expect(problemAfter(`DROP INDEX ${index?.name}`)).toBe(`is missing index ${index?.name}`);
    const [trigger] = ownObjects("trigger");
    const sameName = `DROP TRIGGER ${trigger?.name};
      CREATE TRIGGER ${trigger?.name} BEFORE DELETE ON ${trigger?.tbl_name} BEGIN SELECT 1; END`;
    expect(problemAfter(sameName)).toBe(
      `has trigger ${trigger?.name} different from what the migrations make (its SQL text differs)`,
    );
  });

  it("refuses edits of sqlite_schema made with PRAGMA writable_schema", () => {
    const edit = (sql: string) => problemAfter(sql, { writableSchema: true });
    // The text loses a CHECK: the columns stay the same, the stored text does not.
    expect(
      edit(
        "UPDATE sqlite_schema SET sql = replace(sql, ' CHECK (used IN (0, 1))', '') WHERE name = 'codes'",
      ),
    ).toBe("has table codes different from what the migrations make (its SQL text differs)");
    // The text gains a column the stored rows do not have (read as NULL, as after ALTER TABLE).
    expect(
      edit(
        "UPDATE sqlite_schema SET sql = replace(sql, ') WITHOUT ROWID', ', seen_at TEXT) WITHOUT ROWID') WHERE name = 'codes'",
      ),
    ).toBe(`has table codes different from what the migrations make (column "seen_at" is extra)`);
    // A trigger written straight into sqlite_schema, as no CREATE TRIGGER would record it.
    expect(
      edit(`INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) VALUES ('trigger',
            'copy_codes', 'codes', 0, 'CREATE TRIGGER copy_codes AFTER UPDATE ON codes BEGIN SELECT 1; END')`),
    ).toBe(
      `has an unexpected trigger "copy_codes" on table codes (not made by this program's migrations)`,
    );
  });

  it("tolerates ANALYZE's statistics tables only with the columns ANALYZE gives them", () => {
    expect(
      problemAfter("CREATE TABLE sqlite_stat1 (code TEXT, at TEXT)", { writableSchema: true }),
    ).toBe(`has an unexpected table "sqlite_stat1" (not made by this program's migrations)`);
  });

  it("refuses a schema version newer than this program's migrations", () => {
    const latest = latestSchemaVersion();
    expect(problemAfter(`PRAGMA user_version = ${latest + 1}`)).toBe(
      `has schema version ${latest + 1}, newer than this program's ${latest}`,
    );
  });

  it("keeps a hostile name on one line", () => {
    expect(problemAfter('CREATE TABLE "x\ny" (a)')).toBe(
      `has an unexpected table "x\\ny" (not made by this program's migrations)`,
    );
  });
});

describe("openDatabase", () => {
  it("refuses a doctored file before writing anything to it", () => {
    const path = migrated();
    doctorDatabase(path, INSIDER_RECORDER);
    const before = fileHash(path);
    expect(() => openDatabase(path)).toThrow(UnexpectedSchemaError);
    expect(() => openDatabase(path)).toThrow(INSIDER_PROBLEM);
    expect(fileHash(path)).toBe(before);
  });

  it("refuses a file whose doctoring is still in its -wal, leaving both files as they were", () => {
    const source = migrated();
    const writer = new Database(source);
    writer.pragma("journal_mode = WAL");
    writer.exec(INSIDER_RECORDER);
    // Copied while the writer is open: the triggers are only in the -wal, as after a crash.
    const path = join(dir, "crashed.db");
    copyFileSync(source, path);
    copyFileSync(`${source}-wal`, `${path}-wal`);
    writer.close();
    const before = [fileHash(path), fileHash(`${path}-wal`)];
    expect(problemOf(path)).toBe(INSIDER_PROBLEM);
    expect(() => openDatabase(path)).toThrow(INSIDER_PROBLEM);
    expect(existsSync(`${path}-wal`)).toBe(true);
    expect([fileHash(path), fileHash(`${path}-wal`)]).toEqual(before);
    expect(readFileSync(path).length).toBeGreaterThan(0);
  });
});
