// The narrow interface every route uses to reach storage; SQLite is one implementation of it.
import type { LinkState, LinkUnavailable } from "../links/link-availability.ts";

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
  linkId: string;
  surveyVersionId: number;
  channel: string;
  category: string;
  submittedOn: string;
  rows: AnswerRow[];
}

export type StoreOutcome =
  | { kind: "created" | "replayed"; submittedOn: string }
  | { kind: "unavailable"; reason: LinkUnavailable | "unknown" }
  | { kind: "failed" };

export interface Storage {
  /** Records a validated survey file; the same content maps to the same version forever. */
  registerSurveyVersion(
    surveyId: string,
    contentHash: string,
    definition: string,
    today: string,
  ): SurveyVersionRecord;
  getSurveyVersion(id: number): SurveyVersionRecord | undefined;
  currentVersionId(surveyId: string): number | undefined;
  listVersions(): VersionSummary[];
  createLink(link: NewLink): LinkRecord;
  getLink(id: string): LinkRecord | undefined;
  listLinks(): LinkRecord[];
  setLinkState(id: string, state: LinkState): boolean;
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
  close(): void;
}
