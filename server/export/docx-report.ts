// The Word report: method, then per question the narrative sentences followed by the banner table.
import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { ExportInput } from "./export-input.ts";
import { buildNarrative, type NarrativeQuestion } from "./narrative.ts";
import { buildReportTable } from "./report-table.ts";

/** docx's default page is A4 with 1-inch margins: 9026 twentieths of a point of text width. */
const TEXT_WIDTH = 9026;
const TABLE_TEXT_SIZE = 18;

/** docx escapes markup but not control characters, which would make the file unreadable. */
const clean = (text: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
  text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");

/** Line breaks inside a respondent's text become breaks in one paragraph. */
function runsOf(text: string, options: { bold?: boolean; size?: number } = {}): TextRun[] {
  return clean(text)
    .split(/\r\n|\r|\n/)
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, ...options }));
}

const paragraph = (text: string, options: { bold?: boolean; size?: number } = {}) =>
  new Paragraph({ children: runsOf(text, options) });

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ heading: level, children: runsOf(text) });

function tableOf(question: NarrativeQuestion, input: ExportInput): Table | null {
  if (!question.table) return null;
  const { head, body, foot } = buildReportTable(question.table, input.tabulation);
  const cell = (text: string, bold = false) =>
    new TableCell({ children: [paragraph(text, { bold, size: TABLE_TEXT_SIZE })] });
  const row = (cells: string[], header = false) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map((text, i) => cell(text, header || i === 0)),
    });
  // The label column takes about a third; the figures share the rest.
  const labelWidth = Math.round(TEXT_WIDTH * 0.34);
  const figureWidth = Math.floor((TEXT_WIDTH - labelWidth) / Math.max(head.length - 1, 1));
  return new Table({
    // docx reads a bare number as fiftieths of a percent: "100%" must be a string.
    width: { size: "100%", type: WidthType.PERCENTAGE },
    columnWidths: [labelWidth, ...head.slice(1).map(() => figureWidth)],
    rows: [row(head, true), ...[...body, ...foot].map((cells) => row(cells))],
  });
}

function questionChildren(question: NarrativeQuestion, input: ExportInput) {
  const children: (Paragraph | Table)[] = [
    heading(`${question.code}　${question.text}`, HeadingLevel.HEADING_2),
    ...question.paragraphs.map((text) => paragraph(text)),
  ];
  const table = tableOf(question, input);
  if (table) children.push(table);
  for (const note of question.notes) children.push(paragraph(note, { size: TABLE_TEXT_SIZE }));
  if (question.texts) {
    const { heading: title, group } = question.texts;
    children.push(paragraph(`${title}：${group.heading}`, { bold: true }));
    if (group.withheld !== null) children.push(paragraph(group.withheld));
    for (const t of group.texts) {
      const times = t.count > 1 ? `（${t.count} 次）` : "";
      children.push(paragraph(`· ${t.text}${times}`));
    }
  }
  return children;
}

export async function buildDocxReport(input: ExportInput): Promise<Buffer> {
  const narrative = buildNarrative(input);
  const children: (Paragraph | Table)[] = [
    heading(narrative.title, HeadingLevel.TITLE),
    paragraph(`调查结果报告 · 生成于 ${narrative.generatedOn}`),
    heading("调查说明", HeadingLevel.HEADING_1),
    ...narrative.method.map((text) => paragraph(text)),
  ];
  for (const section of narrative.sections) {
    children.push(heading(section.title, HeadingLevel.HEADING_1));
    for (const question of section.questions) children.push(...questionChildren(question, input));
  }
  const document = new Document({
    title: clean(narrative.title),
    creator: "问卷系统",
    styles: {
      default: {
        document: {
          run: { font: { ascii: "Arial", hAnsi: "Arial", eastAsia: "SimSun" }, size: 21 },
        },
      },
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
