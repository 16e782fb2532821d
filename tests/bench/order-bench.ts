// What the order protection costs (npm run bench -- order): how long rebuilding the file in key
// order takes at 1,652 and 100,000 responses, and submissions in bursts that each start the moment
// a rebuild does (the worst case), against the same server with the rebuild switched off, in the
// same run and on copies of the same preloaded database.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { startChildServer } from "../support/child-server.ts";
import { type RequestRecord, startLoad } from "../support/load-driver.ts";
import { preloadStore } from "./preload-store.ts";
import { fetchLinkSurvey, submissionBodies } from "./submission-body.ts";

const BURSTS = 5;
const BURST_MS = 3_000;
const CONNECTIONS = 32;
/** Longer than the quiet the server ever waits for before rebuilding (50 s: responses/upkeep.ts). */
const LONGEST_PAUSE_MS = 52_000;
/** A log this big, once the burst's own was emptied, is the rebuild writing the file through it. */
const REBUILDING_BYTES = 256 * 1024;

export interface BurstFigures {
  acked: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  failed: number;
}

export interface OrderFigures {
  responses: number;
  fileMb: number;
  /** Median of 3: VACUUM, then emptying the log. */
  rebuildMs: number;
  /** Bursts (after the first) that started while a rebuild was running. */
  burstsMeetingARebuild: number;
  withProtection: BurstFigures;
  without: BurstFigures;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

const preload = (count: number) => preloadStore(count, () => "2026-11-25");

function timeRebuild(store: ReturnType<typeof preload>): number {
  store.storage.truncateLog();
  return median(
    [1, 2, 3].map(() => {
      const started = performance.now();
      store.storage.rebuildFile();
      store.storage.truncateLog();
      return performance.now() - started;
    }),
  );
}

const walBytes = (dbPath: string) => {
  try {
    return statSync(`${dbPath}-wal`).size;
  } catch {
    return 0;
  }
};

/** Waits until a rebuild is seen writing (or `atMostMs`); returns how long, and whether it was. */
async function untilRebuild(dbPath: string, atMostMs: number) {
  const started = Date.now();
  const left = () => Date.now() - started < atMostMs;
  // First the burst's own log is folded in and emptied; a log growing again after that is the
  // rebuild writing the whole file through it.
  while (left() && walBytes(dbPath) > 0) await sleep(5);
  while (left()) {
    if (walBytes(dbPath) > REBUILDING_BYTES) return { ms: Date.now() - started, met: true };
    await sleep(5);
  }
  return { ms: Date.now() - started, met: false };
}

/**
 * BURSTS bursts. The first waits `pauses[0]` (the start's own rebuild passes meanwhile). With the
 * rebuild on, each later one starts the moment a rebuild does; the run without it waits the pauses
 * the run with it waited.
 */
async function bursts(script: string, dbPath: string, pauses: number[]) {
  const env = { DATABASE_PATH: dbPath, SURVEYS_DIR: resolve("surveys"), DIST_DIR: resolve("dist") };
  const server = await startChildServer(script, env);
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    const linkId = String(db.prepare("SELECT id FROM links LIMIT 1").pluck().get());
    db.close();
    const nextBody = submissionBodies(await fetchLinkSurvey(server.url, linkId));
    const records: RequestRecord[] = [];
    const waited: number[] = [];
    let met = 0;
    for (let burst = 0; burst < BURSTS; burst++) {
      const pause = pauses[burst];
      if (burst === 0 || pause !== undefined) {
        await sleep(pause ?? LONGEST_PAUSE_MS);
        waited.push(pause ?? LONGEST_PAUSE_MS);
      } else {
        const seen = await untilRebuild(dbPath, LONGEST_PAUSE_MS);
        if (seen.met) met += 1;
        waited.push(seen.ms);
      }
      const load = startLoad({
        url: server.url,
        connections: CONNECTIONS,
        total: 1_000_000,
        submission: () => {
          const body = nextBody();
          const submissionId = /"submissionId":"([^"]+)"/.exec(body)?.[1] ?? "";
          return { submissionId, path: `/api/links/${linkId}/responses`, body };
        },
      });
      await sleep(BURST_MS);
      load.stop();
      records.push(...(await load.done).records);
    }
    const acked = records.filter((r) => r.acked);
    const latencies = acked.map((r) => (r.finishedMs ?? r.startedMs) - r.startedMs);
    const figures: BurstFigures = {
      acked: acked.length,
      perSecond: acked.length / ((BURSTS * BURST_MS) / 1000),
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      maxMs: Math.max(0, ...latencies),
      failed: records.length - acked.length,
    };
    return { figures, waited, met };
  } finally {
    await server.stop();
  }
}

export async function benchOrderProtection(sizes: number[]): Promise<OrderFigures[]> {
  const figures: OrderFigures[] = [];
  for (const responses of sizes) {
    console.log(`  ${responses} responses: preloading, rebuilding, then bursts with and without…`);
    const store = preload(responses);
    const dir = mkdtempSync(join(tmpdir(), "order-bench-"));
    try {
      const rebuildMs = timeRebuild(store);
      const fileMb = statSync(store.dbPath).size / 1e6;
      store.closeStorage();
      const copy = (name: string) => {
        const path = join(dir, name, "survey.db");
        mkdirSync(join(dir, name));
        copyFileSync(store.dbPath, path);
        return path;
      };
      const first = Math.max(6_000, rebuildMs * 2 + 6_000);
      const on = await bursts("server/main.ts", copy("with"), [first]);
      const off = await bursts("tests/bench/server-without-rebuild.ts", copy("without"), on.waited);
      figures.push({
        responses,
        fileMb,
        rebuildMs,
        burstsMeetingARebuild: on.met,
        withProtection: on.figures,
        without: off.figures,
      });
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return figures;
}

export function printOrderFigures(rows: OrderFigures[]): void {
  console.log("\nOrder protection: rebuild time, and submissions in bursts with and without it");
  console.log(
    `(${BURSTS} bursts of ${BURST_MS / 1000} s at ${CONNECTIONS} connections; with it on, each burst after the first starts the moment a rebuild does)`,
  );
  console.log(
    "| responses | file | rebuild (median of 3) | bursts meeting a rebuild | with: acked/s | p50 | p99 | max | without: acked/s | p50 | p99 | max | ratio |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const r of rows) {
    const w = r.withProtection;
    const o = r.without;
    console.log(
      `| ${r.responses.toLocaleString("en")} | ${r.fileMb.toFixed(1)} MB | ${Math.round(r.rebuildMs)} ms | ${r.burstsMeetingARebuild} of ${BURSTS - 1} | ${Math.round(w.perSecond)} | ${Math.round(w.p50Ms)} ms | ${Math.round(w.p99Ms)} ms | ${Math.round(w.maxMs)} ms | ${Math.round(o.perSecond)} | ${Math.round(o.p50Ms)} ms | ${Math.round(o.p99Ms)} ms | ${Math.round(o.maxMs)} ms | ${Math.round((100 * w.perSecond) / Math.max(1, o.perSecond))} % |`,
    );
    if (w.failed + o.failed > 0)
      console.log(`  unacknowledged: with ${w.failed}, without ${o.failed}`);
  }
}
