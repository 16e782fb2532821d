// The report's paragraph styles after GB/T 9704: 仿宋 三号 body on a fixed 28.95 pt line, title in
// 小标宋 二号, 一级标题 黑体, 二级标题 楷体, 三级标题 仿宋 bold, all black.
import { AlignmentType, type IStylesOptions, LineRuleType } from "docx";
import { BODY_INDENT, BODY_LINE, FONTS, runFonts, SIZE } from "./gbt9704.ts";

const fixedLine = { line: BODY_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

const heading = (font: (typeof FONTS)[keyof typeof FONTS], bold = false) => ({
  run: { font: runFonts(font), size: SIZE.san, bold, color: "000000" },
  paragraph: {
    spacing: fixedLine,
    indent: { firstLine: BODY_INDENT },
    keepNext: true,
    keepLines: true,
  },
});

export const REPORT_STYLES: IStylesOptions = {
  default: {
    document: {
      run: { font: runFonts(FONTS.body), size: SIZE.san, color: "000000" },
      paragraph: { spacing: fixedLine },
    },
    title: {
      run: { font: runFonts(FONTS.title), size: SIZE.er, bold: false, color: "000000" },
      paragraph: {
        alignment: AlignmentType.CENTER,
        // Two body lines for the 二号 title, and a blank line under it.
        spacing: {
          line: Math.round(BODY_LINE * 1.5),
          lineRule: LineRuleType.EXACT,
          before: 0,
          after: BODY_LINE,
        },
        keepNext: true,
      },
    },
    heading1: heading(FONTS.heading1),
    heading2: heading(FONTS.heading2),
    heading3: heading(FONTS.body, true),
  },
};
