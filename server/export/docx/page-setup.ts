// The report's sections: portrait A4 for the text, landscape A4 for the appendix tables, both with
// the 公文 page number "— 1 —" (四号 宋体) right on odd pages and left on even ones, one character in.
import {
  AlignmentType,
  Footer,
  type ISectionOptions,
  PageNumber,
  PageOrientation,
  Paragraph,
  TextRun,
} from "docx";
import { A4, FONTS, LANDSCAPE_MARGIN, mm, PORTRAIT_MARGIN, runFonts, SIZE } from "./gbt9704.ts";

/** One character of 四号 in from the edge of the text area. */
const NUMBER_INDENT = SIZE.si * 10;

function pageNumberFooter(side: "odd" | "even"): Footer {
  const font = runFonts(FONTS.pageNumber, FONTS.pageNumber);
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === "odd" ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === "odd" ? { right: NUMBER_INDENT } : { left: NUMBER_INDENT },
        spacing: { line: 240, before: 0, after: 0 },
        children: [
          new TextRun({ text: "— ", font, size: SIZE.si }),
          new TextRun({ children: [PageNumber.CURRENT], font, size: SIZE.si }),
          new TextRun({ text: " —", font, size: SIZE.si }),
        ],
      }),
    ],
  });
}

/** Footers for a section; Word's default footer is the odd pages' when even ones have their own. */
const footers = () => ({ default: pageNumberFooter("odd"), even: pageNumberFooter("even") });

type Children = ISectionOptions["children"];

export function portraitSection(children: Children): ISectionOptions {
  return {
    properties: {
      page: {
        size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT },
        // The number's line sits 7 mm under the text area: footer text ends about 23 mm up.
        margin: { ...PORTRAIT_MARGIN, footer: mm(23), header: mm(15), gutter: 0 },
      },
    },
    footers: footers(),
    children,
  };
}

export function landscapeSection(children: Children): ISectionOptions {
  return {
    properties: {
      page: {
        // docx swaps width and height for a landscape page: w:w 297 mm, w:h 210 mm.
        size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE },
        margin: { ...LANDSCAPE_MARGIN, footer: mm(14), header: mm(10), gutter: 0 },
      },
    },
    footers: footers(),
    children,
  };
}
