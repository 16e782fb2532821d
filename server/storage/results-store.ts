// What tabulation reads, as either engine answers it: each read a Promise, the responses a stream.
// The results worker reads through a ResultsReader, inside one snapshot per job.
import type { LedgerStore } from "./ledger-store.ts";
import type {
  CategoryTexts,
  Member,
  OptionCount,
  ResponseFilter,
  StoredResponse,
} from "./results-reads.ts";

export type {
  CategoryTexts,
  Member,
  OptionCount,
  ResponseFilter,
  StoredResponse,
} from "./results-reads.ts";

export interface ResultsStore {
  /** Released responses of a version matching the filter, streamed in bounded chunks. */
  iterateResponses(versionId: number, filter: ResponseFilter): AsyncIterable<StoredResponse>;
  /** The ids of every released response of a version, sorted (random with respect to arrival). */
  releasedIds(versionId: number): Promise<string[]>;
  /** These responses, in id order: a bounded read. */
  responsesWithIds(ids: readonly string[]): Promise<StoredResponse[]>;
  /** Every question × category × option count (kept by the answer indexer). */
  countOptions(versionId: number): Promise<OptionCount[]>;
  /** Every response of a version by category (the category index, no answers read). */
  categoryMembers(versionId: number): Promise<Member[]>;
  /** Responses that chose one option of one question, by category. */
  optionMembers(versionId: number, question: string, option: string): Promise<Member[]>;
  /** Free texts of one question's option ("" for a text question), counted per category and text. */
  optionTexts(versionId: number, question: string, option: string): Promise<CategoryTexts>;
  /** Respondents who chose at least one option of a question, per category. */
  answeredPerCategory(
    versionId: number,
    question: string,
  ): Promise<{ category: string; n: number }[]>;
  /** Channel ids present in a version's released responses. */
  responseChannels(versionId: number): Promise<string[]>;
  responseDays(versionId: number): Promise<{ first: string; last: string } | null>;
}

/** One consistent moment: the reads, the publication ledger, and the expansion backlog. */
export interface ResultsSnapshot extends ResultsStore {
  readLedger: LedgerStore["readLedger"];
  ledgerRevision: LedgerStore["ledgerRevision"];
  /** Released responses not yet expanded into the long table (answer_counts would lag). */
  hasPendingAnswers(): Promise<boolean>;
}

/** The results worker's own connection (SQLite) or pool (PostgreSQL); read-only. */
export interface ResultsReader extends ResultsStore {
  /** Runs `read` in one read-only transaction: every statement in it sees the same state. */
  snapshot<T>(read: (snapshot: ResultsSnapshot) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
