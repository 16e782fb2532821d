// What the server keeps, as small async stores per domain; a route takes only the ones it needs.
// SQLite (sqlite-storage.ts) is the embedded engine; PostgreSQL (postgres/) serves several instances.
import type { AdminStore } from "./admin-store.ts";
import type { BatchStore } from "./batch-store.ts";
import type { DraftStore } from "./draft-store.ts";
import type { GuardStore } from "./guard-store.ts";
import type { LedgerStore } from "./ledger-store.ts";
import type { LinkStore } from "./link-store.ts";
import type { ResponseStore } from "./response-store.ts";
import type { SurveyStore } from "./survey-store.ts";

export type {
  BurstCounts,
  CountedRequest,
  GuardStore,
  SignInCounter,
  SignInDecision,
} from "./guard-store.ts";
export type {
  LedgerStore,
  LedgerWriteOutcome,
  StoredLedger,
  StoredPartition,
} from "./ledger-store.ts";
export type { LinkChange, LinkRecord, LinkStore, NewLink } from "./link-store.ts";
export type {
  AnswerRow,
  ResponseStore,
  ResponseToStore,
  StoreOutcome,
  WaitingCell,
} from "./response-store.ts";
export type {
  NewSurveyVersion,
  RegisteredVersion,
  SurveyState,
  SurveyStore,
  SurveyTargets,
  SurveyVersionRecord,
  VersionSummary,
} from "./survey-store.ts";

export type DatabaseHealth =
  | { status: "ok"; journalMode: string }
  | { status: "unavailable"; reason: string };

/** Upkeep of the database itself, and its life. */
export interface MaintenanceStore {
  /** Checkpoints and empties the write-ahead log; false if a reader kept part of it. */
  truncateLog(): Promise<boolean>;
  /** Rewrites what holds responses in key order, so no page keeps the order of arrival. */
  rebuildFile(): Promise<void>;
  /**
   * Runs `work` unless another instance is running the same task right now (then: undefined).
   * The release pass must be one at a time: a second one, deciding on the same waiting counts,
   * would release a cell's late arrivals alone, a cohort under k. The demo link of a fresh database
   * is made by one instance (firstLink). One process of SQLite: always runs.
   */
  alone<T>(task: "release" | "firstLink", work: () => Promise<T>): Promise<T | undefined>;
  /** Whether the database answers a read, and in which journal mode (for GET /healthz). */
  health(): Promise<DatabaseHealth>;
  close(): Promise<void>;
}

/** Every store of one engine: what compose.ts builds and hands out piece by piece. */
export interface Storage
  extends SurveyStore,
    LinkStore,
    ResponseStore,
    AdminStore,
    BatchStore,
    DraftStore,
    LedgerStore,
    GuardStore,
    MaintenanceStore {}
