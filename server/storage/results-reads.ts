// What tabulation reads, synchronously, on the results worker's own connection: released
// responses and the long answers table, never a link id. A response still waiting for its cohort's
// release is invisible here (responses/releases.ts).

export interface ResponseFilter {
  /** Only these channel ids; null = every channel. */
  channels: string[] | null;
  /** Inclusive release-day bounds (YYYY-MM-DD); null = open. */
  from: string | null;
  to: string | null;
}

export interface StoredResponse {
  id: string;
  category: string;
  /** The day its cohort was released. */
  day: string;
  /** The durable record: JSON rows [question, option, text], option "" for a text answer. */
  answers: string;
}

export type OptionCount = [question: string, category: string, option: string, n: number];

/** A category and the ids of its responses. */
export type Member = [category: string, ids: string[]];

/** Category → text → how many gave it. */
export type CategoryTexts = Map<string, Map<string, number>>;

export interface ResultsStorage {
  /** Released responses of a version matching the filter, by category, release day, channel, id. */
  iterateResponses(versionId: number, filter: ResponseFilter): IterableIterator<StoredResponse>;
  /** The ids of every released response of a version, sorted (random with respect to arrival). */
  releasedIds(versionId: number): string[];
  /** These responses, in id order: a bounded read, so no statement stays open across an await. */
  responsesWithIds(ids: readonly string[]): StoredResponse[];
  /** Every question × category × option count (kept by the answer indexer). */
  countOptions(versionId: number): OptionCount[];
  /** Every response of a version by category (the category index, no answers read). */
  categoryMembers(versionId: number): Member[];
  /** Responses that chose one option of one question, by category. */
  optionMembers(versionId: number, question: string, option: string): Member[];
  /** Free texts of one question's option ("" for a text question), counted per category and text. */
  optionTexts(versionId: number, question: string, option: string): CategoryTexts;
  /** Respondents who chose at least one option of a question, per category. */
  answeredPerCategory(versionId: number, question: string): { category: string; n: number }[];
  /** Channel ids present in a version's released responses. */
  responseChannels(versionId: number): string[];
  responseDays(versionId: number): { first: string; last: string } | null;
}
