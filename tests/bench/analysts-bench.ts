// Do analysts stall respondents? (npm run bench -- analysts) On 100,000 preloaded responses, the
// real server takes a steady stream of submissions, first alone, then while 3 analysts loop over
// results views (different banners and filters) and downloads (xlsx, docx), then alone again: in
// one run, on one server. Prints submit p99 with and without analysts, their ratio, and what the
// analysts themselves got done.
import { statSync } from "node:fs";
import { Agent, request } from "node:http";
import { resolve } from "node:path";
import Database from "better-sqlite3";
import { createAccount, issueApiToken } from "../../server/admin/accounts.ts";
import { startChildServer } from "../support/child-server.ts";
import { preloadStore } from "./preload-store.ts";
import { fetchLinkSurvey, submissionBodies } from "./submission-body.ts";

const RESPONDENTS = 8;
/** Each respondent's pause between submissions: a steady stream, not a saturating flood. */
const THINK_MS = 20;
const ANALYSTS = 3;
const DAYS = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, "0")}`);
const ANALYST_REQUESTS = [
  { kind: "view", path: "/admin/results?survey=political-ecology" },
  { kind: "view", path: "/admin/results?survey=political-ecology&banner=Q2" },
  { kind: "view", path: "/admin/results?survey=political-ecology&banner=Q3&from=2026-11-05" },
  { kind: "xlsx", path: "/admin/results/export.xlsx?survey=political-ecology" },
  { kind: "docx", path: "/admin/results/report.docx?survey=political-ecology&banner=Q2" },
];

export interface SubmitFigures {
  acked: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface AnalystsFigures {
  responses: number;
  seconds: number;
  /** The first view and download of each kind, before measuring: the ledger's first write. */
  warmUpMs: Record<string, number>;
  alone: SubmitFigures;
  withAnalysts: SubmitFigures;
  ratio: number;
  analysts: { kind: string; done: number; perMinute: number; p50Ms: number; statuses: string }[];
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

const preload = (count: number) =>
  preloadStore(count, (i) => DAYS[i % DAYS.length] ?? "2026-11-01");

/** One HTTP request on a keep-alive agent; resolves with the status once the body is read. */
function send(agent: Agent, url: string, method: string, path: string, headers = {}, body = "") {
  return new Promise<number>((done, fail) => {
    const req = request(`${url}${path}`, { agent, method, headers }, (res) => {
      res.on("data", () => {});
      res.on("end", () => done(res.statusCode ?? 0));
      res.on("error", fail);
    });
    req.on("error", fail);
    req.end(body);
  });
}

/** RESPONDENTS loops of submit, pause; returns a stop() that resolves with every latency. */
function respond(url: string, linkId: string, nextBody: () => string) {
  const agent = new Agent({ keepAlive: true, maxSockets: RESPONDENTS });
  const latencies: number[] = [];
  let failed = 0;
  let stopped = false;
  const headers = { "Content-Type": "application/json" };
  const loop = async () => {
    while (!stopped) {
      const started = performance.now();
      const status = await send(
        agent,
        url,
        "POST",
        `/api/links/${linkId}/responses`,
        headers,
        nextBody(),
      );
      if (status === 201) latencies.push(performance.now() - started);
      else failed += 1;
      await sleep(THINK_MS);
    }
  };
  const loops = Array.from({ length: RESPONDENTS }, loop);
  return async () => {
    stopped = true;
    await Promise.all(loops);
    agent.destroy();
    if (failed > 0) console.log(`  ${failed} submissions not acknowledged`);
    return latencies;
  };
}

/** ANALYSTS loops over ANALYST_REQUESTS, each starting at a different one. */
function analyse(url: string, secret: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: ANALYSTS });
  const headers = { Authorization: `Bearer ${secret}` };
  const done: { kind: string; ms: number; status: number; finished: number }[] = [];
  let stopped = false;
  const loop = async (_: unknown, analyst: number) => {
    for (let i = analyst; !stopped; i++) {
      const { kind, path } = ANALYST_REQUESTS[i % ANALYST_REQUESTS.length] ?? {
        kind: "",
        path: "",
      };
      const started = performance.now();
      const status = await send(agent, url, "GET", `/api${path}`, headers);
      const finished = performance.now();
      done.push({ kind, ms: finished - started, status, finished });
    }
  };
  const loops = Array.from({ length: ANALYSTS }, loop);
  return async () => {
    stopped = true;
    await Promise.all(loops);
    agent.destroy();
    return done;
  };
}

const walBytes = (dbPath: string) => {
  try {
    return statSync(`${dbPath}-wal`).size;
  } catch {
    return 0;
  }
};

/** The start rebuilds the file once it is quiet (responses/upkeep.ts): measure after that. */
async function untilStartRebuildDone(dbPath: string) {
  const started = Date.now();
  while (Date.now() - started < 20_000 && walBytes(dbPath) < 256 * 1024) await sleep(50);
  while (Date.now() - started < 120_000 && walBytes(dbPath) > 0) await sleep(50);
}

function submitFigures(latencies: number[]): SubmitFigures {
  return {
    acked: latencies.length,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    maxMs: Math.max(0, ...latencies),
  };
}

export async function benchAnalysts(responses: number, seconds: number): Promise<AnalystsFigures> {
  console.log(`  preloading ${responses} responses…`);
  const store = preload(responses);
  try {
    const analyst = await createAccount(
      store.stores,
      { username: "bench", displayName: "bench", role: "analyst", password: "bench-password-1" },
      new Date(),
    );
    if (!analyst) throw new Error("could not create the bench account");
    const { secret } = await issueApiToken(store.stores, analyst, "bench", new Date());
    store.closeStorage();
    const db = new Database(store.dbPath, { readonly: true, fileMustExist: true });
    const linkId = String(db.prepare("SELECT id FROM links LIMIT 1").pluck().get());
    db.close();
    const server = await startChildServer("server/main.ts", {
      DATABASE_PATH: store.dbPath,
      SURVEYS_DIR: resolve("surveys"),
      DIST_DIR: resolve("dist"),
    });
    try {
      console.log("  waiting for the start's file rebuild…");
      await untilStartRebuildDone(store.dbPath);
      const nextBody = submissionBodies(await fetchLinkSurvey(server.url, linkId));
      console.log("  warming up: each analyst request once…");
      const warmAgent = new Agent({ keepAlive: true });
      const warmUpMs: Record<string, number> = {};
      for (const { kind, path } of ANALYST_REQUESTS) {
        const started = performance.now();
        const status = await send(warmAgent, server.url, "GET", `/api${path}`, {
          Authorization: `Bearer ${secret}`,
        });
        warmUpMs[`${kind} ${path.split("?")[1]}`] = performance.now() - started;
        if (status !== 200) console.log(`  warm-up ${path}: HTTP ${status}`);
      }
      warmAgent.destroy();

      console.log(
        `  submissions alone ${seconds / 2} s, with ${ANALYSTS} analysts ${seconds} s, alone ${seconds / 2} s…`,
      );
      let stop = respond(server.url, linkId, nextBody);
      await sleep((seconds / 2) * 1000);
      const alone = await stop();
      // Submissions are measured for exactly `seconds` of analysts at work; the analysts' requests
      // still running then finish before the last phase, with no submission meanwhile.
      const stopAnalysts = analyse(server.url, secret);
      const from = performance.now();
      stop = respond(server.url, linkId, nextBody);
      await sleep(seconds * 1000);
      const withAnalysts = await stop();
      const until = performance.now();
      console.log("  letting the analysts' last requests finish…");
      const analysed = (await stopAnalysts()).filter((a) => a.finished <= until);
      stop = respond(server.url, linkId, nextBody);
      await sleep((seconds / 2) * 1000);
      alone.push(...(await stop()));
      const { stderr } = server.problems();
      if (stderr.trim()) console.log(`  server stderr: ${stderr.trim().slice(0, 500)}`);
      const window = (until - from) / 1000;

      const aloneFigures = submitFigures(alone);
      const withFigures = submitFigures(withAnalysts);
      const kinds = [...new Set(ANALYST_REQUESTS.map((r) => r.kind))];
      return {
        responses,
        seconds,
        warmUpMs,
        alone: aloneFigures,
        withAnalysts: withFigures,
        ratio: withFigures.p99Ms / Math.max(1, aloneFigures.p99Ms),
        analysts: kinds.map((kind) => {
          const of = analysed.filter((a) => a.kind === kind);
          const statuses = new Map<number, number>();
          for (const a of of) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
          return {
            kind,
            done: of.length,
            perMinute: (of.length * 60) / window,
            p50Ms: percentile(
              of.map((a) => a.ms),
              0.5,
            ),
            statuses: [...statuses].map(([s, n]) => `${n}×${s}`).join(" "),
          };
        }),
      };
    } finally {
      await server.stop();
    }
  } finally {
    store.close();
  }
}

export function printAnalystsFigures(f: AnalystsFigures): void {
  const ms = (x: number) => `${Math.round(x)} ms`;
  console.log(
    `\nAnalysts vs respondents at ${f.responses.toLocaleString("en")} responses (${RESPONDENTS} respondents, ${THINK_MS} ms pause each; ${ANALYSTS} analysts looping)`,
  );
  console.log("| submissions | acked | p50 | p99 | max |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const [label, s] of [
    ["alone", f.alone],
    ["with analysts", f.withAnalysts],
  ] as const)
    console.log(`| ${label} | ${s.acked} | ${ms(s.p50Ms)} | ${ms(s.p99Ms)} | ${ms(s.maxMs)} |`);
  console.log(`p99 ratio (with / alone): ${f.ratio.toFixed(2)} (target ≤ 1.5)`);
  console.log(`\nAnalysts' own throughput (requests finished within the ${f.seconds} s):`);
  console.log("| request | done | per minute | p50 | statuses |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const a of f.analysts)
    console.log(
      `| ${a.kind} | ${a.done} | ${a.perMinute.toFixed(1)} | ${ms(a.p50Ms)} | ${a.statuses} |`,
    );
  console.log("\nWarm-up (each once, before measuring; the first publication writes the ledger):");
  for (const [what, took] of Object.entries(f.warmUpMs)) console.log(`  ${what}: ${ms(took)}`);
}
