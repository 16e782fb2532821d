// `npm run bench`: page bytes, durable-server vs bare-baseline submission throughput, tabulation,
// slips, results, the order protection, then the proofs; `npm run bench -- results`, `-- order`,
// `-- analysts`, `-- prove` or `-- scale` (SQLite against PostgreSQL) runs one part alone.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { type ChildServer, startChildServer } from "../support/child-server.ts";
import { benchAnalysts, printAnalystsFigures } from "./analysts-bench.ts";
import { type MeasuredRun, runLoad, type ServerRuns } from "./load.ts";
import { benchOrderProtection, printOrderFigures } from "./order-bench.ts";
import { measurePage, type PageBytes } from "./page-bytes.ts";
import { printResultsFigures } from "./print-banner.ts";
import {
  printPageBytes,
  printSlipSheet,
  printTabulation,
  printThroughput,
  type ThroughputRow,
} from "./print-results.ts";
import { printProofSummary, runProofs } from "./prove.ts";
import { benchResults } from "./results-bench.ts";
import { mainScaleOnly } from "./scale-bench.ts";
import { BENCH_SLIPS, benchSlipSheet } from "./slip-sheet.ts";
import { mainStartupOnly } from "./startup-bench.ts";
import { mainStuffingOnly } from "./stuffing-bench.ts";
import { fetchLinkSurvey, submissionBodies } from "./submission-body.ts";
import { benchTabulation } from "./tabulation-query.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 2;
const CONNECTIONS = [50, 200];
const TABULATION_RESPONSES = Number(process.env.BENCH_TAB_RESPONSES ?? 100_000);
const RESULTS = resolve("tests/bench/results/latest.json");
const RESULTS_SIZES = [1652, Number(process.env.BENCH_RESULTS_RESPONSES ?? 100_000)];

/** Counts a table's rows on a read-only connection, waiting until in-flight commits settle. */
async function countWhenSettled(dbPath: string, table: string): Promise<number> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  const read = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`);
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

async function loadServer(
  server: ChildServer,
  dbPath: string,
  path: string,
  nextBody: () => string,
): Promise<ServerRuns> {
  const runs: MeasuredRun[] = [];
  for (const connections of CONNECTIONS) {
    const settings = { url: server.url, path, connections, nextBody };
    await runLoad({ ...settings, seconds: WARMUP_SECONDS });
    const before = await countWhenSettled(dbPath, "responses");
    const result = await runLoad({ ...settings, seconds: SECONDS });
    const stored = (await countWhenSettled(dbPath, "responses")) - before;
    runs.push({ ...result, stored });
  }
  return { runs, ...server.problems() };
}

function ensureBuilt(): string | null {
  if (existsSync("dist/.vite/manifest.json")) return null;
  console.log("dist/ is missing: running npm run build…");
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  return build.status === 0 ? null : `npm run build failed (exit ${build.status})`;
}

async function benchDurable(dir: string) {
  const dbPath = join(dir, "survey.db");
  const server = await startChildServer("server/main.ts", {
    DATABASE_PATH: dbPath,
    SURVEYS_DIR: resolve("surveys"),
    DIST_DIR: resolve("dist"),
  });
  try {
    const linkId = (await server.waitForOutput(/\/s\/([A-Za-z0-9_-]{21,64})/))[1]!;
    let page: PageBytes | { unavailable: string };
    try {
      page = await measurePage(server.url, linkId);
    } catch (error) {
      page = { unavailable: String(error) };
    }
    const nextBody = submissionBodies(await fetchLinkSurvey(server.url, linkId));
    const path = `/api/links/${linkId}/responses`;
    const probe = await fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: nextBody(),
    });
    if (probe.status !== 201)
      throw new Error(`the bench body was refused: ${probe.status} ${await probe.text()}`);
    return { page, nextBody, load: await loadServer(server, dbPath, path, nextBody) };
  } finally {
    await server.stop();
  }
}

async function benchBaseline(dir: string, nextBody: () => string) {
  const dbPath = join(dir, "baseline.db");
  const server = await startChildServer("tests/bench/baseline-server.ts", {
    DATABASE_PATH: dbPath,
  });
  try {
    return await loadServer(server, dbPath, "/api/links/baseline/responses", nextBody);
  } finally {
    await server.stop();
  }
}

async function main() {
  const buildProblem = ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), "survey-bench-"));
  try {
    const durable = await benchDurable(dir);
    const page = buildProblem ? { unavailable: buildProblem } : durable.page;
    const baseline = await benchBaseline(dir, durable.nextBody);
    const rows: ThroughputRow[] = CONNECTIONS.map((connections, i) => ({
      connections,
      durable: durable.load.runs[i]!,
      baseline: baseline.runs[i]!,
    }));
    printPageBytes(page);
    printThroughput(rows, durable.load, baseline);
    console.log(`\nStoring ${TABULATION_RESPONSES} responses for the tabulation query…`);
    const tabulation = benchTabulation(TABULATION_RESPONSES);
    printTabulation(tabulation);
    console.log(`\nRendering and printing ${BENCH_SLIPS} code slips in Chromium…`);
    const slipSheet = await benchSlipSheet().catch((error) => ({ unavailable: String(error) }));
    printSlipSheet(slipSheet);
    console.log("\nResults: generating responses, tabulating, downloading the workbook…");
    const results = await benchResults(RESULTS_SIZES);
    printResultsFigures(results);
    console.log("\nOrder protection: rebuilding the file, and bursts with and without it…");
    const order = await benchOrderProtection(RESULTS_SIZES);
    printOrderFigures(order);
    mkdirSync(resolve(RESULTS, ".."), { recursive: true });
    const figures = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: availableParallelism(),
      seconds: SECONDS,
      page,
      throughput: rows,
      tabulation,
      slipSheet,
      results,
      order,
      durableServer: { serverErrors: durable.load.serverErrors, stderr: durable.load.stderr },
      baselineServer: { serverErrors: baseline.serverErrors, stderr: baseline.stderr },
    };
    console.log("\nProofs: load, crashes, fuzzing, XSS, backup (npm run bench -- prove alone)…");
    const proofs = await runProofs();
    printProofSummary(proofs);
    writeFileSync(RESULTS, `${JSON.stringify({ ...figures, proofs }, null, 2)}\n`);
    console.log(`\nFigures written to ${RESULTS}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `npm run bench -- results` runs the results bench alone. */
async function mainResultsOnly() {
  const buildProblem = ensureBuilt();
  if (buildProblem) console.log(buildProblem);
  const results = await benchResults(RESULTS_SIZES);
  printResultsFigures(results);
  mkdirSync(resolve(RESULTS, ".."), { recursive: true });
  const file = resolve(RESULTS, "../latest-results.json");
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`);
  console.log(`\nFigures written to ${file}`);
}

/** `npm run bench -- order` prices the order protection alone. */
async function mainOrderOnly() {
  const buildProblem = ensureBuilt();
  if (buildProblem) console.log(buildProblem);
  const order = await benchOrderProtection(RESULTS_SIZES);
  printOrderFigures(order);
  mkdirSync(resolve(RESULTS, ".."), { recursive: true });
  const file = resolve(RESULTS, "../latest-order.json");
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), order }, null, 2)}\n`);
  console.log(`\nFigures written to ${file}`);
}

/** `npm run bench -- prove` runs the long versions of the load, crash, fuzz, XSS and backup proofs. */
async function mainProofsOnly() {
  const buildProblem = ensureBuilt();
  if (buildProblem) console.log(buildProblem);
  const proofs = await runProofs();
  printProofSummary(proofs);
  mkdirSync(resolve(RESULTS, ".."), { recursive: true });
  const file = resolve(RESULTS, "../latest-proofs.json");
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), proofs }, null, 2)}\n`);
  console.log(`\nFigures written to ${file}`);
}

/** `npm run bench -- analysts`: submissions with and without analysts looping, in one run. */
async function mainAnalystsOnly() {
  const buildProblem = ensureBuilt();
  if (buildProblem) console.log(buildProblem);
  const responses = Number(process.env.BENCH_ANALYSTS_RESPONSES ?? 100_000);
  const analysts = await benchAnalysts(responses, Number(process.env.BENCH_ANALYSTS_SECONDS ?? 30));
  printAnalystsFigures(analysts);
  mkdirSync(resolve(RESULTS, ".."), { recursive: true });
  const file = resolve(RESULTS, "../latest-analysts.json");
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), analysts }, null, 2)}\n`);
  console.log(`\nFigures written to ${file}`);
}

const modes: Record<string, () => Promise<void>> = {
  results: mainResultsOnly,
  order: mainOrderOnly,
  analysts: mainAnalystsOnly,
  prove: mainProofsOnly,
  stuffing: mainStuffingOnly,
  startup: mainStartupOnly,
  scale: mainScaleOnly,
};
await (modes[process.argv[2] ?? ""] ?? main)();
