// What the main thread and the results worker say to each other: one job per request, numbered.
import type { StoredPartition } from "../../storage/storage.ts";
import type { DownloadFormat, PublishedSummary } from "../../tabulate/publication.ts";
import type { TabulationRequest } from "../../tabulate/tabulate.ts";

export type { DownloadFormat, PublishedSummary } from "../../tabulate/publication.ts";

/** One ledger write the worker's publication made: the main thread commits it before answering. */
export interface LedgerWrite {
  versionId: number;
  fresh: [string, number][];
  domain: string;
  partition: StoredPartition;
  /** The stored revision the publication was decided against (storage.writeLedger). */
  basedOn: number;
}

export type ToWorker =
  | {
      type: "run";
      id: number;
      request: TabulationRequest;
      /** The channel filter's labels, in place of its ids, as the published tabulation shows it. */
      channelLabels: string[];
      download: DownloadFormat | null;
    }
  /** The main thread forwarded one more chunk of the file: the worker may send another. */
  | { type: "ack"; id: number }
  /** The client went away, or the ledger write failed: stop writing the file. */
  | { type: "cancel"; id: number }
  /** A ledger write of this version was stale (another instance wrote first): read it again. */
  | { type: "forget"; versionId: number };

export type FromWorker =
  /** The snapshot holds released responses not yet in the long table: catch up and ask again. */
  | { type: "behind"; id: number }
  | {
      type: "refused";
      id: number;
      field: string;
      message: string;
      /** The main table, published ahead of the refused view: recorded all the same. */
      writes: LedgerWrite[];
      /** The ledger copy decided on (PublicationLedger.epochOf). */
      epoch: number;
    }
  | {
      type: "tabulated";
      id: number;
      published: PublishedSummary;
      /** The view's JSON body (texts limited), serialised here rather than on the event loop. */
      view: string | null;
      writes: LedgerWrite[];
      /** The ledger copy decided on (PublicationLedger.epochOf). */
      epoch: number;
    }
  | { type: "chunk"; id: number; bytes: Uint8Array }
  | { type: "end"; id: number }
  /** The job threw (a bug, or a read error); the worker itself carries on. */
  | { type: "failed"; id: number; message: string };
