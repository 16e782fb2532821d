// Responses: storing a batch (caps and codes taken in the same transaction), their release in
// cohorts, the long answers table filled from released ones, and the counts the console shows.
import type { EntryUnavailable } from "../domain/refusals.ts";

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

export interface ResponseStore {
  hasResponse(responseId: string): Promise<boolean>;
  /**
   * Stores a batch in one transaction; each item succeeds or fails on its own. A link's cap and a
   * code's single use are taken by conditional updates, never read then written.
   */
  storeResponses(batch: ResponseToStore[], nowIso: string): Promise<StoreOutcome[]>;
  /** Every stored response, released or waiting (operators and tests; never shown in the console). */
  countResponses(): Promise<number>;
  /** Released responses per category code, over every version of the survey. */
  countByCategory(surveyId: string): Promise<Map<string, number>>;
  /** Released responses per channel id, over every version of the survey. */
  countByChannel(surveyId: string): Promise<Map<string, number>>;
  /** Waiting responses grouped by cell (the releaser decides which cells are due). */
  waitingCells(): Promise<WaitingCell[]>;
  /** Releases every waiting response of the given cells on `day`, in one transaction. */
  releaseCells(cells: readonly Omit<WaitingCell, "waiting">[], day: string): Promise<number>;
  /** Writes the long-table rows of up to `limit` released responses; returns how many. */
  expandPendingAnswers(limit: number): Promise<number>;
  /** Released responses whose long-table rows are not written yet. */
  pendingAnswerCount(): Promise<number>;
  /** Channel ids present in a version's released responses. */
  responseChannels(versionId: number): Promise<string[]>;
  /** The first and last release day of a version's responses, or null before any. */
  responseDays(versionId: number): Promise<{ first: string; last: string } | null>;
}
