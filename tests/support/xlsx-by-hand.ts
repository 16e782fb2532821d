// Builds .xlsx files the way WPS and Excel save them (a shared-string table, numbers as numbers,
// rows with gaps), or deliberately broken ones, from raw parts: no writer of ours in between.
import { Writable } from "node:stream";
import { ZipWriter } from "../../server/export/xlsx/zip-writer.ts";

export type HandCell = string | number | { formula: string; cached?: string | number };

const escapeText = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export async function zipParts(parts: [string, string | Buffer][]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, done) {
      chunks.push(chunk);
      done();
    },
  });
  const zip = new ZipWriter(sink);
  for (const [name, body] of parts)
    await zip.addEntry(name, [typeof body === "string" ? Buffer.from(body) : body]);
  await zip.finish();
  return Buffer.concat(chunks);
}

const letter = (i: number) => String.fromCharCode(65 + i);

/** Sheets as { row number (1-based) → cells from A }: a missing number is an empty row. */
export async function handMadeXlsx(
  sheets: { name: string; rows: Record<number, (HandCell | null)[]> }[],
): Promise<Buffer> {
  const strings: string[] = [];
  const sst = (text: string) => {
    const at = strings.indexOf(text);
    return at >= 0 ? at : strings.push(text) - 1;
  };
  const sheetXml = sheets.map(({ rows }) => {
    const body = Object.entries(rows)
      .map(([r, cells]) => {
        const xml = cells
          .map((cell, c) => {
            const ref = `${letter(c)}${r}`;
            if (cell === null) return "";
            if (typeof cell === "number") return `<c r="${ref}"><v>${cell}</v></c>`;
            if (typeof cell === "string") return `<c r="${ref}" t="s"><v>${sst(cell)}</v></c>`;
            const cached = cell.cached === undefined ? "" : `<v>${cell.cached}</v>`;
            const t = typeof cell.cached === "string" ? ' t="str"' : "";
            return `<c r="${ref}"${t}><f>${escapeText(cell.formula)}</f>${cached}</c>`;
          })
          .join("");
        return `<row r="${r}">${xml}</row>`;
      })
      .join("");
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
  });
  const main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const type = "application/vnd.openxmlformats-officedocument.spreadsheetml";
  const sheetList = sheets
    .map((s, i) => `<sheet name="${escapeText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join("");
  const rels = sheets
    .map(
      (_, i) =>
        `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    )
    .join("");
  const sstXml = `<sst xmlns="${main}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${escapeText(s)}</t></si>`).join("")}</sst>`;
  return zipParts([
    [
      "[Content_Types].xml",
      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${type}.sheet.main+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${type}.sharedStrings+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${type}.worksheet+xml"/>`).join("")}</Types>`,
    ],
    [
      "_rels/.rels",
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      "xl/workbook.xml",
      `<workbook xmlns="${main}" xmlns:r="${rel}"><sheets>${sheetList}</sheets></workbook>`,
    ],
    [
      "xl/_rels/workbook.xml.rels",
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}<Relationship Id="rIdS" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ],
    ["xl/sharedStrings.xml", sstXml],
    ...sheetXml.map((xml, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, xml]),
  ]);
}
