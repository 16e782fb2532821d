// The results API's bodies as the console reads them: plain types, equal to what the zod schemas of
// server/tabulate/results-schemas.ts infer (tests/client/admin/shared-types.test.ts). A suppressed
// figure is null, never an estimate.
import type { HiddenReason, IndexBase, RowKind, TableKind } from "./results-terms.ts";
import type { SurveyState } from "./survey-states.ts";

/** A 95% Wilson interval. */
type Interval = [number, number];
/** A rating grid's row: the grid and the row a table comes from. */
type GridRow = { code: string; text: string; row: string };
type Days = { first: string; last: string };

export interface Column {
  /** "_total" (全体), an option code, or "_none" (未作答). */
  key: string;
  label: string;
  n: number | null;
  hidden: HiddenReason | null;
}

export interface Cell {
  count: number | null;
  percent: number | null;
  ci: Interval | null;
  validPercent: number | null;
}

export interface Row {
  key: string;
  label: string;
  kind: RowKind;
  nonSubstantive: boolean;
  other: boolean;
  hidden: HiddenReason | null;
  cells: Cell[];
}

export interface TextGroup {
  column: string;
  label: string;
  n: number | null;
  texts: { text: string; count: number }[] | null;
  omitted: number;
}

export type ChiSquare =
  | { statistic: number; df: number; p: number; lowExpectedCells: number; cells: number }
  | { skipped: string };

export interface QuestionTable {
  code: string;
  text: string;
  kind: TableKind;
  grid: GridRow | null;
  section: string;
  bases: (number | null)[];
  hidden: (HiddenReason | null)[];
  validBases: (number | null)[] | null;
  rows: Row[];
  note: string | null;
  chiSquare: ChiSquare | null;
  texts: TextGroup[];
  keywords: { word: string; count: number }[] | null;
}

export interface IndexCell {
  count: number | null;
  base: number | null;
  value: number | null;
  ci: Interval | null;
  hidden: HiddenReason | null;
}

export interface IndexItem {
  code: string;
  text: string;
  grid: GridRow | null;
  positive: string[];
  cells: IndexCell[];
  rank: number | null;
}

export interface IndexSummary {
  name: string;
  base: IndexBase;
  items: IndexItem[];
}

export interface Tabulation {
  survey: { id: string; title: string; version: number; state: SurveyState };
  minBase: number;
  textMinGroup: number;
  asOf: string;
  filters: { channels: string[]; from: string | null; to: string | null };
  banner: { question: string; text: string };
  respondents: number;
  days: Days | null;
  columns: Column[];
  questions: QuestionTable[];
  indices: IndexSummary[];
  notes: string[];
}

export interface ResultsOptions {
  survey: string;
  versions: { version: number; responses: number }[];
  current: number;
  banners: { question: string; text: string }[];
  channels: { id: string; label: string }[];
  days: Days | null;
  minBase: number;
}
