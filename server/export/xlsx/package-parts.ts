// The fixed parts of an .xlsx package around the sheets: content types, relationships, and the
// workbook part that names the sheets in tab order (ECMA-376 Parts 1 and 2).
import { printTitlesXml } from "./print-setup.ts";
import type { PrintSetup } from "./sheet-types.ts";
import { escapeXml } from "./xml-text.ts";

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml";

export const sheetPath = (index: number) => `xl/worksheets/sheet${index + 1}.xml`;

export function contentTypesXml(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, i) => `<Override PartName="/${sheetPath(i)}" ContentType="${OFFICE_TYPE}.worksheet+xml"/>`,
  );
  return [
    XML_DECLARATION,
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
    '<Default Extension="xml" ContentType="application/xml"/>',
    `<Override PartName="/xl/workbook.xml" ContentType="${OFFICE_TYPE}.sheet.main+xml"/>`,
    `<Override PartName="/xl/styles.xml" ContentType="${OFFICE_TYPE}.styles+xml"/>`,
    ...sheets,
    "</Types>",
  ].join("");
}

export function rootRelsXml(): string {
  return `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
}

/** Sheets are rId1..rIdN, in tab order; styles come after them. */
export function workbookRelsXml(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  );
  const styles = `<Relationship Id="rId${sheetCount + 1}" Type="${REL}/styles" Target="styles.xml"/>`;
  return `${XML_DECLARATION}<Relationships xmlns="${PACKAGE_REL}">${sheets.join("")}${styles}</Relationships>`;
}

/** The sheets in tab order, with the rows each repeats on every printed page. */
export function workbookXml(sheetList: { name: string; print?: PrintSetup }[]): string {
  const sheets = sheetList.map(
    ({ name }, i) => `<sheet name="${escapeXml(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
  );
  return [
    XML_DECLARATION,
    `<workbook xmlns="${MAIN}" xmlns:r="${REL}">`,
    '<bookViews><workbookView activeTab="0"/></bookViews>',
    `<sheets>${sheets.join("")}</sheets>`,
    printTitlesXml(sheetList),
    "</workbook>",
  ].join("");
}
