// What every download writer takes: the published tabulation, the survey it describes, and raw rows.
import type { Survey } from "../../surveys/format/schema.ts";
import type { Tabulation } from "../tabulate/results-schemas.ts";

/** Raw answers, one row per response; iterated once, so a generator may stream them from the store. */
export interface RawTable {
  header: string[];
  /** Read with `for await`: the store's rows arrive chunk by chunk (raw-responses.ts). */
  rows: AsyncIterable<RawRow> | Iterable<RawRow>;
}

export type RawRow = (string | number | null)[];

export interface ExportInput {
  tabulation: Tabulation;
  /** Resolved survey (variables filled), for the codebook and report phrases. */
  survey: Survey;
  /** null: withheld, e.g. because the selection is too small to release row-level data. */
  raw: RawTable | null;
  /** Why raw data is withheld or what was merged; printed on the raw sheet. */
  rawNote: string;
  /** YYYY-MM-DD */
  generatedOn: string;
}
