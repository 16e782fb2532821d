// Fuzzing at scale against the real server (a child process): 10,000 hostile requests per /api
// route by default. Figures: statuses, 5xx (must be 0), refused requests that changed the
// database (must be 0), and the server's memory (RSS) per route, which must stay bounded.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { startChildServer } from "../support/child-server.ts";
import { DERIVED_TABLES, openFingerprinter } from "../support/db-fingerprint.ts";
import { createFuzzClient } from "../support/fuzz-client.ts";
import {
  describeApi,
  type FuzzEndpoint,
  fuzzEndpoints,
  fuzzRequests,
} from "../support/fuzz-endpoints.ts";
import { keepSignedIn, prepareFixtures, signInFirstAdmin } from "../support/fuzz-fixtures.ts";
import { type FuzzTarget, tryRequest } from "../support/fuzz-run.ts";
import { waitForAnswersCaughtUp } from "../support/stored-check.ts";
import { mb, memoryOf, slope } from "./server-memory.ts";

/** Growth of the server's RSS allowed after the first round (every route warmed up). */
export const RSS_GROWTH_BOUND_MB = 100;
const SAMPLE_CHUNK = 100;

export interface EndpointFigures {
  key: string;
  tried: number;
  accepted: number;
  serverErrors: number;
  storedFromInvalid: number;
  seconds: number;
  rssMB: number;
}

export interface FuzzFigures {
  seed: number;
  /** The routes fuzzed ("POST /admin/links"): every /api route the server registers. */
  endpoints: string[];
  bodiesPerEndpoint: number;
  totalBodies: number;
  /** Status → count over the whole run; "none" when no answer came at all. */
  statuses: Record<string, number>;
  serverErrors: number;
  storedFromInvalid: number;
  noAnswer: number;
  /** The first few problems, to read. */
  problems: string[];
  /** Access-log lines with a 5xx and stderr, as the server itself saw them. */
  serverSide: { serverErrors: number; stderr: string };
  /** After the indexer caught up, the long table holds exactly the stored responses' rows. */
  longTableMatches: boolean;
  perEndpoint: EndpointFigures[];
  rss: {
    startMB: number;
    /** At the end of each round (the same point of the cycle); the first is the baseline. */
    afterRoundMB: number[];
    endMB: number;
    peakMB: number;
    /** Highest end-of-round RSS after the first, minus the first. */
    growthMB: number;
    /** Least-squares slope of the end-of-round RSS: a leak climbs every round, noise does not. */
    trendMBPerRound: number;
    /** Highest RSS seen between requests (every 100), after round 1. */
    highestMB: number;
    boundMB: number;
  };
  seconds: number;
  /** No 5xx, nothing stored from a refused request, always an answer, memory within bound. */
  passed: boolean;
}

interface Tally {
  statuses: Record<string, number>;
  problems: string[];
  /** RSS every SAMPLE_CHUNK requests, to report the highest seen after round 1. */
  rssSamples: number[];
}

/** Sends `count` requests for one route, from offset `from` of its seeded sequence. */
async function fuzzSlice(
  target: FuzzTarget,
  e: FuzzEndpoint,
  figures: EndpointFigures,
  tally: Tally,
  at: { seed: number; from: number; count: number; pid: number | undefined },
) {
  const t0 = Date.now();
  const arbitrary = fuzzRequests(e);
  for (let done = 0; done < at.count; done += SAMPLE_CHUNK) {
    // In chunks: a thousand 1 MB bodies at once would measure our memory, not the server's.
    const numRuns = Math.min(SAMPLE_CHUNK, at.count - done);
    for (const request of fc.sample(arbitrary, { numRuns, seed: at.seed + at.from + done })) {
      const verdict = await tryRequest(target, e.key, request);
      const status = verdict.status ?? (verdict.problem ? "none" : "reset before the app");
      tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
      figures.tried++;
      if (verdict.status !== null && verdict.status < 400) figures.accepted++;
      if (verdict.status !== null && verdict.status >= 500) figures.serverErrors++;
      else if (verdict.problem && verdict.status !== null) figures.storedFromInvalid++;
      if (verdict.problem && tally.problems.length < 10) tally.problems.push(verdict.problem);
    }
    tally.rssSamples.push(memoryOf(at.pid).rss);
  }
  figures.seconds += (Date.now() - t0) / 1000;
  figures.rssMB = mb(memoryOf(at.pid).rss);
}

/**
 * Every route gets its share in each of `rounds` rounds. The first round warms every code path
 * and lets the heap and the allocator reach their working size; a leak shows as growth over
 * the rounds after it, where a one-off high-water mark does not.
 */
export async function benchFuzz({
  bodiesPerEndpoint = 10_000,
  rounds = 10,
  seed = 5_505,
}: {
  bodiesPerEndpoint?: number;
  rounds?: number;
  seed?: number;
} = {}): Promise<FuzzFigures> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), "survey-fuzz-"));
  const dbPath = join(dir, "survey.db");
  const server = await startChildServer("server/main.ts", {
    DATABASE_PATH: dbPath,
    SURVEYS_DIR: resolve("surveys"),
    DIST_DIR: resolve("dist"),
  });
  const client = createFuzzClient(server.url);
  const prints = openFingerprinter({ engine: "sqlite", dbPath });
  try {
    const setupToken = (await server.waitForOutput(/#setup=(\S+)/))[1] ?? "";
    const adminId = await signInFirstAdmin(client, setupToken);
    const codeCount = Math.min(5000, Math.max(50, Math.ceil(bodiesPerEndpoint / 4)));
    const fixtures = await prepareFixtures(client, adminId, codeCount);
    const endpoints = fuzzEndpoints(await describeApi(server.url), fixtures);
    const target: FuzzTarget = {
      client,
      prints,
      // The child's indexer runs on its own timer: its tables are checked at the end instead.
      settle: () => undefined,
      ignore: DERIVED_TABLES,
      keepSignedIn: () => keepSignedIn(client, prints, { engine: "sqlite", dbPath }, adminId),
    };
    const tally: Tally = { statuses: {}, problems: [], rssSamples: [] };
    const perEndpoint = endpoints.map(
      (e): EndpointFigures => ({
        key: e.key,
        tried: 0,
        accepted: 0,
        serverErrors: 0,
        storedFromInvalid: 0,
        seconds: 0,
        rssMB: 0,
      }),
    );
    const startRss = memoryOf(server.pid).rss;
    const roundCount = Math.max(1, Math.min(rounds, bodiesPerEndpoint));
    const afterRound: number[] = [];
    for (let round = 0; round < roundCount; round++) {
      const from = Math.floor((bodiesPerEndpoint * round) / roundCount);
      const count = Math.floor((bodiesPerEndpoint * (round + 1)) / roundCount) - from;
      for (const [i, e] of endpoints.entries()) {
        const figures = perEndpoint[i];
        if (!figures) continue;
        await fuzzSlice(target, e, figures, tally, {
          seed: seed + i * 1_000_003,
          from,
          count,
          pid: server.pid,
        });
      }
      afterRound.push(memoryOf(server.pid).rss);
      if (round === 0) tally.rssSamples.length = 0;
    }
    const end = memoryOf(server.pid);
    const longTableMatches = await longTableCaughtUp(prints, dbPath);
    const sum = (pick: (f: EndpointFigures) => number) =>
      perEndpoint.reduce((total, f) => total + pick(f), 0);
    // Compared at the same point of the cycle: between requests a 5 MB export in flight or a
    // heap not yet collected moves RSS by tens of MB without anything being kept.
    const baseline = afterRound[0] ?? startRss;
    const growth = mb(Math.max(baseline, ...afterRound) - baseline);
    const serverSide = server.problems();
    const serverErrors = sum((f) => f.serverErrors);
    const storedFromInvalid = sum((f) => f.storedFromInvalid);
    const noAnswer = tally.statuses.none ?? 0;
    return {
      seed,
      endpoints: endpoints.map((e) => e.key),
      bodiesPerEndpoint,
      totalBodies: sum((f) => f.tried),
      statuses: tally.statuses,
      serverErrors,
      storedFromInvalid,
      noAnswer,
      problems: tally.problems,
      serverSide,
      longTableMatches,
      perEndpoint,
      rss: {
        startMB: mb(startRss),
        afterRoundMB: afterRound.map(mb),
        endMB: mb(end.rss),
        peakMB: mb(end.hwm),
        growthMB: growth,
        trendMBPerRound: mb(slope(afterRound)),
        highestMB: mb(Math.max(0, ...tally.rssSamples)),
        boundMB: RSS_GROWTH_BOUND_MB,
      },
      seconds: (Date.now() - started) / 1000,
      passed:
        serverErrors + serverSide.serverErrors + storedFromInvalid + noAnswer === 0 &&
        longTableMatches &&
        growth < RSS_GROWTH_BOUND_MB,
    };
  } finally {
    client.close();
    await prints.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Waits for the indexer to drain, then checks the long table against the released responses. */
async function longTableCaughtUp(
  prints: ReturnType<typeof openFingerprinter>,
  dbPath: string,
): Promise<boolean> {
  await waitForAnswersCaughtUp(dbPath).catch(() => 0);
  const [row] = await prints.query<{
    stored: number | null;
    indexed: number;
    counted: number | null;
  }>(
    `SELECT (SELECT sum(json_array_length(answers)) FROM responses
              WHERE released_on IS NOT NULL) AS stored,
            (SELECT count(*) FROM answers) AS indexed,
            (SELECT sum(n) FROM answer_counts) AS counted`,
  );
  return (row?.stored ?? 0) === row?.indexed && (row?.counted ?? 0) === row?.indexed;
}

export function printFuzzFigures(f: FuzzFigures): void {
  const verdict = (ok: boolean) => (ok ? "ok" : "FAIL");
  const histogram = Object.entries(f.statuses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]) => `${status}×${n}`)
    .join("  ");
  console.log(
    `\nFuzzing (seed ${f.seed}): ${f.endpoints.length} routes × ${f.bodiesPerEndpoint} requests  ${f.passed ? "PASS" : "FAIL"}`,
  );
  console.log(`  ${f.totalBodies} requests in ${f.seconds.toFixed(0)} s; statuses: ${histogram}`);
  console.log(
    `  5xx: ${f.serverErrors} (server log: ${f.serverSide.serverErrors})  ${verdict(f.serverErrors === 0 && f.serverSide.serverErrors === 0)}`,
  );
  console.log(
    `  refused yet stored: ${f.storedFromInvalid}  ${verdict(f.storedFromInvalid === 0)}`,
  );
  console.log(`  no answer at all: ${f.noAnswer}  ${verdict(f.noAnswer === 0)}`);
  console.log(`  long table = stored responses after catch-up: ${verdict(f.longTableMatches)}`);
  const r = f.rss;
  console.log(
    `  server RSS: start ${r.startMB} MB, end ${r.endMB} MB, peak (VmHWM) ${r.peakMB} MB, highest between requests after round 1 ${r.highestMB} MB`,
  );
  console.log(
    `  server RSS at the end of each round: ${r.afterRoundMB.join(", ")} MB; growth after round 1 ${r.growthMB} MB (bound ${r.boundMB}), trend ${r.trendMBPerRound} MB/round  ${verdict(r.growthMB < r.boundMB)}`,
  );
  console.log(
    `  per route (all rounds): requests, accepted (2xx/3xx), seconds, RSS after its last slice`,
  );
  for (const e of f.perEndpoint)
    console.log(
      `    ${e.key.padEnd(34)} ${String(e.tried).padStart(6)} tried ${String(e.accepted).padStart(5)} accepted ${e.seconds.toFixed(1).padStart(6)} s  RSS ${e.rssMB} MB`,
    );
  for (const p of f.problems) console.log(`  ! ${p}`);
  if (f.serverSide.stderr) console.log(`  server stderr: ${f.serverSide.stderr.slice(0, 500)}`);
}
