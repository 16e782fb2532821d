// Which engine the route tests run on, and a second, read-only connection to it that answers one SQL
// text on both: what a test reads the way an auditor would.
import Database from "better-sqlite3";
import pg from "pg";

export type TestEngine = "sqlite" | "postgres";

/**
 * Set per vitest project (vitest.config.ts): the "postgres" project runs tests/server/** with
 * SURVEY_TEST_ENGINE=postgres; anything else (no value) is SQLite, as a plain `npx vitest` run.
 */
export const testEngine: TestEngine = (() => {
  const named = process.env.SURVEY_TEST_ENGINE ?? "sqlite";
  if (named !== "sqlite" && named !== "postgres")
    throw new Error(`SURVEY_TEST_ENGINE=${named}: expected sqlite or postgres`);
  return named;
})();

const INT8 = 20;
const NUMERIC = 1700;

/**
 * count(*) is int8 and sum() of integers numeric on PostgreSQL, both text in node-postgres: parsed
 * to numbers in this pool only, so `{ n: 3 }` compares equal on both engines. A test's counts are
 * small; a value a number cannot hold is an error, not a rounding.
 */
const numbersAsNumbers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if ((oid === INT8 || oid === NUMERIC) && format !== "binary")
      return (text: string) => {
        const value = Number(text);
        if (Number.isInteger(value) && !Number.isSafeInteger(value))
          throw new Error(`a number past 2^53: ${text}`);
        return value;
      };
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig["getTypeParser"],
};

/**
 * SQLite's `?` placeholders as PostgreSQL's $1..$n, outside quoted strings and identifiers, so a
 * test writes its SQL once. (No test needs `?` inside a literal; this keeps one anyway.)
 */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (token) =>
    token === "?" ? `$${++n}` : token,
  );
}

export interface TestConnection {
  all<T>(sql: string, params: readonly unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** Where a test's data is: a SQLite file, or a PostgreSQL database. */
export type DatabaseAt = { engine: "sqlite"; dbPath: string } | { engine: "postgres"; url: string };

/**
 * A connection beside the server's own, to the SQLite file or the PostgreSQL database: read-only
 * (an auditor's), or with `write` one that may change anything (an insider holding the database's
 * password, whose edits the schema must refuse).
 */
export function openTestConnection(at: DatabaseAt, { write = false } = {}): TestConnection {
  if (at.engine === "sqlite") {
    const db = new Database(at.dbPath, { readonly: !write });
    db.pragma("busy_timeout = 5000");
    return {
      all: async <T>(sql: string, params: readonly unknown[]) => {
        const statement = db.prepare(sql);
        return (statement.reader ? statement.all(...params) : [statement.run(...params)]) as T[];
      },
      close: async () => void db.close(),
    };
  }
  const pool = new pg.Pool({
    connectionString: at.url,
    max: 2,
    types: numbersAsNumbers,
    application_name: write ? "survey-test-writer" : "survey-test-reader",
    // A reader reads only, as the SQLite one opened readonly: a test that writes by mistake fails.
    ...(write ? {} : { options: "-c default_transaction_read_only=on" }),
  });
  return {
    all: async <T>(sql: string, params: readonly unknown[]) =>
      (await pool.query(numberedPlaceholders(sql), [...params])).rows as T[],
    close: () => pool.end(),
  };
}

/** A read-only connection (see openTestConnection). */
export const openTestReader = (at: DatabaseAt) => openTestConnection(at);
