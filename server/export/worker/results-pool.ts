// On the main thread: one results worker, started on first use, fed one job per request. A crashed
// worker fails only its jobs (the routes answer 503), is logged in one line, and is started again
// by the next request; the server itself never goes down with it. A publication whose ledger write
// finds that another instance wrote first is not shown: the worker forgets its copy and the job runs
// again, deciding against both instances' publications.
import type { Readable } from "node:stream";
import { Worker } from "node:worker_threads";
import type { LedgerWriteOutcome } from "../../storage/storage.ts";
import type { TabulationRequest } from "../../tabulate/tabulate.ts";
import { createFileStream, type FileStream } from "./file-stream.ts";
import type {
  DownloadFormat,
  FromWorker,
  LedgerWrite,
  PublishedSummary,
  ToWorker,
} from "./results-messages.ts";

/**
 * Compiled (npm run build), this module is .js and so is the worker's: plain node loads it. From
 * source (tsx, vitest) the worker registers tsx itself first; tsx is a dev dependency, so it is
 * only looked up in that case.
 */
const COMPILED = import.meta.url.endsWith(".js");
const ENTRY = new URL(`./results-thread.${COMPILED ? "js" : "ts"}`, import.meta.url).href;
const BOOTSTRAP = COMPILED
  ? `import(${JSON.stringify(ENTRY)});`
  : `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})
  .then((tsx) => { tsx.register(); return import(${JSON.stringify(ENTRY)}); });`;
/** Catch-ups before giving up, when releases keep landing between catch-up and snapshot. */
const MAX_BEHIND = 20;
/** Runs again after a stale ledger write: each one means the other instance published meanwhile. */
const MAX_STALE = 5;

import { ResultsUnavailableError } from "../../tabulate/publication.ts";

export { ResultsUnavailableError };

export type Tabulated =
  | { ok: false; field: string; message: string }
  | { ok: true; published: PublishedSummary; view: string | null; file: Readable | null };

/** The database the worker reads: a SQLite file's path, or a PostgreSQL URL (exactly one). */
export type ResultsDatabase =
  | { databasePath: string; databaseUrl?: undefined }
  | { databaseUrl: string; databasePath?: undefined };

export type ResultsPoolOptions = ResultsDatabase & {
  /** Makes the long table current (upkeep.catchUpInSlices). */
  catchUp: () => Promise<void>;
  /** Commits one publication (one ledger domain) to disk, in its own transaction (storage.writeLedger). */
  persist: (write: LedgerWrite) => Promise<LedgerWriteOutcome>;
  log: (line: string) => void;
};

export interface ResultsPool {
  run(
    request: TabulationRequest,
    channelLabels: string[],
    download: DownloadFormat | null,
  ): Promise<Tabulated>;
  /** The running thread, if any: tests end it to play a crash. */
  thread(): Worker | null;
  close(): Promise<void>;
}

interface Job {
  settle(answer: Tabulated | "behind" | "stale" | Error): void;
  versionId: number;
  file: FileStream | null;
  download: DownloadFormat | null;
}

export function createResultsPool(options: ResultsPoolOptions): ResultsPool {
  let worker: Worker | null = null;
  let nextId = 1;
  let closed = false;
  /** The ledger writes still going to disk, job after job. */
  let persisting = Promise.resolve();
  const jobs = new Map<number, Job>();
  /**
   * Per version, the newest ledger copy (epoch) of the worker that a stale write condemned: every
   * decision taken on it, or on an older one, is refused (ledger.epochOf). Per worker: a new one
   * numbers its loads from 1 again.
   */
  let condemned = new Map<number, number>();
  const send = (message: ToWorker) => worker?.postMessage(message);
  const logError = (error: string, route = "results-worker") =>
    options.log(JSON.stringify({ level: "error", route, error }));

  /** Fails every job of a worker that is gone; the next request starts a new one. */
  function lose(gone: Worker, reason: string) {
    if (worker !== gone) return;
    worker = null;
    if (!closed) logError(reason);
    for (const job of jobs.values()) {
      const error = new ResultsUnavailableError(`results worker stopped: ${reason}`);
      // A file already answered ends in an error; a job still waiting is answered 503.
      job.file?.fail(error);
      job.settle(error);
    }
    jobs.clear();
    void gone.terminate();
  }

  function start(): Worker {
    const started = new Worker(BOOTSTRAP, { eval: true, workerData: workerDataOf(options) });
    condemned = new Map();
    // Never what keeps the process alive: shutdown and finished tests exit without waiting for it.
    started.unref();
    started.on("message", (message: FromWorker) => {
      if (worker === started) receive(message);
    });
    started.on("error", (error) => lose(started, error.message));
    started.on("exit", (code) => lose(started, `exited with code ${code}`));
    return started;
  }

  function receive(message: FromWorker) {
    const job = jobs.get(message.id);
    if (!job) return; // cancelled meanwhile
    switch (message.type) {
      case "tabulated":
        return publish(message.id, job, message);
      case "chunk":
        return job.file?.push(message.bytes);
      case "end":
        jobs.delete(message.id);
        return job.file?.end();
      case "behind":
        jobs.delete(message.id);
        return job.settle("behind");
      case "refused":
        jobs.delete(message.id);
        return record(message.id, job, message, () => ({
          ok: false,
          field: message.field,
          message: message.message,
        }));
      case "failed":
        jobs.delete(message.id);
        if (!job.file) return job.settle(new Error(message.message));
        // Mid-file: the status is sent already, so the stream ends in an error (and is logged).
        logError(message.message, "download");
        return job.file.fail(new Error(message.message));
    }
  }

  /** On disk before anyone sees it: a publication that cannot be recorded is not made. */
  function publish(id: number, job: Job, message: Extract<FromWorker, { type: "tabulated" }>) {
    // The file's first chunks may come while the ledger is written: the stream holds them.
    if (job.download)
      job.file = createFileStream(
        () => send({ type: "ack", id }),
        () => {
          jobs.delete(id);
          send({ type: "cancel", id });
        },
      );
    const { published, view } = message;
    record(id, job, message, () => {
      if (!job.file) jobs.delete(id);
      return { ok: true, published, view, file: job.file?.readable ?? null };
    });
  }

  /**
   * Commits a job's ledger writes, then answers it; a failed write fails it and the worker, and a
   * stale one (or a copy condemned already) sends the job round again, its file never begun.
   */
  function record(id: number, job: Job, decided: Decided, answer: () => Tabulated) {
    const from = worker;
    persisting = persisting
      .then(() => persistInTurns(job.versionId, decided))
      .then(
        (outcome) => {
          if (outcome === "written") return job.settle(answer());
          jobs.delete(id);
          if (job.file) send({ type: "cancel", id });
          job.file?.readable.destroy();
          job.settle("stale");
        },
        (error: unknown) => {
          // The worker's ledger holds a publication the disk does not: a new worker reads the disk.
          const reason = error instanceof Error ? error.message : "unknown";
          jobs.delete(id);
          job.file?.readable.destroy();
          job.settle(new Error(`recording the publication failed: ${reason}`));
          if (from) lose(from, `restarted after a failed ledger write: ${reason}`);
        },
      );
  }

  /**
   * One domain per transaction, as the ledger itself writes them, with a turn of the event loop
   * between: at 100,000 responses each is a 400 KB partition, and submissions go in between.
   * Jobs' writes never interleave (`persisting` is a queue), so ordinals reach the disk in order.
   */
  async function persistInTurns(versionId: number, { writes, epoch }: Decided) {
    if (epoch <= (condemned.get(versionId) ?? 0)) return "stale";
    for (const [i, write] of writes.entries()) {
      if (i > 0) await new Promise<void>((next) => setImmediate(next));
      if ((await options.persist(write)) !== "stale") continue;
      // The copy holds what the disk does not (this write), and lacks what the other instance
      // wrote: the jobs already decided on it are refused too, and the worker reads it again.
      condemned.set(versionId, Math.max(epoch, condemned.get(versionId) ?? 0));
      send({ type: "forget", versionId });
      return "stale";
    }
    return "written";
  }

  function ask(
    request: TabulationRequest,
    channelLabels: string[],
    download: DownloadFormat | null,
  ) {
    if (closed) return Promise.reject(new ResultsUnavailableError("the server is stopping"));
    worker ??= start();
    const id = nextId++;
    return new Promise<Tabulated | "behind" | "stale">((resolve, reject) => {
      jobs.set(id, {
        settle: (answer) => (answer instanceof Error ? reject(answer) : resolve(answer)),
        versionId: request.version.id,
        file: null,
        download,
      });
      send({ type: "run", id, request, channelLabels, download });
    });
  }

  return {
    async run(request, channelLabels, download) {
      let behind = 0;
      let stale = 0;
      while (behind < MAX_BEHIND && stale < MAX_STALE) {
        await options.catchUp();
        const answer = await ask(request, channelLabels, download);
        if (answer === "behind") behind++;
        else if (answer === "stale") stale++;
        else return answer;
      }
      throw new ResultsUnavailableError(
        behind === MAX_BEHIND
          ? "responses keep being released; try again"
          : "results keep being published by another instance meanwhile; try again",
      );
    },
    thread: () => worker,
    async close() {
      closed = true;
      const running = worker;
      if (!running) return;
      lose(running, "closed");
      await running.terminate();
    },
  };
}

/** What a job decided, to be committed: its ledger writes and the copy it decided on. */
type Decided = Pick<Extract<FromWorker, { type: "tabulated" }>, "writes" | "epoch">;

/** What results-thread.ts is given: the one field that names the database, nothing else. */
function workerDataOf(database: ResultsDatabase) {
  return database.databaseUrl === undefined
    ? { databasePath: database.databasePath }
    : { databaseUrl: database.databaseUrl };
}
