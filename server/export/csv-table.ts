// The CSV download, long format: one record per question × row × column, then free texts, then notes.
// 占比(%) and 有效占比(%) are percentages with one decimal (42.1 means 42.1%), rounded as every other
// output rounds them (figure-rules.ts); counts and each row's own base let anyone recompute them.
// Hidden figures read "<k" for a group under k, "不显示" for one hidden to protect another.
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";
import { rowBase } from "../tabulate/figure-rules.ts";
import type { QuestionTable, Tabulation } from "../tabulate/results-schemas.ts";
import type { ExportInput } from "./export-input.ts";
import {
  baseText,
  describeDays,
  describeFilters,
  describeMarks,
  figureOf,
  MULTIPLE_BASE_NOTE,
  shownValidBase,
} from "./figure-text.ts";
import { neutralizeFormula } from "./formula-guard.ts";
import { tableTitle } from "./grid-tables.ts";
import { describeTextGroup, isTextQuestion } from "./text-groups.ts";

type Field = string | number | null;

export const CSV_HEADER = [
  "题号",
  "题目",
  "行",
  "列",
  "基数",
  "人数",
  "占比(%)",
  "有效基数",
  "有效占比(%)",
  "文字",
];

function* tableRecords(q: QuestionTable, tab: Tabulation): Generator<Field[]> {
  const hasValid = q.validBases !== null;
  for (const row of q.rows) {
    for (const [i, column] of tab.columns.entries()) {
      const head = [q.code, tableTitle(q), row.label, column.label];
      const figure = figureOf(q, row, tab, i);
      const base = rowBase(q, row, tab.columns, i);
      const validBase = row.kind === "notShown" ? null : shownValidBase(q, i);
      if (figure.kind === "shown") {
        const valid = figure.valid;
        yield [
          ...head,
          figure.base,
          figure.count,
          figure.points,
          validBase,
          valid?.points ?? null,
          null,
        ];
      } else if (figure.kind === "empty") {
        yield [...head, 0, 0, null, hasValid ? validBase : null, null, null];
      } else if (base === null) {
        const mark = baseText(q, tab, i, null);
        const valid = hasValid && row.kind !== "notShown" ? mark : null;
        yield [...head, mark, mark, mark, valid, valid, null];
      } else {
        // A hidden row in a shown column: the base is public, the row's figures are not.
        const valid = hasValid && row.kind !== "notShown" ? figure.mark : null;
        yield [...head, base, figure.mark, figure.mark, validBase, valid, null];
      }
    }
  }
}

function* textRecords(q: QuestionTable, tab: Tabulation): Generator<Field[]> {
  const kind = isTextQuestion(q) ? "文字回答" : "其他说明";
  for (const group of q.texts) {
    const described = describeTextGroup(q, group, tab);
    const head = [q.code, q.text, kind, described.label, described.size];
    if (described.withheld !== null) yield [...head, null, null, null, null, described.withheld];
    for (const t of described.texts) yield [...head, t.count, null, null, null, t.text];
  }
}

function* noteRecords(input: ExportInput): Generator<Field[]> {
  const tab = input.tabulation;
  const about = `${tab.survey.title}（${tab.survey.id} 第 ${tab.survey.version} 版），统计截至 ${tab.asOf}，回答日期 ${describeDays(tab)}，${describeFilters(tab)}，交叉分组：${tab.banner.text}，生成于 ${input.generatedOn}。`;
  const notes = [
    about,
    ...tab.notes,
    MULTIPLE_BASE_NOTE,
    `${describeMarks(tab.minBase)}（最小发布基数 ${tab.minBase}）`,
  ];
  for (const note of notes) yield [null, null, "说明", null, null, null, null, null, null, note];
}

function* records(input: ExportInput): Generator<Field[]> {
  yield CSV_HEADER;
  for (const q of input.tabulation.questions) {
    yield* tableRecords(q, input.tabulation);
    yield* textRecords(q, input.tabulation);
  }
  yield* noteRecords(input);
}

/** Text fields go through the formula guard; numbers stay numbers. */
function* guarded(input: ExportInput): Generator<Field[]> {
  for (const record of records(input)) {
    yield record.map((field) => (typeof field === "string" ? neutralizeFormula(field) : field));
  }
}

/** Writes and ends `out`: UTF-8 with a BOM (Excel needs it for Chinese), RFC 4180, CRLF. */
export async function writeCsv(input: ExportInput, out: Writable): Promise<void> {
  await pipeline(
    Readable.from(guarded(input)),
    stringify({ bom: true, record_delimiter: "windows" }),
    out,
  );
}
