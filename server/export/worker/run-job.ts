// One results job inside the worker: tabulate on a snapshot, publish to the worker's ledger, and
// for a download write the file as chunks. The ledger's disk writes are handed back instead: the
// main thread commits them before it answers (the worker's connection is read-only).
import { finished } from "node:stream/promises";
import type { ResultsReader } from "../../storage/results-store.ts";
import type { PublicationLedger } from "../../tabulate/disclosure/publication-ledger.ts";
import { limitTexts } from "../../tabulate/limit-texts.ts";
import { tabulate } from "../../tabulate/tabulate.ts";
import { isCategoryBanner } from "../../tabulate/tally.ts";
import { rawResponses } from "../raw-responses.ts";
import { ChunkSender } from "./chunk-sender.ts";
import { EXPORT_WRITERS } from "./export-writers.ts";
import type { FromWorker, LedgerWrite, ToWorker } from "./results-messages.ts";

export interface WorkerContext {
  reader: ResultsReader;
  /**
   * The only ledger that decides: jobs run one at a time (results-thread.ts queues them), so each
   * sees every earlier publication.
   */
  ledger: PublicationLedger;
  /** Filled by the ledger's writeLedger during publish(); emptied per job. */
  writes: LedgerWrite[];
  post(message: FromWorker): void;
}

type RunJob = Extract<ToWorker, { type: "run" }>;

/**
 * Resolves, once the snapshot is over, to the file being written, if any, so acks and cancels can
 * reach it; the file goes on being written after that, its raw rows read outside the snapshot by
 * the ids the snapshot counted.
 */
export async function runJob(context: WorkerContext, job: RunJob): Promise<ChunkSender | null> {
  const { reader, ledger, post } = context;
  const { id, request } = job;
  // Tabulation, the ids it counted and the ledger's first read see one snapshot.
  const outcome = await reader.snapshot(async (snapshot) => {
    if (await snapshot.hasPendingAnswers()) return "behind" as const;
    // Reads the stored revision (one row), and the ledger again if another instance wrote since.
    await ledger.load(request.version.id, snapshot);
    // Emptied first: tabulate() itself publishes the main table ahead of any other view.
    context.writes = [];
    const result = await tabulate(snapshot, ledger, request);
    const epoch = ledger.epochOf(request.version.id);
    if (!result.ok) return { ...result, writes: context.writes, epoch };
    // The raw sheet lists exactly the responses this tabulation counted.
    const releasedIds = job.download ? await snapshot.releasedIds(request.version.id) : [];
    result.publish();
    return { ...result, releasedIds, writes: context.writes, epoch };
  });
  if (outcome === "behind") {
    post({ type: "behind", id });
    return null;
  }
  if (!outcome.ok) {
    const { field, message, writes, epoch } = outcome;
    post({ type: "refused", id, field, message, writes, epoch });
    return null;
  }
  const tabulation = {
    ...outcome.tabulation,
    filters: { ...outcome.tabulation.filters, channels: job.channelLabels },
  };
  post({
    type: "tabulated",
    id,
    published: {
      survey: tabulation.survey,
      asOf: tabulation.asOf,
      banner: tabulation.banner.question,
    },
    view: job.download ? null : JSON.stringify(limitTexts(tabulation)),
    writes: outcome.writes,
    epoch: outcome.epoch,
  });
  if (!job.download) return null;

  const { survey } = request.version;
  const category = isCategoryBanner(survey, tabulation.banner.question);
  const release = rawResponses(reader, outcome.releasedIds, survey, tabulation, category);
  const input = {
    tabulation,
    survey,
    raw: release.raw,
    rawNote: release.note,
    generatedOn: tabulation.asOf,
  };
  const out = new ChunkSender((bytes) => post({ type: "chunk", id, bytes }));
  const write = EXPORT_WRITERS[job.download];
  Promise.all([write(input, out), finished(out)]).then(
    () => post({ type: "end", id }),
    (error: unknown) =>
      post({ type: "failed", id, message: error instanceof Error ? error.message : "unknown" }),
  );
  return out;
}
