// The banner table as text cells, for the DOCX and the printable page: "16（42.1%）", or "<k".
import type { QuestionTable, Tabulation } from "../tabulate/results-schemas.ts";
import { columnHeading, formatPercent, markHidden, shownBase, shownCell } from "./figure-text.ts";

export interface ReportTable {
  head: string[];
  body: string[][];
  /** The base row: respondents who saw the question, per column. */
  foot: string[];
}

export function buildReportTable(q: QuestionTable, tab: Tabulation): ReportTable {
  const hidden = markHidden(tab.minBase);
  const head = [
    "选项",
    ...tab.columns.map((c, i) => columnHeading(c.label, shownBase(q, i), tab.minBase)),
  ];
  const body = q.rows.map((row) => [
    row.label,
    ...tab.columns.map((_, i) => {
      const cell = shownCell(q, row, i);
      return cell ? `${cell.count}（${formatPercent(cell.percent)}）` : hidden;
    }),
  ]);
  const foot = ["基数", ...tab.columns.map((_, i) => String(shownBase(q, i) ?? hidden))];
  return { head, body, foot };
}
