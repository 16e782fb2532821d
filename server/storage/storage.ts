// The narrow interface every route uses to reach storage; SQLite is one implementation of it.
import type { LinkState } from "../links/link-availability.ts";
import type { EntryUnavailable } from "../respond/entry-unavailable.ts";
import type { ResultsStorage } from "../tabulate/results-storage.ts";
import type { AdminStorage, BatchStorage } from "./admin-records.ts";
import type { DraftStorage } from "./draft-records.ts";

export interface SurveyVersionRecord {
  id: number;
  surveyId: string;
  version: number;
  /** The survey JSON as validated, variables not yet filled. */
  definition: string;
  createdOn: string;
}

export interface VersionSummary {
  id: number;
  surveyId: string;
  version: number;
  createdOn: string;
  current: boolean;
  responses: number;
}

export interface LinkRecord {
  id: string;
  surveyId: string;
  /** The channel its responses carry: fixed at creation, never the label (which may change). */
  channelId: string;
  label: string;
  lockedCategory: string | null;
  cap: number | null;
  opensAt: string | null;
  closesAt: string | null;
  state: LinkState;
  completed: number;
  createdAt: string;
}

export type NewLink = Omit<LinkRecord, "completed">;

export interface AnswerRow {
  question: string;
  /** Option code; "" for a text answer. */
  option: string;
  text: string | null;
}

export interface ResponseToStore {
  responseId: string;
  /** The link whose counter to bump, or the code to consume; neither is stored with the response. */
  via: { kind: "link" | "code"; id: string };
  surveyVersionId: number;
  /** The link's or batch's channel id (not its label, not the link id). */
  channelId: string;
  category: string;
  rows: AnswerRow[];
}

export type StoreOutcome =
  | { kind: "created" | "replayed" }
  | { kind: "unavailable"; reason: EntryUnavailable }
  | { kind: "failed" };

/** The responses waiting for release in one version × category × channel. */
export interface WaitingCell {
  versionId: number;
  category: string;
  channelId: string;
  waiting: number;
}

export type SurveyState = "open" | "closed";

/** One ledger domain: a class per ordinal (0 = never published) and the published groups. */
export interface StoredPartition {
  classes: Int32Array;
  groups: number[][];
}

export interface StoredLedger {
  /** [response id, ordinal], by ordinal. */
  members: [string, number][];
  partitions: Map<string, StoredPartition>;
}

/** What results have published, per survey version (tabulate/disclosure/publication-ledger.ts). */
export interface LedgerStorage {
  readLedger(versionId: number): StoredLedger;
  /** In one transaction: the members not stored yet and one domain's new partition. */
  writeLedger(
    versionId: number,
    fresh: readonly (readonly [string, number])[],
    domain: string,
    partition: StoredPartition,
  ): void;
}

export interface SurveyTargets {
  total: number | null;
  categories: Record<string, number>;
}

export interface Storage
  extends AdminStorage,
    BatchStorage,
    ResultsStorage,
    LedgerStorage,
    DraftStorage {
  /** Records a validated survey file; the same content maps to the same version forever. */
  registerSurveyVersion(
    surveyId: string,
    contentHash: string,
    definition: string,
    today: string,
    makeCurrent: "always" | "if-new",
  ): { record: SurveyVersionRecord; created: boolean };
  getSurveyVersion(id: number): SurveyVersionRecord | undefined;
  currentVersionId(surveyId: string): number | undefined;
  listVersions(): VersionSummary[];
  surveyState(surveyId: string): SurveyState | undefined;
  setSurveyState(surveyId: string, state: SurveyState): void;
  getTargets(surveyId: string): SurveyTargets;
  setTargets(surveyId: string, targets: SurveyTargets): void;
  /** Released responses per category code, over every version of the survey. */
  countByCategory(surveyId: string): Map<string, number>;
  /** Released responses per channel id, over every version of the survey. */
  countByChannel(surveyId: string): Map<string, number>;
  /** Every channel id → its current label: links, batches, and channels kept from before 0006. */
  channelLabels(): Map<string, string>;
  createLink(link: NewLink): LinkRecord;
  getLink(id: string): LinkRecord | undefined;
  listLinks(): LinkRecord[];
  setLinkState(id: string, state: LinkState): boolean;
  /** Terms and label only: the channel id stays what it was at creation. */
  updateLink(link: Omit<LinkRecord, "completed" | "createdAt" | "surveyId" | "channelId">): boolean;
  hasResponse(responseId: string): boolean;
  /** Stores a batch in one transaction; each item succeeds or fails on its own. */
  storeResponses(batch: ResponseToStore[], nowIso: string): StoreOutcome[];
  /** Every stored response, released or waiting (operators and tests; never shown in the console). */
  countResponses(): number;
  /** Survey versions of which anything was ever published (the ledger holds a partition). */
  publishedVersions(): Set<number>;
  /** Waiting responses grouped by cell (the releaser decides which cells are due). */
  waitingCells(): WaitingCell[];
  /** Releases every waiting response of the given cells on `day`, in one transaction. */
  releaseCells(cells: readonly Omit<WaitingCell, "waiting">[], day: string): number;
  /** Writes the long-table rows of up to `limit` released responses; returns how many. */
  expandPendingAnswers(limit: number): number;
  /** Released responses whose long-table rows are not written yet. */
  pendingAnswerCount(): number;
  /** Checkpoints and empties the write-ahead log; false if a reader kept part of it. */
  truncateLog(): boolean;
  /** Rewrites the whole file in key order (VACUUM), so no page keeps the order of arrival. */
  rebuildFile(): void;
  /** Whether the database answers a read, and in which journal mode (for GET /healthz). */
  health(): DatabaseHealth;
  close(): void;
}

export type DatabaseHealth =
  | { status: "ok"; journalMode: string }
  | { status: "unavailable"; reason: string };
