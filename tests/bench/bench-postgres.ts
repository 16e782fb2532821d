// A PostgreSQL database of the bench's own (made and dropped on one server), and the two reads the
// scale bench takes from it: stored responses, and whether the start's rebuild has run.
import { customAlphabet } from "nanoid";
import pg from "pg";

/**
 * The server to make bench databases on: TEST_DATABASE_URL as the tests use it, else this project's
 * machines' PostgreSQL (trust authentication, a `test` database). Its user needs CREATEDB.
 */
export const benchServerUrl =
  process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";

export interface BenchDatabase {
  url: string;
  name: string;
  /** Responses stored, once two reads 300 ms apart agree (group commits in flight land first). */
  countWhenSettled(): Promise<number>;
  /** The long table's file: CLUSTER, the last step of the rebuild, gives it a new one. */
  answersFile(): Promise<number>;
  /** Ends its connections (the servers must be stopped first) and drops it. */
  drop(): Promise<void>;
}

const suffix = customAlphabet("abcdefghijklmnopqrstuvwxyz0123456789", 12);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: benchServerUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** survey_bench_<random>, empty: the first server to start migrates it. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `survey_bench_${suffix()}`;
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(benchServerUrl);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const one = async (text: string): Promise<number> => {
    const { rows } = await client.query<{ n: string | number }>(text);
    return Number(rows[0]?.n ?? 0);
  };
  return {
    url: url.toString(),
    name,
    async countWhenSettled() {
      let last = -1;
      for (;;) {
        const n = await one("SELECT count(*) AS n FROM responses");
        if (n === last) return n;
        last = n;
        await sleep(300);
      }
    },
    answersFile: () => one("SELECT pg_relation_filenode('answers') AS n"),
    async drop() {
      await client.end().catch(() => undefined);
      await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** Waits until `read` answers something other than `before` (the rebuild has replaced the file). */
export async function untilChanged(
  read: () => Promise<number>,
  before: number,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await read()) !== before) return true;
    await sleep(200);
  }
  return false;
}
