// The long durability proofs against the real server (server/main.ts as a child): 10,000
// submissions over 200 connections with nothing lost, reordered or logged; then 20 crash rounds.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { receiptFor, responseIdFor } from "../../server/ballot-box/response-ids.ts";
import { startChildServer } from "../support/child-server.ts";
import { createLinksWithCli, type LinkSpec, readLinks } from "../support/cli-links.ts";
import { type CrashFigures, runCrashRounds } from "../support/crash-round.ts";
import { runLoad } from "../support/load-driver.ts";
import { countLeaks } from "../support/output-leaks.ts";
import { spearman } from "../support/rank-correlation.ts";
import {
  type AnswerIndexCheck,
  checkAnswerIndex,
  checkStored,
  integrityCheck,
  storedIds,
  waitForAnswersCaughtUp,
  wrongReceipts,
} from "../support/stored-check.ts";
import { createSubmissionMaker, loadTargets } from "../support/unique-submissions.ts";
import { printTable } from "./print-results.ts";

/** Shared links besides the demo link: two open channels and one locked to a category. */
const LINKS: LinkSpec[] = [
  { label: "县直单位" },
  { label: "乡镇党委", category: "I" },
  { label: "学校医院" },
];
/** Storage order must say nothing about submission order. */
export const RHO_LIMIT = 0.1;

export interface LoadDurabilityFigures {
  connections: number;
  links: number;
  sent: number;
  acked: number;
  stored: number;
  /** Acknowledged but not stored. */
  lost: number;
  /** Stored but never acknowledged (e.g. cut off in flight); must be 0 with no crash. */
  unacknowledgedStored: number;
  /** Acknowledged twice, or answered 200 "already stored" although every id was new. */
  duplicated: number;
  /** Stored rows that differ from what was sent, or that no submission explains. */
  changed: number;
  unknown: number;
  wrongReceipts: number;
  serverErrors: number;
  connectionErrors: number;
  statusCounts: Record<string, number>;
  elapsedMs: number;
  throughput: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Spearman's ρ between acknowledgement (or send) order and `SELECT id FROM responses` order. */
  rhoAckOrder: number;
  rhoSendOrder: number;
  /** Hits in everything the server printed after its startup banner (which shows the demo link). */
  leaks: Record<string, number>;
  leakBytesSearched: number;
  /** Positive control: the same search finds the demo link in the banner itself. */
  bannerLinkHits: number;
  integrity: string;
  catchUpMs: number;
  index: AnswerIndexCheck;
  passed: boolean;
}

export async function benchDurableLoad({
  responses = 10_000,
  connections = 200,
  seed = 10_000,
} = {}): Promise<LoadDurabilityFigures> {
  const dir = mkdtempSync(join(tmpdir(), "survey-durable-"));
  const dbPath = join(dir, "survey.db");
  const env = { DATABASE_PATH: dbPath, SURVEYS_DIR: resolve("surveys"), DIST_DIR: resolve("dist") };
  const server = await startChildServer("server/main.ts", env, { keepOutput: true });
  try {
    await server.waitForOutput(/Admin console: .*\n/);
    await createLinksWithCli(env, LINKS);
    // Everything up to here is the startup banner: the demo link and setup link, on purpose.
    const bannerEnd = server.output().length;
    const links = readLinks(dbPath);
    const maker = createSubmissionMaker(await loadTargets(server.url, links), seed);
    const report = await runLoad({
      url: server.url,
      connections,
      total: responses,
      submission: (i) => maker.make(i),
    });
    const catchUpMs = await waitForAnswersCaughtUp(server.url);
    await server.stop();

    const ackedIds = new Set(report.ackedIds.map(responseIdFor));
    const stored = checkStored(dbPath, maker.byResponseId, ackedIds);
    const order = storedIds(dbPath);
    const ackSeq = new Map(report.ackedIds.map((id, seq) => [responseIdFor(id), seq]));
    const sendSeq = new Map(report.sentIds.map((id, seq) => [responseIdFor(id), seq]));
    const pairs = order.flatMap((id, position) => {
      const acked = ackSeq.get(id);
      const sent = sendSeq.get(id);
      return acked === undefined || sent === undefined ? [] : [{ position, acked, sent }];
    });
    const output = server.output();
    const sent = [...maker.byResponseId.values()];
    const leaks = countLeaks(output.slice(bannerEnd), {
      responseIds: order,
      submissionIds: sent.map((s) => s.submissionId),
      receipts: sent.map((s) => receiptFor(s.submissionId)),
      linkIds: links.map((l) => l.id),
      texts: sent.flatMap((s) => [...s.texts, ...s.markers]),
    });
    const bannerLinkHits =
      countLeaks(output.slice(0, bannerEnd), { linkIds: links.map((l) => l.id) }).linkIds ?? 0;
    const replays = report.records.filter((r) => r.status === 200).length;
    const figures: LoadDurabilityFigures = {
      connections,
      links: links.length,
      sent: report.records.length,
      acked: ackedIds.size,
      stored: stored.stored,
      lost: stored.lost.length,
      unacknowledgedStored: order.filter((id) => !ackedIds.has(id)).length,
      duplicated: report.ackedIds.length - ackedIds.size + replays,
      changed: stored.changed.length,
      unknown: stored.unknown.length,
      wrongReceipts: wrongReceipts(report.records).length,
      serverErrors: report.serverErrors + server.problems().serverErrors,
      connectionErrors: report.connectionErrors,
      statusCounts: report.statusCounts,
      elapsedMs: report.elapsedMs,
      throughput: report.throughput,
      p50Ms: report.p50Ms,
      p95Ms: report.p95Ms,
      p99Ms: report.p99Ms,
      rhoAckOrder: spearman(
        pairs.map((p) => p.position),
        pairs.map((p) => p.acked),
      ),
      rhoSendOrder: spearman(
        pairs.map((p) => p.position),
        pairs.map((p) => p.sent),
      ),
      leaks,
      leakBytesSearched: output.length - bannerEnd,
      bannerLinkHits,
      integrity: integrityCheck(dbPath),
      catchUpMs,
      index: checkAnswerIndex(dbPath),
      passed: false,
    };
    figures.passed = loadPassed(figures, responses);
    return figures;
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function loadPassed(f: LoadDurabilityFigures, responses: number): boolean {
  const leaked = Object.values(f.leaks).reduce((a, b) => a + b, 0);
  return (
    f.acked === responses &&
    f.stored === f.acked &&
    f.lost + f.unacknowledgedStored + f.duplicated + f.changed + f.unknown === 0 &&
    f.wrongReceipts + f.serverErrors === 0 &&
    Math.abs(f.rhoAckOrder) < RHO_LIMIT &&
    Math.abs(f.rhoSendOrder) < RHO_LIMIT &&
    leaked === 0 &&
    f.bannerLinkHits > 0 &&
    f.integrity === "ok" &&
    f.index.pending + f.index.wrongRows + f.index.wrongCounts === 0
  );
}

export interface CrashBenchFigures extends CrashFigures {
  passed: boolean;
}

export async function benchCrashes({ rounds = 20, connections = 50, seed = 20 } = {}) {
  const figures = await runCrashRounds({
    rounds,
    connections,
    seed,
    maxPerRound: 5_000,
    maxKillMs: 3_000,
    links: LINKS,
  });
  const passed =
    figures.survived === rounds && figures.integrityAtEnd === "ok" && figures.stderr === "";
  return { ...figures, passed } satisfies CrashBenchFigures;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");

export function printDurableLoad(f: LoadDurabilityFigures) {
  const leaked = Object.values(f.leaks).reduce((a, b) => a + b, 0);
  printTable(
    `Durable load: ${f.sent} submissions, ${f.connections} connections, ${f.links} shared links`,
    ["figure", "value", "goal", ""],
    [
      ["acknowledged (2xx with receipt)", String(f.acked), String(f.sent), ""],
      ["stored", String(f.stored), "= acknowledged", verdict(f.stored === f.acked)],
      ["lost / duplicated / changed", `${f.lost} / ${f.duplicated} / ${f.changed}`, "0", ""],
      ["stored, not acknowledged / unknown", `${f.unacknowledgedStored} / ${f.unknown}`, "0", ""],
      ["5xx / connection errors", `${f.serverErrors} / ${f.connectionErrors}`, "0", ""],
      ["throughput (acked/s)", f.throughput.toFixed(0), "", ""],
      ["latency p50 / p95 / p99", `${ms(f.p50Ms)} / ${ms(f.p95Ms)} / ${ms(f.p99Ms)}`, "", ""],
      ["|ρ| ack order vs storage order", Math.abs(f.rhoAckOrder).toFixed(4), `< ${RHO_LIMIT}`, ""],
      [
        "|ρ| send order vs storage order",
        Math.abs(f.rhoSendOrder).toFixed(4),
        `< ${RHO_LIMIT}`,
        "",
      ],
      ["ids/texts in output after the banner", String(leaked), "0", JSON.stringify(f.leaks)],
      ["(control) demo link in the banner", String(f.bannerLinkHits), "≥ 1", ""],
      ["integrity_check", f.integrity, "ok", ""],
      ["long table caught up in", ms(f.catchUpMs), "", JSON.stringify(f.index)],
      ["overall", "", "", verdict(f.passed)],
    ],
  );
  console.log(
    `(${(f.leakBytesSearched / 1024).toFixed(0)} KB of stdout+stderr searched, from after the ` +
      "listening banner to exit; statuses " +
      `${JSON.stringify(f.statusCounts)})`,
  );
}

export function printCrashes(f: CrashBenchFigures) {
  printTable(
    `Crash rounds: SIGKILL at a random moment, restart on the same file (${f.survived}/${f.rounds.length} survived)`,
    [
      "round",
      "moment",
      "kill at",
      "sent",
      "acked",
      "in flight",
      "pending rows",
      "checked",
      "lost",
      "integrity",
      "",
    ],
    f.rounds.map((r) => [
      String(r.round),
      r.moment,
      ms(r.killAfterMs),
      String(r.sent),
      String(r.acked),
      String(r.inFlightAtKill),
      String(r.pendingAtKill),
      String(r.ackedChecked),
      String(r.afterKill.lost.length + r.afterRestart.lost.length),
      `${r.integrityAfterKill} / ${r.integrityAfterRestart}`,
      verdict(r.passed),
    ]),
  );
  console.log(
    `${f.ackedChecked} acknowledged responses checked; integrity_check at the end: ` +
      `${f.integrityAtEnd}; overall ${verdict(f.passed)}`,
  );
}
