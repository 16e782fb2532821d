// A PostgreSQL database of its own for a test, made through TEST_DATABASE_URL and dropped after.
// Without that variable the PostgreSQL tests are skipped, except under CI=true, where they must run.
import { customAlphabet } from "nanoid";
import pg from "pg";

/**
 * The server to make test databases on, e.g. postgres://postgres@127.0.0.1:5432/test (its user
 * needs CREATEDB). Read when this module loads, so a CI run without it fails at once, by name.
 */
export const testDatabaseUrl: string | undefined = (() => {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return url;
  if (process.env.CI === "true")
    throw new Error(
      "TEST_DATABASE_URL is not set: under CI=true the PostgreSQL tests must run, not skip " +
        "(e.g. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)",
    );
  return undefined;
})();

/** True when the PostgreSQL tests are skipped: `describe.skipIf(noPostgres)`. */
export const noPostgres = testDatabaseUrl === undefined;

export interface TestDatabase {
  /** The new database's URL: the server's, with this database's name. */
  url: string;
  name: string;
  /** Drops it, ending any connection left open to it. */
  drop(): Promise<void>;
}

// Lower case only: an unquoted identifier folds to lower case, and the name stays readable in \l.
const suffix = customAlphabet("abcdefghijklmnopqrstuvwxyz0123456789", 12);

async function onServer<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  if (!testDatabaseUrl) throw new Error("TEST_DATABASE_URL is not set");
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates survey_test_<random>; the caller drops it (afterAll). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `survey_test_${suffix()}`;
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(testDatabaseUrl ?? "");
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      await onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
