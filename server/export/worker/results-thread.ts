// The results worker's entry: its own read-only connection (or pool) and the publication ledger,
// serving jobs from the main thread so a long tabulation or export never holds the event loop.
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { openPgResultsReader } from "../../storage/postgres/pg-results-reader.ts";
import type { ResultsReader } from "../../storage/results-store.ts";
import { openResultsReader } from "../../storage/sqlite-results.ts";
import { createPublicationLedger } from "../../tabulate/disclosure/publication-ledger.ts";
import type { ChunkSender } from "./chunk-sender.ts";
import type { ToWorker } from "./results-messages.ts";
import { runJob, type WorkerContext } from "./run-job.ts";

const port = parentPort;
if (!port) throw new Error("results-thread.ts runs as a worker");

/** workerData crossed a thread boundary: one of { databasePath } (SQLite) or { databaseUrl }. */
function openReader(data: unknown): ResultsReader {
  const path = field(data, "databasePath");
  const url = field(data, "databaseUrl");
  if (typeof path === "string" && url === undefined) return openResultsReader(path);
  if (typeof url === "string" && path === undefined) return openPgResultsReader(url);
  throw new Error("results-thread.ts runs given { databasePath } or { databaseUrl }");
}

const field = (data: unknown, name: string): unknown =>
  typeof data === "object" && data !== null && name in data
    ? Object.getOwnPropertyDescriptor(data, name)?.value
    : undefined;

/** The lowest priority, for this thread alone: when both want a core, submissions go first. */
const NICENESS = 19;

/**
 * Linux keeps a niceness per thread, and setpriority() given a thread id changes only that thread:
 * the server's own thread stays as it was. Elsewhere (no /proc) the worker keeps normal priority.
 */
function lowerThisThread(): void {
  try {
    const threadId = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, NICENESS);
  } catch {
    // Not Linux, or not permitted: analysts then share the cores evenly with respondents.
  }
}

lowerThisThread();
const context: WorkerContext = {
  reader: openReader(workerData),
  ledger: createPublicationLedger({
    // Collected for the main thread, which commits them (this connection is read-only).
    writeLedger: (versionId, fresh, domain, partition, basedOn) => {
      const members = fresh.map(([id, n]): [string, number] => [id, n]);
      context.writes.push({ versionId, fresh: members, domain, partition, basedOn });
    },
  }),
  writes: [],
  post: (message) => port.postMessage(message),
};
const files = new Map<number, ChunkSender>();
/**
 * Jobs run one at a time, each snapshot after the last one ended: one ledger decides in order, and
 * a SQLite connection holds one transaction (a second BEGIN fails). Files go on being written.
 */
let queue = Promise.resolve();

async function serve(message: Extract<ToWorker, { type: "run" }>) {
  try {
    const file = await runJob(context, message);
    if (!file) return;
    // Set before any ack or cancel can arrive: those come as messages, after this microtask.
    files.set(message.id, file);
    file.once("close", () => files.delete(message.id));
  } catch (error) {
    const reason = error instanceof Error ? error.message : "unknown";
    context.post({ type: "failed", id: message.id, message: reason });
  }
}

port.on("message", (message: ToWorker) => {
  if (message.type === "ack") return files.get(message.id)?.acknowledge();
  if (message.type === "cancel") {
    files.get(message.id)?.destroy(new Error("cancelled"));
    files.delete(message.id);
    return;
  }
  // In turn with the jobs: one running keeps its copy, and its answer is refused by its epoch.
  if (message.type === "forget") {
    queue = queue.then(() => context.ledger.forget(message.versionId));
    return;
  }
  queue = queue.then(() => serve(message));
});
