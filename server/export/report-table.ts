// The banner table as text cells, for the DOCX and the printable page: "16（42.1%）", or why not.
import { NOT_SHOWN_BASE_LABEL } from "../tabulate/figure-rules.ts";
import type { QuestionTable, Tabulation } from "../tabulate/results-schemas.ts";
import {
  baseText,
  figureOf,
  hasNotShownRow,
  headingOf,
  notShownBase,
  shownBase,
} from "./figure-text.ts";

export interface ReportTable {
  head: string[];
  body: string[][];
  /** The base rows: respondents who saw the question, then the 未显示 row's base if it has one. */
  foot: string[][];
}

export function buildReportTable(q: QuestionTable, tab: Tabulation): ReportTable {
  const head = ["选项", ...tab.columns.map((_, i) => headingOf(q, tab, i))];
  const body = q.rows.map((row) => [
    row.label,
    ...tab.columns.map((_, i) => {
      const figure = figureOf(q, row, tab, i);
      if (figure.kind === "hidden") return figure.mark;
      return figure.kind === "empty" ? "—" : `${figure.count}（${figure.share}）`;
    }),
  ]);
  const baseRow = (label: string, base: (i: number) => number | null) => [
    label,
    ...tab.columns.map((_, i) => String(baseText(q, tab, i, base(i)))),
  ];
  const foot = [baseRow("基数", (i) => shownBase(q, i))];
  if (hasNotShownRow(q)) foot.push(baseRow(NOT_SHOWN_BASE_LABEL, (i) => notShownBase(q, tab, i)));
  return { head, body, foot };
}
