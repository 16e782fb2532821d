// The narrative report, shared by the DOCX and the printable page: sentences per column, then the table.
import type { IndexSummary, QuestionTable } from "../tabulate/results-schemas.ts";
import type { ExportInput } from "./export-input.ts";
import {
  describeChiSquare,
  describeDays,
  describeFilters,
  MULTIPLE_BASE_NOTE,
  markHidden,
  shownColumnSize,
} from "./figure-text.ts";
import { tableTitle } from "./grid-tables.ts";
import {
  buildIndexTable,
  describeIndexItem,
  describeIndexRanking,
  indexFigure,
} from "./index-sentences.ts";
import { describeColumn, describeTextAnswers } from "./narrative-sentences.ts";
import { findQuestion, findSectionTitle } from "./survey-lookup.ts";
import { type DescribedTextGroup, describeTextGroup, isTextQuestion } from "./text-groups.ts";

export interface NarrativeQuestion {
  code: string;
  text: string;
  /** 全体 first, then each banner column in order; a hidden column is one sentence saying so. */
  paragraphs: string[];
  /** The banner table printed after the sentences; null for text questions, which have none. */
  table: QuestionTable | null;
  /** Under the table: the test of difference and the multiple-choice base. */
  notes: string[];
  /** The 全体 group's free texts (answers, or “其他” explanations), listed last. */
  texts: { heading: string; group: DescribedTextGroup } | null;
}

export interface NarrativeSection {
  title: string;
  questions: NarrativeQuestion[];
}

/** One declared index (满意率 …): the ranking sentence, the ranked table, one sentence per aspect. */
export interface NarrativeIndex {
  name: string;
  ranking: string;
  table: { head: string[]; body: string[][] };
  sentences: string[];
  /** The same figures for a chart: aspect and 全体 value (0–1), rank order; hidden ones left out. */
  chart: { label: string; value: number; text: string }[];
}

export interface Narrative {
  title: string;
  /** How the figures were made: sample, dates, filters, the minimum base and the disclosure notes. */
  method: string[];
  /** The headline figures, printed after the method and before the questions. */
  indices: NarrativeIndex[];
  sections: NarrativeSection[];
  generatedOn: string;
}

function describeMethod(input: ExportInput): string[] {
  const tab = input.tabulation;
  const k = tab.minBase;
  const total = shownColumnSize(tab.columns[0]);
  const sample = total === null ? `回答人数少于 ${k} 人` : `共 ${total} 份有效回答`;
  const hasMultiple = tab.questions.some((q) => q.kind === "multiple");
  return [
    `本报告依据“${tab.survey.title}”（第 ${tab.survey.version} 版）的回答数据生成，统计截至 ${tab.asOf}，${sample}，回答日期为 ${describeDays(tab)}。`,
    `${describeFilters(tab)}；按“${tab.banner.text}”分组列出。`,
    `为保护被调查者匿名，回答人数少于 ${k} 人的组别，以及可据以推算出此类组别的数字，均按规定不予发布：人数不足的组在表中以“${markHidden(k)}”表示，为保护其他组而隐藏的组以“不显示”表示，表头写明原因；文字内容仅在组内人数不少于 ${tab.textMinGroup} 人时列出。占比保留一位小数（按准确比值四舍五入）。`,
    ...tab.notes,
    ...(hasMultiple ? [MULTIPLE_BASE_NOTE] : []),
  ];
}

function describeQuestion(q: QuestionTable, input: ExportInput): NarrativeQuestion {
  const tab = input.tabulation;
  const source = findQuestion(input.survey, q.code);
  const phrase = source?.kind === "multiple" ? source.reportPhrase : undefined;
  const totalGroup = q.texts.find((g) => g.column === tab.columns[0]?.key);
  const heading = isTextQuestion(q) ? "文字回答" : "“其他”说明";
  const texts = totalGroup ? { heading, group: describeTextGroup(q, totalGroup, tab) } : null;
  if (isTextQuestion(q)) {
    return {
      code: q.code,
      text: q.text,
      paragraphs: [describeTextAnswers(q, tab)],
      table: null,
      notes: [],
      texts,
    };
  }
  const notes = [
    describeChiSquare(q.chiSquare),
    q.note ?? (q.kind === "multiple" ? MULTIPLE_BASE_NOTE : null),
  ].filter((note) => note !== null);
  return {
    code: q.code,
    text: tableTitle(q),
    // The banner question broken down by itself is trivial; every other group is named, even
    // a hidden or an empty one, so the groups in the sentences match the table's columns.
    paragraphs: tab.columns
      .map((_, i) => i)
      .filter((i) => i === 0 || q.code !== tab.banner.question)
      .map((i) => describeColumn(q, tab, i, phrase)),
    table: q,
    notes,
    // A choice question without “其他” texts has nothing to list.
    texts: texts && (texts.group.texts.length > 0 || texts.group.withheld !== null) ? texts : null,
  };
}

function describeIndex(summary: IndexSummary, input: ExportInput): NarrativeIndex {
  const tab = input.tabulation;
  return {
    name: summary.name,
    ranking: describeIndexRanking(summary, tab),
    table: buildIndexTable(summary, tab),
    sentences: summary.items.map((item) => describeIndexItem(summary, item, tab)),
    chart: summary.items.flatMap((item) => {
      const total = item.cells[0];
      if (!total || total.value === null) return [];
      return [{ label: item.text, value: total.value, text: indexFigure(total, tab.minBase) }];
    }),
  };
}

/** Sections in survey order, titled from the survey; each question's sentences precede its table. */
export function buildNarrative(input: ExportInput): Narrative {
  const bySection = new Map<string, NarrativeQuestion[]>();
  for (const q of input.tabulation.questions) {
    const title = findSectionTitle(input.survey, q.code, q.section);
    const list = bySection.get(title) ?? [];
    list.push(describeQuestion(q, input));
    bySection.set(title, list);
  }
  return {
    title: input.tabulation.survey.title,
    method: describeMethod(input),
    indices: input.tabulation.indices.map((summary) => describeIndex(summary, input)),
    sections: [...bySection].map(([title, questions]) => ({ title, questions })),
    generatedOn: input.generatedOn,
  };
}
