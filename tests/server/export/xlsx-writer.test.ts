// The home-made xlsx writer: a ZIP that any reader accepts, a package whose parts are all declared
// and linked, and sheets that read back with their formats, merges, panes, widths, odd text and
// print setup.
import { Writable } from "node:stream";
import { crc32, inflateRawSync } from "node:zlib";
import { read, type WorkBook } from "@e965/xlsx";
import { beforeAll, describe, expect, it } from "vitest";
import type { PrintSetup, SheetRow } from "../../../server/export/xlsx/sheet-types.ts";
import { WorkbookWriter } from "../../../server/export/xlsx/workbook-writer.ts";
import { collect } from "./read-back.ts";

interface Entry {
  flags: number;
  method: number;
  text: string;
}

/** Reads a ZIP from its central directory, checking each entry's data against its records. */
function readZip(bytes: Buffer): Map<string, Entry> {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end, "end of central directory").toBe(bytes.length - 22);
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  expect(at + bytes.readUInt32LE(end + 12)).toBe(end);
  const entries = new Map<string, Entry>();
  for (let i = 0; i < count; i++) {
    expect(bytes.readUInt32LE(at)).toBe(0x02014b50);
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const crc = bytes.readUInt32LE(at + 16);
    const packed = bytes.readUInt32LE(at + 20);
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.toString("utf8", at + 46, at + 46 + nameLength);
    expect(bytes.readUInt32LE(local), `${name}: local header`).toBe(0x04034b50);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = inflateRawSync(bytes.subarray(start, start + packed));
    expect([data.length, crc32(data)], name).toEqual([size, crc]);
    // Streamed entries repeat CRC and sizes in a descriptor right after their data.
    const descriptor = start + packed;
    expect(bytes.readUInt32LE(descriptor), `${name}: data descriptor`).toBe(0x08074b50);
    expect([4, 8, 12].map((o) => bytes.readUInt32LE(descriptor + o))).toEqual([crc, packed, size]);
    entries.set(name, { flags, method, text: data.toString("utf8") });
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

const partOf = (zip: Map<string, Entry>, name: string): string => {
  const entry = zip.get(name);
  if (!entry) throw new Error(`no ${name}`);
  return entry.text;
};

const ODD_TEXT = "a\u0001b\u001Fc _x0041_ <b>&\"'\r\nd\uD800 😀";

/** 40 CJK characters: four lines in a column 22 characters wide. */
const LONG_NOTE = "回答人数少于五人的组别按规定不予发布其人数和比例".repeat(2).slice(0, 40);

const PRINT: PrintSetup = {
  orientation: "landscape",
  fitToWidth: true,
  gridLines: true,
  titleRows: [1, 2],
  header: "&C甲&&乙",
  footer: "&C第 &P 页，共 &N 页",
};

async function buildSample(): Promise<Buffer> {
  return collect(async (out) => {
    const book = new WorkbookWriter(out);
    await book.addSheet(
      {
        name: "概要 & <注>",
        columnWidths: [22, 60],
        freeze: { rows: 2, columns: 1 },
        print: PRINT,
      },
      [
        { cells: ["标题", null, null, "x"], bold: true, merges: [[1, 3]] },
        { cells: ["占比", { value: 0.288, numFmt: "0.0%" }, 42, null, -1.5e-7] },
        { cells: [] },
        { cells: [ODD_TEXT, "  两端空格  "] },
        { cells: [LONG_NOTE, 1], wrap: true },
        { cells: ["短"], wrap: true, height: 30 },
      ],
    );
    await book.addSheet({ name: "原始数据", freeze: { rows: 1 } }, [{ cells: [1] }]);
    await book.addSheet({ name: "编码表" }, [{ cells: [{ value: 3, numFmt: "0.0%" }] }]);
    await book.finish();
  });
}

let zip: Map<string, Entry>;
let book: WorkBook;
beforeAll(async () => {
  const bytes = await buildSample();
  zip = readZip(bytes);
  book = read(bytes, { type: "buffer", cellStyles: true, cellNF: true });
});

describe("WorkbookWriter package", () => {
  it("writes deflated, streamed entries for the sheets and the package parts", () => {
    expect([...zip.keys()].sort()).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "xl/_rels/workbook.xml.rels",
      "xl/styles.xml",
      "xl/workbook.xml",
      "xl/worksheets/sheet1.xml",
      "xl/worksheets/sheet2.xml",
      "xl/worksheets/sheet3.xml",
    ]);
    for (const [name, entry] of zip) {
      expect(entry.method, name).toBe(8);
      expect(entry.flags & 0x0008, name).toBe(0x0008);
    }
  });

  it("declares every part's content type and links each sheet from the workbook", () => {
    const types = partOf(zip, "[Content_Types].xml");
    expect(types).toContain('<Default Extension="rels"');
    expect(types).toContain(
      'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"',
    );
    expect(types).toContain('PartName="/xl/styles.xml"');
    expect(partOf(zip, "_rels/.rels")).toContain('Target="xl/workbook.xml"');
    const rels = partOf(zip, "xl/_rels/workbook.xml.rels");
    const targets = new Map(
      [...rels.matchAll(/Id="(\w+)" Type="[^"]*\/(\w+)" Target="([^"]+)"/g)].map((m) => [m[1], m]),
    );
    const sheets = [
      ...partOf(zip, "xl/workbook.xml").matchAll(/<sheet name="([^"]*)"[^>]*r:id="(\w+)"/g),
    ];
    expect(sheets.map((m) => m[1])).toEqual(["概要 &amp; &lt;注&gt;", "原始数据", "编码表"]);
    for (const [, , id] of sheets) {
      const rel = targets.get(id ?? "");
      expect(rel?.[2]).toBe("worksheet");
      expect(zip.has(`xl/${rel?.[3]}`)).toBe(true);
      expect(types).toContain(`PartName="/xl/${rel?.[3]}"`);
    }
    expect([...targets.values()].some((m) => m[2] === "styles" && m[3] === "styles.xml")).toBe(
      true,
    );
  });
});

describe("WorkbookWriter sheets", () => {
  it("reads back names, values and number formats", () => {
    expect(book.SheetNames).toEqual(["概要 & <注>", "原始数据", "编码表"]);
    const sheet = book.Sheets["概要 & <注>"];
    expect(sheet?.A1?.v).toBe("标题");
    expect(sheet?.B2).toMatchObject({ t: "n", v: 0.288, z: "0.0%", w: "28.8%" });
    expect(sheet?.C2).toMatchObject({ t: "n", v: 42, z: "General" });
    expect(sheet?.D2).toBeUndefined();
    expect(sheet?.E2?.v).toBe(-1.5e-7);
    expect(book.Sheets.编码表?.A1).toMatchObject({ v: 3, z: "0.0%" });
  });

  it("keeps merges and column widths", () => {
    const sheet = book.Sheets["概要 & <注>"];
    expect(sheet?.["!merges"]).toEqual([{ s: { r: 0, c: 0 }, e: { r: 0, c: 2 } }]);
    expect(sheet?.["!cols"]?.map((col) => col?.width)).toEqual([22, 60]);
  });

  it("makes bold rows bold through styles.xml", () => {
    // SheetJS's community build reads no fonts, so follow s="" to the font by hand.
    const styles = partOf(zip, "xl/styles.xml");
    const fonts = [
      ...(styles.match(/<fonts[^>]*>(.*?)<\/fonts>/)?.[1] ?? "").matchAll(/<font>(.*?)<\/font>/g),
    ];
    const xfs = [
      ...(styles.match(/<cellXfs[^>]*>(.*?)<\/cellXfs>/)?.[1] ?? "").matchAll(/<xf [^>]*>/g),
    ];
    const isBold = (ref: string, sheetXml: string) => {
      const s = sheetXml.match(new RegExp(`<c r="${ref}"(?: s="(\\d+)")?`))?.[1] ?? "0";
      const font = xfs[Number(s)]?.[0].match(/fontId="(\d+)"/)?.[1];
      return fonts[Number(font)]?.[1]?.includes("<b/>") ?? false;
    };
    const first = partOf(zip, "xl/worksheets/sheet1.xml");
    expect(["A1", "B1", "D1"].map((ref) => isBold(ref, first))).toEqual([true, true, true]);
    expect(["A2", "B2"].map((ref) => isBold(ref, first))).toEqual([false, false]);
    expect(first).toMatch(/<row r="1" s="\d+" customFormat="1">/);
  });

  it("freezes rows and columns only where asked", () => {
    expect(partOf(zip, "xl/worksheets/sheet1.xml")).toContain(
      '<pane xSplit="1" ySplit="2" topLeftCell="B3" activePane="bottomRight" state="frozen"/>',
    );
    expect(partOf(zip, "xl/worksheets/sheet2.xml")).toContain(
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>',
    );
    expect(partOf(zip, "xl/worksheets/sheet3.xml")).not.toContain("<pane");
  });

  it("carries text XML cannot hold, markup, line breaks and outer spaces intact", () => {
    const sheet = book.Sheets["概要 & <注>"];
    // SheetJS itself turns CRLF into LF, and the lone surrogate became U+FFFD in UTF-8.
    expect(sheet?.A4?.v).toBe(ODD_TEXT.replace("\r\n", "\n").replace("\uD800", "\uFFFD"));
    expect(sheet?.B4?.v).toBe("  两端空格  ");
    const xml = partOf(zip, "xl/worksheets/sheet1.xml");
    expect(xml).toContain("a_x0001_b_x001F_c _x005F_x0041_ &lt;b&gt;&amp;&quot;'_x000D_\nd");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: checking none got through.
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });
});

describe("WorkbookWriter print setup", () => {
  it("writes the page setup where ECMA-376 orders it: sheetPr first, then after the merges", () => {
    const xml = partOf(zip, "xl/worksheets/sheet1.xml");
    expect(xml).toMatch(
      /<worksheet [^>]*><sheetPr><pageSetUpPr fitToPage="1"\/><\/sheetPr><sheetViews>/,
    );
    const order = [
      "</sheetData>",
      "<mergeCells",
      "<printOptions",
      "<pageMargins",
      "<pageSetup ",
      "<headerFooter>",
      "</worksheet>",
    ];
    const at = order.map((tag) => xml.indexOf(tag));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(xml).toContain('<printOptions gridLines="1"/>');
    expect(xml).toContain(
      '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>',
    );
    expect(xml).toContain(
      "<headerFooter><oddHeader>&amp;C甲&amp;&amp;乙</oddHeader><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>",
    );
    // A sheet without print setup keeps Excel's default margins and nothing more.
    const plain = partOf(zip, "xl/worksheets/sheet2.xml");
    expect(plain).not.toMatch(/<sheetPr|<pageSetup|<printOptions|<headerFooter/);
    expect(plain).toContain("<pageMargins ");
  });

  it("names the rows printed on every page, with the sheet name quoted, as readers see them", () => {
    const workbook = partOf(zip, "xl/workbook.xml");
    expect(workbook).toContain(
      '<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">\'概要 &amp; &lt;注&gt;\'!$1:$2</definedName></definedNames>',
    );
    expect(workbook.indexOf("</sheets>")).toBeLessThan(workbook.indexOf("<definedNames>"));
    const names = book.Workbook?.Names?.filter((n) => n.Name === "_xlnm.Print_Titles");
    expect(names?.map((n) => [n.Sheet, n.Ref])).toEqual([[0, "'概要 & <注>'!$1:$2"]]);
  });

  it("sizes wrapped rows to their lines, since no reader fits them, and keeps a height given", () => {
    const xml = partOf(zip, "xl/worksheets/sheet1.xml");
    // Four lines of 15 points, and a little room.
    expect(xml).toMatch(/<row r="5" s="(\d+)" customFormat="1" ht="62" customHeight="1">/);
    expect(xml).toMatch(/<row r="6" s="\d+" customFormat="1" ht="30" customHeight="1">/);
    expect(xml).toMatch(/<row r="4">/);
    const styles = partOf(zip, "xl/styles.xml");
    const wrapped = Number(/<row r="5" s="(\d+)"/.exec(xml)?.[1]);
    const xfs = [
      ...(styles.match(/<cellXfs[^>]*>(.*?)<\/cellXfs>/)?.[1] ?? "").matchAll(
        /<xf [^>]*?(?:\/>|>.*?<\/xf>)/g,
      ),
    ];
    expect(xfs[wrapped]?.[0]).toContain('<alignment vertical="center" wrapText="1"/>');
  });

  it("refuses what Excel would refuse: a header past 255 characters, rows that are no range", async () => {
    const write = (print: PrintSetup) =>
      collect(async (out) => {
        const book = new WorkbookWriter(out);
        await book.addSheet({ name: "表", print }, [{ cells: [1] }]);
        await book.finish();
      });
    await expect(write({ ...PRINT, header: `&C${"题".repeat(254)}` })).rejects.toThrow(/255/);
    await expect(write({ ...PRINT, titleRows: [3, 2] })).rejects.toThrow(/not a range/);
  });
});

describe("WorkbookWriter streaming", () => {
  it("pulls rows only as fast as the output drains, and stops them when it goes away", async () => {
    let pulled = 0;
    let closed = false;
    function* rows(): Generator<SheetRow> {
      try {
        for (let i = 0; i < 1_000_000; i++) {
          pulled += 1;
          yield { cells: [i, "企业负责人", "A;F", `第 ${i} 行的文字回答`] };
        }
      } finally {
        closed = true;
      }
    }
    // A client that takes 64 KB and then stalls.
    let received = 0;
    const stalled = new Writable({
      write(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        if (received < 64 * 1024) done();
      },
    });
    stalled.on("error", () => {});
    const book = new WorkbookWriter(stalled);
    const writing = book.addSheet({ name: "原始数据" }, rows());
    const pause = () => new Promise((resolve) => setTimeout(resolve, 150));
    // On a busy machine the buffers take longer than one pause to fill: wait until a pause
    // passes with nothing pulled (5 s at most), then check that it stays so.
    let seen = -1;
    for (let waited = 0; pulled !== seen && waited < 5_000; waited += 150) {
      seen = pulled;
      await pause();
    }
    const pulledBeforeStall = pulled;
    await pause();
    await pause();
    // Once the client stalls, nothing more is pulled: the buffers in between are all full.
    expect(pulled).toBe(pulledBeforeStall);
    // About 1 MB of rows deflates into the 64 KB taken plus what zlib and the stream buffer hold.
    expect(pulled).toBeGreaterThan(1_000);
    expect(pulled).toBeLessThan(20_000);
    stalled.destroy(new Error("client went away"));
    await expect(writing).rejects.toThrow();
    expect(closed).toBe(true);
  });
});
