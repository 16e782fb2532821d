// What a published tabulation is to the routes, whichever process computed it: the download
// formats, the summary an audit line and a file name need, and the "try again" failure.
import type { Tabulation } from "./results-schemas.ts";

/** The four downloads, by file extension; null is the results view (no file). */
export type DownloadFormat = "xlsx" | "csv" | "docx" | "html";

/** What the main thread needs of a published tabulation: the audit line and the file name. */
export interface PublishedSummary {
  survey: Tabulation["survey"];
  asOf: string;
  /** The banner question's code. */
  banner: string;
}

/** The results worker is down or was stopped: the request may be retried (503). */
export class ResultsUnavailableError extends Error {}
