// What tabulation reads from storage: stored responses and the long answers table, never a link id.

export interface ResponseFilter {
  /** Only these channel labels; null = every channel. */
  channels: string[] | null;
  /** Inclusive day bounds (YYYY-MM-DD); null = open. */
  from: string | null;
  to: string | null;
}

export interface StoredResponse {
  id: string;
  category: string;
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
  /** Responses of a version matching the filter, in primary-key (random id) order. */
  iterateResponses(versionId: number, filter: ResponseFilter): IterableIterator<StoredResponse>;
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
  /** Channel labels present in a version's responses, sorted. */
  responseChannels(versionId: number): string[];
  responseDays(versionId: number): { first: string; last: string } | null;
}
