// Crash rounds against the real server (server/main.ts as a child): load, SIGKILL at a seeded
// random moment, check the file read-only, restart on it, check again. Shared by test and bench.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { responseIdFor } from "../../server/ballot-box/response-ids.ts";
import { type ChildServer, startChildServer } from "./child-server.ts";
import { createLinksWithCli, type LinkSpec, readLinks } from "./cli-links.ts";
import { startLoad } from "./load-driver.ts";
import { seededRandom } from "./random-answers.ts";
import {
  type AnswerIndexCheck,
  checkAnswerIndex,
  checkStored,
  integrityCheck,
  type StoredCheck,
  waitForAnswersCaughtUp,
  wrongReceipts,
} from "./stored-check.ts";
import { createSubmissionMaker, loadTargets } from "./unique-submissions.ts";

export interface CrashOptions {
  rounds: number;
  connections: number;
  seed: number;
  /** Requests a round may send at most; a mid-load kill usually comes well before. */
  maxPerRound: number;
  /** The latest moment of a mid-load kill, in ms after the load starts. */
  maxKillMs: number;
  /** Links made with the CLI besides the demo link (responses go round-robin over all). */
  links?: LinkSpec[];
}

export interface CrashRoundFigures {
  round: number;
  /** Killed while requests were arriving, or just after a burst, while answers were expanded. */
  moment: "mid-load" | "after burst";
  killAfterMs: number;
  sent: number;
  acked: number;
  inFlightAtKill: number;
  /** Acknowledged responses (of every round so far) looked up in the file. */
  ackedChecked: number;
  afterKill: StoredCheck;
  afterRestart: StoredCheck;
  wrongReceipts: number;
  integrityAfterKill: string;
  integrityAfterRestart: string;
  /** Responses still waiting for their long-table rows in the crashed file. */
  pendingAtKill: number;
  catchUpMs: number;
  index: AnswerIndexCheck;
  serverErrors: number;
  passed: boolean;
}

export interface CrashFigures {
  rounds: CrashRoundFigures[];
  survived: number;
  ackedChecked: number;
  /** integrity_check once the last server has shut down cleanly. */
  integrityAtEnd: string;
  /** What the servers wrote to stderr (expected: nothing). */
  stderr: string;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export async function runCrashRounds(options: CrashOptions): Promise<CrashFigures> {
  const dir = mkdtempSync(join(tmpdir(), "survey-crash-"));
  const dbPath = join(dir, "survey.db");
  const env = { DATABASE_PATH: dbPath, SURVEYS_DIR: resolve("surveys"), DIST_DIR: resolve("dist") };
  const random = seededRandom(options.seed);
  let server: ChildServer = await startChildServer("server/main.ts", env);
  let stderr = "";
  try {
    await createLinksWithCli(env, options.links ?? []);
    const targets = await loadTargets(server.url, readLinks(dbPath));
    const maker = createSubmissionMaker(targets, options.seed);
    const acked = new Set<string>();
    const rounds: CrashRoundFigures[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      const midLoad = random() < 0.75;
      const killAfterMs = Math.round(
        midLoad ? 100 + random() * (options.maxKillMs - 100) : random() * 400,
      );
      const burst = midLoad ? options.maxPerRound : 20 + Math.floor(random() * 200);
      const load = startLoad({
        url: server.url,
        connections: options.connections,
        total: Math.min(burst, options.maxPerRound),
        submission: (i) => maker.make(i),
      });
      if (!midLoad) await load.done;
      await sleep(killAfterMs);
      load.stop();
      const inFlightAtKill = load.inFlight().length;
      await server.kill("SIGKILL");
      const report = await load.done;
      const problems = server.problems();
      stderr += problems.stderr;
      for (const r of report.records) if (r.acked) acked.add(responseIdFor(r.submissionId));

      const integrityAfterKill = integrityCheck(dbPath);
      const afterKill = checkStored(dbPath, maker.byResponseId, acked);
      const pendingAtKill = checkAnswerIndex(dbPath).pending;

      server = await startChildServer("server/main.ts", env);
      const catchUpMs = await waitForAnswersCaughtUp(dbPath);
      const afterRestart = checkStored(dbPath, maker.byResponseId, acked);
      const integrityAfterRestart = integrityCheck(dbPath);
      const index = checkAnswerIndex(dbPath);
      const figures: CrashRoundFigures = {
        round,
        moment: midLoad ? "mid-load" : "after burst",
        killAfterMs,
        sent: report.records.length,
        acked: report.ackedIds.length,
        inFlightAtKill,
        ackedChecked: acked.size,
        afterKill,
        afterRestart,
        wrongReceipts: wrongReceipts(report.records).length,
        integrityAfterKill,
        integrityAfterRestart,
        pendingAtKill,
        catchUpMs,
        index,
        serverErrors: report.serverErrors + problems.serverErrors,
        passed: false,
      };
      figures.passed = roundPassed(figures);
      rounds.push(figures);
    }
    await server.stop();
    stderr += server.problems().stderr;
    return {
      rounds,
      survived: rounds.filter((r) => r.passed).length,
      ackedChecked: acked.size,
      integrityAtEnd: integrityCheck(dbPath),
      stderr,
    };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function clean(check: StoredCheck): boolean {
  return check.lost.length === 0 && check.changed.length === 0 && check.unknown.length === 0;
}

function roundPassed(r: CrashRoundFigures): boolean {
  return (
    clean(r.afterKill) &&
    clean(r.afterRestart) &&
    r.wrongReceipts === 0 &&
    r.integrityAfterKill === "ok" &&
    r.integrityAfterRestart === "ok" &&
    r.index.pending === 0 &&
    r.index.wrongRows === 0 &&
    r.index.wrongCounts === 0 &&
    r.serverErrors === 0
  );
}
