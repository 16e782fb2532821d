// Reads downloads back in tests: collects a writer's stream, parses CSV, opens xlsx parts and
// finds what they hold: sheet XML, print titles, grids of cells and the figure tables in them.
import { PassThrough, type Writable } from "node:stream";
import { CFB, read, utils, type WorkBook, type WorkSheet } from "@e965/xlsx";

export type Value = string | number | null;
export type Grid = Value[][];

/** Runs a streaming writer into memory; the sink is drained as it goes, as a client would. */
export async function collect(write: (out: Writable) => Promise<void>): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (chunk: Buffer) => chunks.push(chunk));
  await write(sink);
  return Buffer.concat(chunks);
}

export function readWorkbook(bytes: Buffer): WorkBook {
  return read(bytes, { type: "buffer", cellNF: true, cellFormula: true });
}

/** One part of the xlsx zip as text, e.g. "xl/worksheets/sheet2.xml". */
export function readPart(bytes: Buffer, path: string): string {
  const zip: unknown = CFB.read(bytes, { type: "buffer" });
  const entry: unknown = CFB.find(zip, `/${path}`);
  if (typeof entry !== "object" || entry === null || !("content" in entry))
    throw new Error(`no ${path} in the workbook`);
  const content: unknown = entry.content;
  if (!(content instanceof Uint8Array)) throw new Error(`${path} has no content`);
  return Buffer.from(content).toString("utf8");
}

const XML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Text of an XML element or attribute as a reader sees it. */
export const decodeXml = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => XML_ENTITIES[name] ?? "");

/** Each sheet's name and XML in tab order, found as a reader finds them: workbook.xml, then rels. */
export function sheetParts(bytes: Buffer): { name: string; xml: string }[] {
  const rels = readPart(bytes, "xl/_rels/workbook.xml.rels");
  const targets = new Map(
    [...rels.matchAll(/<Relationship Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1], m[2]]),
  );
  const sheets = readPart(bytes, "xl/workbook.xml").matchAll(
    /<sheet name="([^"]*)"[^>]*r:id="([^"]+)"/g,
  );
  return [...sheets].map(([, name, id]) => {
    const target = targets.get(id ?? "");
    if (!target) throw new Error(`sheet ${name} has no part`);
    return { name: decodeXml(name ?? ""), xml: readPart(bytes, `xl/${target}`) };
  });
}

/** The attributes of the first <element …> in `xml`, decoded; null when there is none. */
export function attributesOf(xml: string, element: string): Record<string, string> | null {
  const tag = new RegExp(`<${element}(\\s[^>]*)?/?>`).exec(xml);
  if (!tag) return null;
  const pairs = [...(tag[1] ?? "").matchAll(/([\w:]+)="([^"]*)"/g)];
  return Object.fromEntries(pairs.map(([, key, value]) => [key, decodeXml(value ?? "")]));
}

/** The workbook's _xlnm.Print_Titles, by 0-based sheet index: "'Q2'!$1:$4". */
export function printTitles(bytes: Buffer): Map<number, string> {
  const workbook = readPart(bytes, "xl/workbook.xml");
  const names = workbook.matchAll(
    /<definedName name="_xlnm\.Print_Titles" localSheetId="(\d+)">([^<]*)<\/definedName>/g,
  );
  return new Map([...names].map(([, sheet, ref]) => [Number(sheet), decodeXml(ref ?? "")]));
}

/** A sheet's cells as rows from A1, empty cells null; no sheet, no rows. */
export const gridOf = (sheet: WorkSheet | undefined): Grid =>
  sheet ? utils.sheet_to_json<Value[]>(sheet, { header: 1, defval: null, raw: true }) : [];

export const isEmptyRow = (row: Value[] | undefined) =>
  !row || row.every((v) => v === null || v === "");

/** Where the figures are: 人数/占比/有效占比, and the rows below them up to the table's blank row. */
export function figureTables(grid: Grid): { columns: number[]; rows: Grid }[] {
  const tables: { columns: number[]; rows: Grid }[] = [];
  grid.forEach((row, r) => {
    const figures = row.slice(1).filter((v) => v !== null);
    if (row[0] !== null || !figures.includes("人数")) return;
    if (!figures.every((v) => v === "人数" || v === "占比" || v === "有效占比")) return;
    const columns = row.flatMap((v, c) => (c > 0 && v !== null ? [c] : []));
    const end = grid.findIndex((other, o) => o > r && isEmptyRow(other));
    tables.push({ columns, rows: grid.slice(r + 1, end < 0 ? undefined : end) });
  });
  return tables;
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else if (c === "\n" || c === "\r") throw new Error(`bare line break outside quotes at ${i}`);
    else field += c;
  }
  if (field !== "" || record.length > 0) throw new Error("last record does not end in CRLF");
  return records;
}
