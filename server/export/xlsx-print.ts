// How every sheet of the Excel download prints: A4 landscape, one page wide, the survey's title
// and the sheet's name in the page header, "第 n 页，共 m 页" below, and the header rows repeated.
import { HEADER_FOOTER_LIMIT, headerFooterText } from "./xlsx/print-setup.ts";
import type { PrintSetup } from "./xlsx/sheet-types.ts";

const FOOTER = "&C第 &P 页，共 &N 页";

/** Room left for the sheet's name (31 characters at most) and the codes around it. */
const TITLE_ROOM = HEADER_FOOTER_LIMIT - 2 * 31 - 8;

/** A long title is cut to fit Excel's 255 characters, counted after "&" is doubled. */
function pageHeader(title: string, sheetName: string): string {
  let shown = headerFooterText(title);
  if (shown.length > TITLE_ROOM) {
    const characters = Array.from(title);
    while (headerFooterText(characters.join("")).length > TITLE_ROOM - 1) characters.pop();
    shown = `${headerFooterText(characters.join(""))}…`;
  }
  return `&C${shown}　${headerFooterText(sheetName)}`;
}

/**
 * Gridlines print: the tables carry no borders, and on paper a row of 37 figures at half size is
 * hard to follow without the ruling; borders per cell would add a style to every cell instead.
 */
export function printSetup(
  title: string,
  sheetName: string,
  titleRows: number | undefined,
): PrintSetup {
  return {
    orientation: "landscape",
    fitToWidth: true,
    gridLines: true,
    titleRows: titleRows === undefined || titleRows < 1 ? undefined : [1, titleRows],
    header: pageHeader(title, sheetName),
    footer: FOOTER,
  };
}
