// The narrow interface every route uses to reach storage; SQLite is one implementation of it.
import type { LinkState } from "../links/link-availability.ts";
import type { EntryUnavailable } from "../respond/entry-unavailable.ts";
import type { ResultsStorage } from "../tabulate/results-storage.ts";
import type { AdminStorage, BatchStorage } from "./admin-records.ts";

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
  channel: string;
  category: string;
  submittedOn: string;
  rows: AnswerRow[];
}

export type StoreOutcome =
  | { kind: "created" | "replayed"; submittedOn: string }
  | { kind: "unavailable"; reason: EntryUnavailable }
  | { kind: "failed" };

export type SurveyState = "open" | "closed";

export interface SurveyTargets {
  total: number | null;
  categories: Record<string, number>;
}

export interface Storage extends AdminStorage, BatchStorage, ResultsStorage {
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
  /** Completed responses per category code, over every version of the survey. */
  countByCategory(surveyId: string): Map<string, number>;
  createLink(link: NewLink): LinkRecord;
  getLink(id: string): LinkRecord | undefined;
  listLinks(): LinkRecord[];
  setLinkState(id: string, state: LinkState): boolean;
  updateLink(link: Omit<LinkRecord, "completed" | "createdAt" | "surveyId">): boolean;
  findResponse(responseId: string): { submittedOn: string } | undefined;
  /** Stores a batch in one transaction; each item succeeds or fails on its own. */
  storeResponses(batch: ResponseToStore[], nowIso: string): StoreOutcome[];
  countResponses(): number;
  /** Writes the long-table rows of up to `limit` stored responses; returns how many. */
  expandPendingAnswers(limit: number): number;
  /** Stored responses whose long-table rows are not written yet. */
  pendingAnswerCount(): number;
  /** Checkpoints and empties the write-ahead log; false if a reader kept part of it. */
  truncateLog(): boolean;
  /** Whether the database answers a read, and in which journal mode (for GET /healthz). */
  health(): DatabaseHealth;
  close(): void;
}

export type DatabaseHealth =
  | { status: "ok"; journalMode: string; responses: number; pendingAnswers: number }
  | { status: "unavailable"; reason: string };
