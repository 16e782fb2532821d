// SIGTERM under load, as systemd or `docker stop` sends it: the real server stops taking new
// connections, answers every request already sent, keeps every acknowledged response, exits 0.
import { mkdtempSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { responseIdFor } from "../../../server/ballot-box/response-ids.ts";
import { type ChildExit, type ChildServer, startChildServer } from "../../support/child-server.ts";
import { readLinks } from "../../support/cli-links.ts";
import { startLoad } from "../../support/load-driver.ts";
import { checkAnswerIndex, checkStored, integrityCheck } from "../../support/stored-check.ts";
import {
  createSubmissionMaker,
  type LinkTarget,
  loadTargets,
} from "../../support/unique-submissions.ts";

const dir = mkdtempSync(join(tmpdir(), "survey-sigterm-"));
const dbPath = join(dir, "survey.db");
let server: ChildServer;
let targets: LinkTarget[];

beforeAll(async () => {
  server = await startChildServer(
    "server/main.ts",
    { DATABASE_PATH: dbPath, SURVEYS_DIR: resolve("surveys"), DIST_DIR: resolve("dist") },
    { keepOutput: true },
  );
  targets = await loadTargets(server.url, readLinks(dbPath));
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A phone that loaded something and keeps its keep-alive connection open, sending nothing. */
async function idleKeepAlive(url: string): Promise<{ closed: Promise<void> }> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  const closed = new Promise<void>((done) => socket.once("close", () => done()));
  socket.on("error", () => {});
  await new Promise<void>((answered) => {
    socket.once("data", () => answered());
    socket.write(`GET /healthz HTTP/1.1\r\nHost: ${hostname}\r\nConnection: keep-alive\r\n\r\n`);
  });
  return { closed };
}

/** Tries new connections until one is refused; says whether the server was still running then. */
async function firstRefusal(url: string, exited: Promise<ChildExit>) {
  const { hostname, port } = new URL(url);
  let running = true;
  void exited.then(() => {
    running = false;
  });
  for (let attempt = 0; attempt < 2_000; attempt++) {
    const wasRunning = running;
    const refused = await new Promise<boolean>((done) => {
      const socket: Socket = connect(Number(port), hostname);
      socket.once("connect", () => {
        socket.destroy();
        done(false);
      });
      socket.once("error", (error) => done("code" in error && error.code === "ECONNREFUSED"));
    });
    if (refused) return { refused, whileRunning: wasRunning && running };
    await sleep(5);
  }
  return { refused: false, whileRunning: false };
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

test("SIGTERM mid-load: in-flight requests are answered, every ack is stored, exit code 0", {
  timeout: 90_000,
}, async () => {
  const maker = createSubmissionMaker(targets, 17);
  const load = startLoad({
    url: server.url,
    connections: 24,
    total: 100_000,
    submission: (i) => maker.make(i),
  });
  const idle = await idleKeepAlive(server.url);
  let loadOver = false;
  void load.done.then(() => {
    loadOver = true;
  });
  while (load.progress().acked < 300 && !loadOver) await sleep(20);

  // Requests sent and not yet answered when the signal goes out: all of them must be answered.
  const inFlight = load.inFlight();
  const signalledMs = load.elapsedMs();
  const exited = server.kill("SIGTERM");
  const refusal = await firstRefusal(server.url, exited);
  const exit = await exited;
  load.stop();
  const report = await load.done;

  const unanswered = inFlight.filter((r) => !r.acked).map((r) => `${r.status} ${r.error}`);
  const context = JSON.stringify({
    exit,
    refusal,
    inFlight: inFlight.length,
    unanswered,
    statusCounts: report.statusCounts,
    // Requests sent after the signal may be refused (or reset on a closing keep-alive socket).
    errors: countBy(
      report.records.filter((r) => r.error),
      (r) => `${r.error} (sent ${r.startedMs > signalledMs ? "after" : "before"} SIGTERM)`,
    ),
    sent: report.records.length,
    acked: report.ackedIds.length,
    closeHeaders: report.records.filter((r) => r.connectionClose).length,
    output: server.output().slice(-600),
  });
  // The count the issue asks for, visible in the test output.
  console.log(`SIGTERM mid-load: ${context}`);
  expect(exit, context).toEqual({ code: 0, signal: null });
  expect(inFlight.length, context).toBeGreaterThan(0);
  expect(unanswered, context).toEqual([]);
  expect(refusal, context).toMatchObject({ refused: true });
  await idle.closed;
  expect(report.serverErrors, context).toBe(0);
  expect(server.problems().stderr, context).toBe("");

  // The file on its own, read-only: every acknowledged response, unchanged, nothing else, and the
  // long table complete (a clean shutdown expands what is pending).
  const acked = new Set(report.ackedIds.map(responseIdFor));
  const stored = checkStored(dbPath, maker.byResponseId, acked);
  expect(stored.lost, context).toEqual([]);
  expect(stored.changed, context).toEqual([]);
  expect(stored.unknown, context).toEqual([]);
  expect(stored.ackedChecked, context).toBeGreaterThanOrEqual(300);
  expect(integrityCheck(dbPath)).toBe("ok");
  expect(checkAnswerIndex(dbPath)).toMatchObject({ pending: 0, wrongRows: 0, wrongCounts: 0 });
});
