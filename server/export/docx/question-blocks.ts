// One question in the Word report: in the text its heading, the 全体 sentence, the chart, the
// groups' sentences and the free texts; in the landscape appendix its banner table and notes.
import type { Paragraph, Table } from "docx";
import type { Tabulation } from "../../tabulate/results-schemas.ts";
import { questionBars } from "../charts/question-bars.ts";
import { headingOf } from "../figure-text.ts";
import type { NarrativeQuestion } from "../narrative.ts";
import { buildReportTable } from "../report-table.ts";
import { type ChartWarn, chartParagraphs } from "./chart-paragraphs.ts";
import { fittedTables } from "./fitted-table.ts";
import { LANDSCAPE_TEXT } from "./gbt9704.ts";
import { bodyParagraph, headingParagraph, smallParagraph } from "./paragraphs.ts";

export type Block = Paragraph | Table;

/** Figure and appendix-table numbers, counted through the whole report. */
export interface Numbering {
  figure: number;
  table: number;
}

export function questionText(
  question: NarrativeQuestion,
  tab: Tabulation,
  numbering: Numbering,
  warn: ChartWarn,
): Block[] {
  const [overall, ...groups] = question.paragraphs;
  const blocks: Block[] = [headingParagraph(`${question.code}　${question.text}`, 2)];
  if (overall !== undefined) blocks.push(bodyParagraph(overall));
  const bars = question.table ? questionBars(question.table, tab) : [];
  if (question.table && bars.length > 0) {
    numbering.figure += 1;
    const caption = `图${numbering.figure}　${question.code}　${headingOf(question.table, tab, 0)}`;
    blocks.push(...chartParagraphs(bars, caption, warn));
  }
  blocks.push(...groups.map((text) => bodyParagraph(text)));
  if (question.table) {
    numbering.table += 1;
    blocks.push(bodyParagraph(`（分组统计见附表${numbering.table}。）`));
  }
  if (question.texts) {
    const { heading: title, group } = question.texts;
    blocks.push(headingParagraph(`${title}：${group.heading}`, 3));
    if (group.withheld !== null) blocks.push(bodyParagraph(group.withheld));
    for (const t of group.texts) {
      const times = t.count > 1 ? `（${t.count} 次）` : "";
      blocks.push(bodyParagraph(`· ${t.text}${times}`));
    }
  }
  return blocks;
}

/** The appendix table of a question (numbered as questionText counted it), in parts if it is wide. */
export function questionTable(
  question: NarrativeQuestion,
  tab: Tabulation,
  number: number,
): Block[] {
  if (!question.table) return [];
  const { head, body, foot } = buildReportTable(question.table, tab);
  const blocks: Block[] = fittedTables(
    { head, rows: [...body, ...foot], keyColumns: Math.min(2, head.length), wrapColumns: [0] },
    LANDSCAPE_TEXT,
    (p, parts) =>
      p === 0
        ? `附表${number}　${question.code}　${question.text}`
        : `附表${number}（续${parts > 2 ? p : ""}）`,
    question.notes.length > 0,
  );
  for (const note of question.notes) blocks.push(smallParagraph(note));
  return blocks;
}
