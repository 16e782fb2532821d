// Durable submissions in four setups, the same method as the main bench's (warm-up, then a measured
// run, stored rows counted before and after): SQLite, PostgreSQL, PostgreSQL behind the bench's
// round-robin proxy (its own cost), and two PostgreSQL instances behind it.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { type ChildServer, startChildCommand, startChildServer } from "../support/child-server.ts";
import { type BenchDatabase, createBenchDatabase } from "./bench-postgres.ts";
import { type MeasuredRun, runLoad } from "./load.ts";
import { fetchLinkSurvey, submissionBodies } from "./submission-body.ts";

export const CONNECTIONS = [50, 200];
const WARMUP_SECONDS = 2;

export interface Setup {
  name: string;
  engine: "sqlite" | "postgres";
  instances: number;
  proxy: boolean;
}

export const SETUPS: Setup[] = [
  { name: "SQLite, 1 instance", engine: "sqlite", instances: 1, proxy: false },
  { name: "PostgreSQL, 1 instance", engine: "postgres", instances: 1, proxy: false },
  { name: "PostgreSQL, 1 instance, proxy", engine: "postgres", instances: 1, proxy: true },
  { name: "PostgreSQL, 2 instances, proxy", engine: "postgres", instances: 2, proxy: true },
];

export interface SetupRuns extends Setup {
  runs: MeasuredRun[];
  /** 5xx access-log lines over every instance (and the proxy), and their stderr. */
  serverErrors: number;
  stderr: string;
}

/**
 * What `npm start` runs, the compiled server; the sources under tsx (as the main bench runs them)
 * when the build lacks the PostgreSQL migrations, for both engines alike.
 */
export function serverEntry(): string {
  return existsSync("dist/server/storage/postgres/migrations")
    ? "dist/server/main.js"
    : "server/main.ts";
}

/** One server instance on the given database (PORT, HOST and no per-address limit: child-server). */
export function startInstance(env: Record<string, string>): Promise<ChildServer> {
  const entry = resolve(serverEntry());
  const loader = entry.endsWith(".ts") ? ["--import", "tsx"] : [];
  return startChildCommand([process.execPath, ...loader, entry], {
    SURVEYS_DIR: resolve("surveys"),
    DIST_DIR: resolve("dist"),
    ...env,
  });
}

/** Counts responses on a read-only connection, waiting until in-flight commits settle. */
async function countSqliteWhenSettled(dbPath: string): Promise<number> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  const read = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM responses");
  try {
    let last = -1;
    for (;;) {
      const n = read.get()?.n ?? 0;
      if (n === last) return n;
      last = n;
      await new Promise((done) => setTimeout(done, 300));
    }
  } finally {
    db.close();
  }
}

async function loadTarget(
  url: string,
  linkId: string,
  seconds: number,
  count: () => Promise<number>,
): Promise<MeasuredRun[]> {
  const nextBody = submissionBodies(await fetchLinkSurvey(url, linkId));
  const path = `/api/links/${linkId}/responses`;
  const probe = await fetch(`${url}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: nextBody(),
  });
  if (probe.status !== 201)
    throw new Error(`the bench body was refused: ${probe.status} ${await probe.text()}`);
  const runs: MeasuredRun[] = [];
  for (const connections of CONNECTIONS) {
    const settings = { url, path, connections, nextBody };
    await runLoad({ ...settings, seconds: WARMUP_SECONDS });
    const before = await count();
    const result = await runLoad({ ...settings, seconds });
    const stored = (await count()) - before;
    runs.push({ ...result, stored });
  }
  return runs;
}

/** One setup on a fresh database: start it, load it at each connection count, stop, drop. */
async function runSetup(setup: Setup, dir: string, seconds: number): Promise<SetupRuns> {
  const dbPath = join(dir, `throughput-${SETUPS.indexOf(setup)}.db`);
  let database: BenchDatabase | null = null;
  const servers: ChildServer[] = [];
  try {
    database = setup.engine === "postgres" ? await createBenchDatabase() : null;
    // With DATABASE_URL the path only says where a settings file would be (there is none).
    const env: Record<string, string> = database
      ? { DATABASE_URL: database.url, DATABASE_PATH: dbPath }
      : { DATABASE_PATH: dbPath };
    const first = await startInstance(env);
    servers.push(first);
    // The first instance makes the demo link; the others start once it exists, and make none.
    const linkId = (await first.waitForOutput(/\/s\/([A-Za-z0-9_-]{21,64})/))[1] ?? "";
    for (let i = 1; i < setup.instances; i++) servers.push(await startInstance(env));
    if (setup.proxy) {
      const upstreams = servers.map((s) => s.url).join(",");
      servers.push(
        await startChildServer("tests/bench/round-robin-proxy.ts", { UPSTREAMS: upstreams }),
      );
    }
    const target = setup.proxy ? servers[servers.length - 1] : first;
    const count = database ? database.countWhenSettled : () => countSqliteWhenSettled(dbPath);
    const runs = await loadTarget(target?.url ?? first.url, linkId, seconds, count);
    const problems = servers.map((s) => s.problems());
    return {
      ...setup,
      runs,
      serverErrors: problems.reduce((sum, p) => sum + p.serverErrors, 0),
      stderr: problems
        .map((p) => p.stderr.trim())
        .filter((s) => s !== "")
        .join("\n"),
    };
  } finally {
    try {
      await stopAll(servers);
    } finally {
      await database?.drop();
    }
  }
}

/**
 * The proxy first, then the instances: none is left writing to a database being dropped. Every one
 * is stopped even when one reports a stray error, which is then thrown.
 */
export async function stopAll(servers: ChildServer[]): Promise<void> {
  const failures: unknown[] = [];
  for (const server of [...servers].reverse()) await server.stop().catch((e) => failures.push(e));
  if (failures.length > 0) throw failures[0];
}

export async function benchScaleThroughput(dir: string, seconds: number): Promise<SetupRuns[]> {
  const results: SetupRuns[] = [];
  for (const setup of SETUPS) {
    console.log(`  ${setup.name}: ${CONNECTIONS.join(" and ")} connections, ${seconds} s each…`);
    results.push(await runSetup(setup, dir, seconds));
  }
  return results;
}
