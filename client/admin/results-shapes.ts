// Guards for the results API's bodies, written against the zod-free types and word lists of
// server/domain/, which the schemas of server/tabulate/results-schemas.ts equal (see
// tests/client/admin/shared-types.test.ts).
import type {
  Cell,
  ChiSquare,
  Column,
  IndexCell,
  IndexItem,
  IndexSummary,
  QuestionTable,
  ResultsOptions,
  Row,
  Tabulation,
  TextGroup,
} from "../../server/domain/results-shapes.ts";
import {
  HIDDEN_REASONS,
  INDEX_BASES,
  ROW_KINDS,
  TABLE_KINDS,
} from "../../server/domain/results-terms.ts";
import { SURVEY_STATES } from "../../server/domain/survey-states.ts";
import { arrayOf, bool, type Guard, nullable, num, obj, oneOf, str } from "./guards.ts";

type ChiTest = Exclude<ChiSquare, { skipped: string }>;
type ChiSkipped = Extract<ChiSquare, { skipped: string }>;

const isInterval: Guard<[number, number]> = (v): v is [number, number] =>
  Array.isArray(v) && v.length === 2 && v.every(num);

const isHiddenReason = oneOf(...HIDDEN_REASONS);
const isDays = obj<{ first: string; last: string }>({ first: str, last: str });

const isColumn = obj<Column>({
  key: str,
  label: str,
  n: nullable(num),
  hidden: nullable(isHiddenReason),
});

const isCell = obj<Cell>({
  count: nullable(num),
  percent: nullable(num),
  ci: nullable(isInterval),
  validPercent: nullable(num),
});

const isRow = obj<Row>({
  key: str,
  label: str,
  kind: oneOf(...ROW_KINDS),
  nonSubstantive: bool,
  other: bool,
  hidden: nullable(isHiddenReason),
  cells: arrayOf(isCell),
});

const isTextGroup = obj<TextGroup>({
  column: str,
  label: str,
  n: nullable(num),
  texts: nullable(arrayOf(obj({ text: str, count: num }))),
  omitted: num,
});

const isChiTest = obj<ChiTest>({
  statistic: num,
  df: num,
  p: num,
  lowExpectedCells: num,
  cells: num,
});
const isChiSkipped = obj<ChiSkipped>({ skipped: str });
const isChiSquare: Guard<ChiSquare> = (v): v is ChiSquare => isChiTest(v) || isChiSkipped(v);

const isQuestionTable = obj<QuestionTable>({
  code: str,
  text: str,
  kind: oneOf(...TABLE_KINDS),
  grid: nullable(obj({ code: str, text: str, row: str })),
  section: str,
  bases: arrayOf(nullable(num)),
  hidden: arrayOf(nullable(isHiddenReason)),
  validBases: nullable(arrayOf(nullable(num))),
  rows: arrayOf(isRow),
  note: nullable(str),
  chiSquare: nullable(isChiSquare),
  texts: arrayOf(isTextGroup),
  keywords: nullable(arrayOf(obj({ word: str, count: num }))),
});

const isIndexCell = obj<IndexCell>({
  count: nullable(num),
  base: nullable(num),
  value: nullable(num),
  ci: nullable(isInterval),
  hidden: nullable(isHiddenReason),
});

const isIndexItem = obj<IndexItem>({
  code: str,
  text: str,
  grid: nullable(obj({ code: str, text: str, row: str })),
  positive: arrayOf(str),
  cells: arrayOf(isIndexCell),
  rank: nullable(num),
});

const isIndexSummary = obj<IndexSummary>({
  name: str,
  base: oneOf(...INDEX_BASES),
  items: arrayOf(isIndexItem),
});

export const isTabulation = obj<Tabulation>({
  survey: obj({ id: str, title: str, version: num, state: oneOf(...SURVEY_STATES) }),
  minBase: num,
  textMinGroup: num,
  asOf: str,
  filters: obj({ channels: arrayOf(str), from: nullable(str), to: nullable(str) }),
  banner: obj({ question: str, text: str }),
  respondents: num,
  days: nullable(isDays),
  columns: arrayOf(isColumn),
  questions: arrayOf(isQuestionTable),
  indices: arrayOf(isIndexSummary),
  notes: arrayOf(str),
});

export const isResultsOptions = obj<ResultsOptions>({
  survey: str,
  versions: arrayOf(obj({ version: num, responses: num })),
  current: num,
  banners: arrayOf(obj({ question: str, text: str })),
  channels: arrayOf(obj({ id: str, label: str })),
  days: nullable(isDays),
  minBase: num,
});
