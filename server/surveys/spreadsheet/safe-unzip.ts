// Opens an uploaded .xlsx (a ZIP) with hard limits before any spreadsheet code sees it: a capped
// entry count, every inflate stopped at a byte budget however the sizes lie (a zip bomb), and only
// the XML parts kept (no images, printer settings or macros).
import { inflateRawSync } from "node:zlib";

export const UNZIP_LIMITS = {
  /** A workbook has 10–30 parts; thousands is a crafted file. */
  entries: 500,
  /** All kept parts together, inflated. A 300-question survey's sheets are well under 1 MB. */
  totalBytes: 8 * 1024 * 1024,
};

export type Unzipped = { ok: true; parts: Map<string, Buffer> } | { ok: false; message: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const KEEP = /\.(xml|rels)$/i;

const fail = (message: string): Unzipped => ({ ok: false, message });
const NOT_XLSX = "不是 xlsx 文件，或文件已损坏：请在 WPS 或 Excel 中“另存为” .xlsx 后再导入";

function findEndRecord(zip: Buffer): number {
  // The end record is 22 bytes plus a comment of at most 65,535.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--)
    if (zip.readUInt32LE(at) === EOCD) return at;
  return -1;
}

export function unzipXlsx(zip: Buffer, limits = UNZIP_LIMITS): Unzipped {
  if (zip.length < 22 || zip.readUInt32LE(0) !== LOCAL) return fail(NOT_XLSX);
  const end = findEndRecord(zip);
  if (end < 0) return fail(NOT_XLSX);
  const count = zip.readUInt16LE(end + 10);
  if (count > limits.entries) return fail(`文件包含 ${count} 个部件，超过上限 ${limits.entries}`);
  const parts = new Map<string, Buffer>();
  let budget = limits.totalBytes;
  let at = zip.readUInt32LE(end + 16);
  try {
    for (let i = 0; i < count; i++) {
      if (zip.readUInt32LE(at) !== CENTRAL) return fail(NOT_XLSX);
      const flags = zip.readUInt16LE(at + 8);
      const method = zip.readUInt16LE(at + 10);
      const compressed = zip.readUInt32LE(at + 20);
      const nameLength = zip.readUInt16LE(at + 28);
      const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
      const local = zip.readUInt32LE(at + 42);
      const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
      at += 46 + skip;
      if (!KEEP.test(name)) continue;
      if (flags & 1) return fail("文件已加密：请去掉密码后再导入");
      if (parts.has(name)) return fail(NOT_XLSX);
      if (zip.readUInt32LE(local) !== LOCAL) return fail(NOT_XLSX);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      if (start + compressed > zip.length) return fail(NOT_XLSX);
      const data = zip.subarray(start, start + compressed);
      let bytes: Buffer;
      if (method === 0) bytes = Buffer.from(data);
      else if (method === 8) bytes = inflateRawSync(data, { maxOutputLength: budget + 1 });
      else return fail(NOT_XLSX);
      budget -= bytes.length;
      if (budget < 0) return fail(tooBig(limits));
      parts.set(name, bytes);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === "ERR_BUFFER_TOO_LARGE" ? tooBig(limits) : NOT_XLSX);
  }
  if (!parts.has("[Content_Types].xml") || !parts.has("xl/workbook.xml")) return fail(NOT_XLSX);
  return { ok: true, parts };
}

const tooBig = (limits: typeof UNZIP_LIMITS) =>
  `文件解压后超过 ${limits.totalBytes / 1024 / 1024} MB，不像一份问卷：已拒绝`;
