// The Word report as a 公文 (GB/T 9704): portrait text with the method, the declared indices and per
// question its sentences and chart; the banner tables in a landscape appendix, sized to their figures.
import { Document, Packer } from "docx";
import { fontTableOverride } from "./docx/font-table.ts";
import { indexBlocks } from "./docx/index-blocks.ts";
import { landscapeSection, portraitSection } from "./docx/page-setup.ts";
import {
  bodyParagraph,
  clean,
  headingParagraph,
  subtitleParagraph,
  titleParagraph,
} from "./docx/paragraphs.ts";
import type { Block, Numbering } from "./docx/question-blocks.ts";
import { questionTable, questionText } from "./docx/question-blocks.ts";
import { REPORT_STYLES } from "./docx/styles.ts";
import type { ExportInput } from "./export-input.ts";
import { buildNarrative, type NarrativeQuestion } from "./narrative.ts";

export interface DocxReportOptions {
  /** Told once per report when charts lose their words (no Chinese font for resvg). */
  warn?: (message: string) => void;
}

export async function buildDocxReport(
  input: ExportInput,
  options: DocxReportOptions = {},
): Promise<Buffer> {
  const narrative = buildNarrative(input);
  const tab = input.tabulation;
  let warned = false;
  const warn = (message: string) => {
    if (!warned) (options.warn ?? console.warn)(message);
    warned = true;
  };
  const numbering: Numbering = { figure: 0, table: 0 };
  const text: Block[] = [
    titleParagraph(narrative.title),
    subtitleParagraph(`调查结果报告 · 生成于 ${narrative.generatedOn}`),
    headingParagraph("调查说明", 1),
    ...narrative.method.map((line) => bodyParagraph(line)),
    ...indexBlocks(narrative.indices, numbering, warn),
  ];
  const tables: { question: NarrativeQuestion; number: number }[] = [];
  for (const section of narrative.sections) {
    text.push(headingParagraph(section.title, 1));
    for (const question of section.questions) {
      text.push(...questionText(question, tab, numbering, warn));
      if (question.table) tables.push({ question, number: numbering.table });
    }
  }
  const appendix: Block[] = tables.flatMap(({ question, number }) =>
    questionTable(question, tab, number),
  );
  const document = new Document({
    title: clean(narrative.title),
    creator: "问卷系统",
    styles: REPORT_STYLES,
    // 公文 page numbers: odd pages right, even pages left.
    evenAndOddHeaderAndFooters: true,
    sections: [
      portraitSection(text),
      ...(appendix.length > 0
        ? [landscapeSection([headingParagraph("附表　各题分组统计", 1), ...appendix])]
        : []),
    ],
  });
  return Packer.toBuffer(document, false, [fontTableOverride()]);
}
