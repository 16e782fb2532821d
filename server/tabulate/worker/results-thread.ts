// The results worker's entry: its own read-only connection and the publication ledger, serving
// jobs from the main thread so a long tabulation or export never holds the server's event loop.
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { openResultsReader } from "../../storage/sqlite-results.ts";
import { createPublicationLedger } from "../disclosure/publication-ledger.ts";
import type { ChunkSender } from "./chunk-sender.ts";
import type { ToWorker } from "./results-messages.ts";
import { runJob, type WorkerContext } from "./run-job.ts";

const port = parentPort;
const databasePath: unknown = workerData?.databasePath;
if (!port || typeof databasePath !== "string")
  throw new Error("results-thread.ts runs as a worker given { databasePath }");

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
const reader = openResultsReader(databasePath);
const context: WorkerContext = {
  reader,
  ledger: createPublicationLedger({
    ...reader.ledger,
    // Collected for the main thread, which commits them (this connection is read-only).
    writeLedger: (versionId, fresh, domain, partition) => {
      context.writes.push({ versionId, fresh: fresh.map(([id, n]) => [id, n]), domain, partition });
    },
  }),
  writes: [],
  post: (message) => port.postMessage(message),
};
const files = new Map<number, ChunkSender>();

port.on("message", (message: ToWorker) => {
  if (message.type === "ack") return files.get(message.id)?.acknowledge();
  if (message.type === "cancel") {
    files.get(message.id)?.destroy(new Error("cancelled"));
    files.delete(message.id);
    return;
  }
  try {
    const file = runJob(context, message);
    if (!file) return;
    files.set(message.id, file);
    file.once("close", () => files.delete(message.id));
  } catch (error) {
    const reason = error instanceof Error ? error.message : "unknown";
    context.post({ type: "failed", id: message.id, message: reason });
  }
});
