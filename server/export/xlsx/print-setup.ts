// A sheet's print setup as SpreadsheetML (ECMA-376 Part 1 §18.3.1): the fit-to-page flag that
// opens the sheet, the options, margins, page setup and header/footer that close it, and the
// _xlnm.Print_Titles defined name that repeats header rows on every page.
import type { PrintSetup } from "./sheet-types.ts";
import { escapeXml } from "./xml-text.ts";

/** Excel refuses a header or footer longer than this, counting its codes. */
export const HEADER_FOOTER_LIMIT = 255;

/** A4 in ECMA-376 §18.18.42's paper sizes. */
const A4 = 9;

/** Room for a one-line header and footer; narrow sides leave the table the width. In inches. */
const MARGINS =
  '<pageMargins left="0.4" right="0.4" top="0.7" bottom="0.7" header="0.3" footer="0.3"/>';

/** Text as a header/footer shows it: "&" starts a code, so a literal one is doubled. */
export function headerFooterText(text: string): string {
  return text.replaceAll("&", "&&");
}

/** First child of <worksheet>: without fitToPage, Excel ignores fitToWidth. */
export function sheetPropertiesXml(print: PrintSetup | undefined): string {
  return print?.fitToWidth ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : "";
}

const isRowRange = ([first, last]: [number, number]) =>
  Number.isInteger(first) && Number.isInteger(last) && 1 <= first && first <= last;

/** Throws before the first row is written if Excel would refuse or repair the file. */
export function checkPrintSetup(sheetName: string, print: PrintSetup | undefined): void {
  if (!print) return;
  for (const text of [print.header, print.footer])
    if (text !== undefined && text.length > HEADER_FOOTER_LIMIT)
      throw new Error(`a page header or footer of ${sheetName} is past Excel's 255 characters`);
  if (print.titleRows && !isRowRange(print.titleRows))
    throw new Error(
      `print title rows ${print.titleRows.join("–")} of ${sheetName} are not a range`,
    );
}

function headerFooterXml(print: PrintSetup): string {
  const parts: string[] = [];
  if (print.header) parts.push(`<oddHeader>${escapeXml(print.header)}</oddHeader>`);
  if (print.footer) parts.push(`<oddFooter>${escapeXml(print.footer)}</oddFooter>`);
  return parts.length > 0 ? `<headerFooter>${parts.join("")}</headerFooter>` : "";
}

/** After the merges: printOptions, pageMargins, pageSetup, headerFooter, in that order. */
export function printTailXml(print: PrintSetup | undefined): string {
  if (!print) return MARGINS;
  // fitToHeight="0": as many pages down as needed, so only the width is scaled.
  const fit = print.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : "";
  return [
    print.gridLines ? '<printOptions gridLines="1"/>' : "",
    MARGINS,
    `<pageSetup paperSize="${A4}" orientation="${print.orientation}"${fit}/>`,
    headerFooterXml(print),
  ].join("");
}

/** 'Q2'!$1:$4, with the sheet name quoted as formulas quote it. */
function printTitlesRef(sheetName: string, [first, last]: [number, number]): string {
  return `'${sheetName.replaceAll("'", "''")}'!$${first}:$${last}`;
}

/**
 * One <definedName> per sheet with title rows (checked by checkPrintSetup); localSheetId is the
 * sheet's 0-based tab index.
 */
export function printTitlesXml(sheets: { name: string; print?: PrintSetup }[]): string {
  const names = sheets.flatMap(({ name, print }, index) => {
    const rows = print?.titleRows;
    if (!rows) return [];
    const ref = escapeXml(printTitlesRef(name, rows));
    return [`<definedName name="_xlnm.Print_Titles" localSheetId="${index}">${ref}</definedName>`];
  });
  return names.length > 0 ? `<definedNames>${names.join("")}</definedNames>` : "";
}
