// `npm run bench -- scale` (issue 16): SQLite, PostgreSQL, and two PostgreSQL instances behind a
// round-robin, in one run: durable submissions and their ratio to SQLite, then the full banner and
// the workbook per engine. Needs the build (dist/server/main.js) and a PostgreSQL server
// (TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test) to make its databases on.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { benchServerUrl } from "./bench-postgres.ts";
import { printScaleResults, printScaleThroughput } from "./print-scale.ts";
import { benchScaleResults } from "./scale-results.ts";
import { benchScaleThroughput, serverEntry } from "./scale-throughput.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RESPONSES = Number(process.env.BENCH_SCALE_RESPONSES ?? 100_000);
const RESULTS = resolve("tests/bench/results/latest-scale.json");

/** The figures depend on these: PostgreSQL's durability settings, printed with them. */
async function postgresSettings(): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: benchServerUrl });
  await client.connect();
  try {
    const settings: Record<string, string> = {};
    for (const name of ["server_version", "fsync", "synchronous_commit", "shared_buffers"]) {
      const { rows } = await client.query<{ setting: string }>(
        "SELECT current_setting($1) AS setting",
        [name],
      );
      settings[name] = rows[0]?.setting ?? "";
    }
    return settings;
  } finally {
    await client.end();
  }
}

export async function mainScaleOnly() {
  if (!existsSync("dist/server/main.js")) {
    console.log("dist/server/main.js is missing: running npm run build…");
    const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
    if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status})`);
  }
  const where = new URL(benchServerUrl);
  const postgres = await postgresSettings().catch((error: unknown) => {
    throw new Error(
      `no PostgreSQL at ${where.host}${where.pathname} (TEST_DATABASE_URL): ${error}`,
    );
  });
  console.log(
    `PostgreSQL ${postgres.server_version} at ${where.host} (fsync ${postgres.fsync}, synchronous_commit ${postgres.synchronous_commit})`,
  );
  const server = serverEntry();
  if (server.endsWith(".ts"))
    console.log(
      "⚠ dist/ lacks server/storage/postgres/migrations (server/deploy/build.mjs does not copy them):\n" +
        "  every instance runs from the sources under tsx instead of dist/server/main.js.",
    );
  const dir = mkdtempSync(join(tmpdir(), "survey-scale-"));
  try {
    console.log("\nScale: durable submissions per setup…");
    const throughput = await benchScaleThroughput(dir, SECONDS);
    printScaleThroughput(throughput, SECONDS);
    console.log(`\nScale: the full banner and the workbook at ${RESPONSES} responses…`);
    const results = await benchScaleResults(RESPONSES, dir);
    printScaleResults(results);
    mkdirSync(resolve(RESULTS, ".."), { recursive: true });
    const scale = {
      node: process.version,
      server,
      cpus: availableParallelism(),
      seconds: SECONDS,
      postgres,
      throughput,
      results,
    };
    const date = new Date().toISOString();
    writeFileSync(RESULTS, `${JSON.stringify({ date, scale }, null, 2)}\n`);
    console.log(`\nFigures written to ${RESULTS}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
