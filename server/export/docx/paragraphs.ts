// The report's paragraphs: body text indented two characters, headings by level, captions and the
// small print under tables; every text is cleaned of what would make the file unreadable.
import { AlignmentType, HeadingLevel, LineRuleType, Paragraph, TextRun } from "docx";
import { BODY_INDENT, FONTS, runFonts, SIZE } from "./gbt9704.ts";

/** docx escapes markup but not control characters, which would make the file unreadable. */
export const clean = (text: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
  text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");

export interface RunStyle {
  bold?: boolean;
  size?: number;
  font?: ReturnType<typeof runFonts>;
}

/** Line breaks inside a respondent's text become breaks in one paragraph. */
export function runsOf(text: string, style: RunStyle = {}): TextRun[] {
  return clean(text)
    .split(/\r\n|\r|\n/)
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, ...style }));
}

/** 正文: 仿宋 三号, first line in by two characters, justified. */
export const bodyParagraph = (text: string, style: RunStyle = {}) =>
  new Paragraph({
    alignment: AlignmentType.BOTH,
    indent: { firstLine: BODY_INDENT },
    children: runsOf(text, style),
  });

export const titleParagraph = (text: string) =>
  new Paragraph({ heading: HeadingLevel.TITLE, children: runsOf(text) });

/** Centred 楷体 line under the title. */
export const subtitleParagraph = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    children: runsOf(text, { font: runFonts(FONTS.heading2) }),
  });

const LEVELS = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
} as const;

/** 一级 黑体, 二级 楷体, 三级 仿宋 bold (styles.ts). */
export const headingParagraph = (text: string, level: 1 | 2 | 3) =>
  new Paragraph({ heading: LEVELS[level], children: runsOf(text) });

/** Small print (五号) with single spacing: table captions, notes under a table or a chart. */
export function smallParagraph(
  text: string,
  options: { bold?: boolean; center?: boolean; keepNext?: boolean; heading?: boolean } = {},
) {
  const font = runFonts(options.heading ? FONTS.heading1 : FONTS.body);
  return new Paragraph({
    alignment: options.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { line: 300, lineRule: LineRuleType.AUTO, before: 60, after: 60 },
    keepNext: options.keepNext,
    children: runsOf(text, { bold: options.bold, size: SIZE.wu, font }),
  });
}
