// Reads downloads back in tests: collects a writer's stream, parses CSV, opens xlsx parts.
import { PassThrough, type Writable } from "node:stream";
import { CFB, read, type WorkBook } from "@e965/xlsx";

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
