// The Excel download as printed: the seed survey at 1,652 responses, its print setup read back from
// the file, then printed by LibreOffice to PDF and measured page by page; and every figure column
// holds numbers only (hidden ones empty), summing to the shown counts, with 主要指标 checked by hand.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { utils, type WorkBook } from "@e965/xlsx";
import { beforeAll, describe, expect, it } from "vitest";
import type { ExportInput } from "../../../server/export/export-input.ts";
import { writeWorkbook } from "../../../server/export/xlsx-workbook.ts";
import type { QuestionTable, Row } from "../../../server/tabulate/results-schemas.ts";
import {
  officeToolsReady,
  type PdfLayout,
  type PdfPage,
  readPdfLayout,
  renderPdfPages,
  soffice,
} from "../../support/pdf-layout.ts";
import { buildSeedReportInput, SEED_REPORT_RESPONSES } from "../../support/seed-report-input.ts";
import {
  attributesOf,
  collect,
  decodeXml,
  figureTables,
  type Grid,
  gridOf,
  printTitles,
  readWorkbook,
  sheetParts,
} from "./read-back.ts";
import { buildExportInput } from "./tabulation-fixture.ts";

const INDEX_SHEET = "主要指标";

/**
 * As pdf-layout.ts's convertToPdf, with a profile of its own, but patient: the raw sheet's 100,000
 * cells take LibreOffice 15 s of CPU, and minutes on a machine busy with other tests.
 */
function printToPdf(file: string, dir: string): string {
  const profile = mkdtempSync(join(tmpdir(), "soffice-profile-"));
  execFileSync(
    soffice ?? "soffice",
    [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--convert-to",
      "pdf",
      "--outdir",
      dir,
      file,
    ],
    { stdio: "ignore", timeout: 420_000 },
  );
  const pdf = file.replace(/\.xlsx$/, ".pdf");
  if (!existsSync(pdf)) throw new Error(`LibreOffice wrote no PDF for ${file}`);
  return pdf;
}

let input: ExportInput;
let bytes: Buffer;
let book: WorkBook;
beforeAll(async () => {
  input = await buildSeedReportInput();
  bytes = await collect((out) => writeWorkbook(input, out));
  book = readWorkbook(bytes);
}, 60_000);

describe("the workbook's print setup, read back from its XML", () => {
  it("puts 主要指标 right after the overview", () => {
    expect(book.SheetNames.slice(0, 3)).toEqual(["概要", INDEX_SHEET, "Q1"]);
  });

  it("prints every sheet landscape on A4, one page wide, with the title and page numbers", () => {
    const title = input.tabulation.survey.title;
    const sheets = sheetParts(bytes);
    expect(sheets.map((s) => s.name)).toEqual(book.SheetNames);
    for (const { name, xml } of sheets) {
      expect(attributesOf(xml, "pageSetUpPr"), name).toMatchObject({ fitToPage: "1" });
      expect(attributesOf(xml, "pageSetup"), name).toMatchObject({
        orientation: "landscape",
        paperSize: "9",
        fitToWidth: "1",
        fitToHeight: "0",
      });
      const header = decodeXml(/<oddHeader>([^<]*)<\/oddHeader>/.exec(xml)?.[1] ?? "");
      expect(header, name).toMatch(/^&C/);
      expect(header, name).toContain(title);
      expect(header, name).toContain(name);
      const footer = decodeXml(/<oddFooter>([^<]*)<\/oddFooter>/.exec(xml)?.[1] ?? "");
      expect(footer, name).toBe("&C第 &P 页，共 &N 页");
      const margins = attributesOf(xml, "pageMargins");
      expect(Number(margins?.top), name).toBeGreaterThan(Number(margins?.header));
    }
  });

  it("repeats each sheet's header rows on every page: a Print_Titles per sheet, ending at its column headings", () => {
    const titles = printTitles(bytes);
    const lastTitleRow = (index: number) => {
      const name = book.SheetNames[index] ?? "";
      const ref = titles.get(index);
      expect(ref, name).toMatch(new RegExp(`^'${name}'!\\$1:\\$\\d+$`));
      // SheetJS reads the same names.
      const read = book.Workbook?.Names?.find(
        (n) => n.Name === "_xlnm.Print_Titles" && n.Sheet === index,
      );
      expect(read?.Ref.replace(/'/g, ""), name).toBe(ref?.replace(/'/g, ""));
      return gridOf(book.Sheets[name])[Number(ref?.split("$").at(-1)) - 1] ?? [];
    };
    book.SheetNames.forEach((name, index) => {
      const row = lastTitleRow(index);
      if (/^Q\d+$/.test(name)) expect(row.slice(0, 3), name).toEqual([null, "人数", "占比"]);
    });
    expect(lastTitleRow(1).slice(0, 3)).toEqual(["排序", "方面", "全体"]);
    expect(lastTitleRow(book.SheetNames.indexOf("原始数据"))[0]).toBe("序号");
    expect(lastTitleRow(book.SheetNames.indexOf("编码表"))[0]).toBe("题号");
    expect(gridOf(book.Sheets.Q2)[2]?.[1]).toBe(`全体（n=${SEED_REPORT_RESPONSES}）`);
  });
});

/** Where a figure column holds anything but a number or an empty cell: "Q2!H5: <5". */
function textInFigureColumns(workbook: WorkBook, tab: ExportInput["tabulation"]): string[] {
  const found: string[] = [];
  const check = (sheet: string, rows: Grid, columns: number[]) => {
    for (const row of rows)
      for (const c of columns) {
        const v = row[c] ?? null;
        if (v !== null && typeof v !== "number")
          found.push(`${sheet}!${utils.encode_col(c)}: ${v}`);
      }
  };
  let tables = 0;
  for (const name of workbook.SheetNames) {
    for (const table of figureTables(gridOf(workbook.Sheets[name]))) {
      tables += 1;
      check(name, table.rows, table.columns);
    }
  }
  expect(tables).toBeGreaterThanOrEqual(tab.questions.filter((q) => q.rows.length > 0).length);
  // The overview's column sizes, and the index sheet's rank and figure columns.
  const overview = gridOf(workbook.Sheets.概要);
  const head = overview.findIndex((row) => row[0] === "列" && row[1] === "人数");
  expect(head).toBeGreaterThan(0);
  check("概要", overview.slice(head + 1, head + 1 + tab.columns.length), [1]);
  const aspects = new Set(tab.indices.flatMap((s) => s.items.map((item) => item.text)));
  const itemRows = gridOf(workbook.Sheets[INDEX_SHEET]).filter(
    (row) => typeof row[1] === "string" && aspects.has(row[1]),
  );
  check(INDEX_SHEET, itemRows, [0, ...tab.columns.map((_, c) => c + 2)]);
  return found;
}

describe("figure columns hold numbers only", () => {
  it("in the seed workbook", () => {
    expect(textInFigureColumns(book, input.tabulation)).toEqual([]);
  });

  it("where columns and cells are hidden: empty, with the reason in the heading or 说明", async () => {
    const hidden = buildExportInput();
    const workbook = readWorkbook(await collect((out) => writeWorkbook(hidden, out)));
    expect(textInFigureColumns(workbook, hidden.tabulation)).toEqual([]);
    const q11 = gridOf(workbook.Sheets.Q11);
    // 企业负责人's 其他 count is withheld though its column is shown: the row says so.
    const other = q11.find((row) => row[0] === "其他（请注明）");
    expect(other?.slice(3, 5)).toEqual([null, null]);
    expect(other?.at(-1)).toBe("企业负责人：回答人数少于 5 人，不予发布");
    expect(q11[2]?.at(-1)).toBe("说明");
    expect(q11[2]).toContain("一般干部（人数少于5，不显示）");
  });
});

/** The rows of one question's table in the file: from its title to its first base row. */
function questionBlock(q: QuestionTable): Grid {
  const grid = gridOf(book.Sheets[q.grid?.code ?? q.code]);
  const start = grid.findIndex(
    (row) => typeof row[0] === "string" && row[0].startsWith(`${q.code}　`),
  );
  const sub = grid.findIndex((row, r) => r > start && row[1] === "人数");
  const end = grid.findIndex((row, r) => r > sub && row[0] === "基数（看到该题的人数）");
  expect(
    [start, sub, end].every((i) => i >= 0),
    q.code,
  ).toBe(true);
  return grid.slice(sub, end + 1);
}

const shown = (q: QuestionTable, row: Row, c: number) =>
  q.hidden[c] === null && row.hidden === null ? (row.cells[c]?.count ?? null) : null;

describe("summing a column in the file gives the counts the tables show", () => {
  it("for every choice question and grid row, in every banner column", () => {
    const choices = input.tabulation.questions.filter(
      (q) => q.kind !== "shortText" && q.kind !== "longText",
    );
    expect(choices.length).toBeGreaterThan(20);
    for (const q of choices) {
      const block = questionBlock(q);
      const sub = block[0] ?? [];
      const base = block.at(-1) ?? [];
      const counted = q.rows.filter((row) => row.kind !== "notShown");
      const body = block.slice(1, 1 + counted.length);
      expect(
        body.map((row) => row[0]),
        q.code,
      ).toEqual(counted.map((row) => row.label));
      const countColumns = sub.flatMap((v, c) => (v === "人数" ? [c] : []));
      expect(countColumns.length, q.code).toBe(input.tabulation.columns.length);
      countColumns.forEach((column, c) => {
        const inFile = body.reduce(
          (sum, row) => sum + (typeof row[column] === "number" ? row[column] : 0),
          0,
        );
        let byHand = 0;
        for (const row of counted) byHand += shown(q, row, c) ?? 0;
        expect(inFile, `${q.code} column ${c}`).toBe(byHand);
        // One answer each: the options and 未作答 add up to the base.
        if (q.kind !== "multiple") expect(inFile, `${q.code} column ${c}`).toBe(base[column]);
      });
    }
  });
});

/** count/base in tenths of a percent, half up, by integers: 23/80 → 288 → 0.288. */
const printedShare = (count: number, base: number) =>
  Math.floor((2000 * count + base) / (2 * base)) / 1000;

describe("主要指标", () => {
  it("ranks each index's aspects with shares, counts and bases equal to a hand count of the tables", () => {
    const tab = input.tabulation;
    const grid = gridOf(book.Sheets[INDEX_SHEET]);
    const sheet = book.Sheets[INDEX_SHEET] ?? {};
    expect(tab.indices.length).toBeGreaterThan(0);
    for (const summary of tab.indices) {
      const at = grid.findIndex((row) => row[0] === summary.name);
      const valuesAt = grid.findIndex((row, r) => r > at && row[0] === `${summary.name}：比例`);
      const countsAt = grid.findIndex(
        (row, r) => r > valuesAt && String(row[0]).startsWith(`${summary.name}：计入人数`),
      );
      const basesAt = grid.findIndex(
        (row, r) => r > countsAt && String(row[0]).startsWith(`${summary.name}：基数`),
      );
      expect(
        [at, valuesAt, countsAt, basesAt].every((i) => i > 0),
        summary.name,
      ).toBe(true);
      const n = summary.items.length;
      const block = (from: number) => grid.slice(from + 1, from + 1 + n);
      const byHand = summary.items.map((item) => {
        const q = tab.questions.find((table) => table.code === item.code);
        if (!q) throw new Error(`no table ${item.code}`);
        return tab.columns.map((_, c) => {
          let count = 0;
          let valid = 0;
          for (const row of q.rows) {
            if (row.kind !== "option") continue;
            if (item.positive.includes(row.label)) count += row.cells[c]?.count ?? 0;
            if (!row.nonSubstantive) valid += row.cells[c]?.count ?? 0;
          }
          const base = summary.base === "valid" ? valid : (q.bases[c] ?? 0);
          return { count, base, share: base > 0 ? printedShare(count, base) : null };
        });
      });
      // Rank order: highest 全体 share first.
      const order = byHand
        .map((cells, i) => ({
          name: summary.items[i]?.text,
          value: cells[0]?.count ?? 0,
          base: cells[0]?.base ?? 1,
        }))
        .sort((a, b) => b.value / b.base - a.value / a.base)
        .map((x) => x.name);
      expect(
        block(valuesAt).map((row) => row[1]),
        summary.name,
      ).toEqual(order);
      if (n > 1) expect(String(grid[at + 1]?.[0])).toContain(`最高的是“${order[0]}”`);
      for (const [i, item] of summary.items.entries()) {
        const hand = byHand[i] ?? [];
        expect(block(valuesAt)[i]?.slice(2, 2 + hand.length), item.text).toEqual(
          hand.map((x) => x.share),
        );
        expect(block(countsAt)[i]?.slice(2, 2 + hand.length), item.text).toEqual(
          hand.map((x) => x.count),
        );
        expect(block(basesAt)[i]?.slice(2, 2 + hand.length), item.text).toEqual(
          hand.map((x) => x.base),
        );
      }
      // Formatted as the report prints them.
      const cell = sheet[utils.encode_cell({ r: valuesAt + 1, c: 2 })];
      expect(cell?.t).toBe("n");
      expect(cell?.z).toBe("0.0%");
    }
  });
});

const ready = officeToolsReady();

describe.skipIf(!ready)("the workbook printed by LibreOffice", () => {
  let layout: PdfLayout;
  let pdf: string;
  /** The page header: the top line, and any beside it (pdftotext splits at wide gaps). */
  const headerOf = (page: PdfPage) => {
    const top = Math.min(...page.lines.map((l) => l.yMin));
    const band = page.lines.filter((l) => l.yMin < top + 2);
    return { words: band.flatMap((l) => l.words), bottom: Math.max(...band.map((l) => l.yMax)) };
  };
  /** The sheet a page belongs to, from its header: "<title>　<sheet>". */
  const sheetOf = (page: PdfPage) =>
    headerOf(page)
      .words.map((w) => w.text)
      .join("")
      .replace(input.tabulation.survey.title, "")
      .replace(/[\s\u3000]/g, "");
  const bodies = new Map<PdfPage, Set<string>>();
  /** What the sheet itself prints on the page, below the header. */
  const bodyWords = (page: PdfPage | undefined) => {
    if (!page) return new Set<string>();
    let words = bodies.get(page);
    if (!words) {
      const below = headerOf(page).bottom;
      words = new Set(page.words.filter((w) => w.yMin > below).map((w) => w.text));
      bodies.set(page, words);
    }
    return words;
  };
  const pagesOf = (name: string) => layout.pages.filter((page) => sheetOf(page) === name);

  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), "xlsx-print-"));
    const file = join(dir, "results.xlsx");
    writeFileSync(file, bytes);
    pdf = printToPdf(file, dir);
    layout = readPdfLayout(pdf);
    console.log(
      `Excel download, seed survey at ${SEED_REPORT_RESPONSES} responses: ${layout.pageCount} pages`,
    );
  }, 480_000);

  it("prints on a few dozen landscape A4 pages, each headed by the survey and its sheet", () => {
    expect(layout.pageCount).toBeLessThan(100);
    for (const page of layout.pages) {
      expect([page.width, page.height].map(Math.round), `page ${page.number}`).toEqual([842, 595]);
      expect(book.SheetNames, `page ${page.number}: ${sheetOf(page)}`).toContain(sheetOf(page));
    }
    // Every sheet prints, in tab order.
    const order = [...new Set(layout.pages.map(sheetOf))];
    expect(order).toEqual(book.SheetNames);
  });

  it("numbers the pages in the footer, under everything else: 第 n 页，共 N 页", () => {
    for (const page of layout.pages) {
      const text = (line: PdfPage["lines"][number]) => line.text.replace(/\s/g, "");
      const footers = page.lines.filter((l) => /^第\d+页，共\d+页$/.test(text(l)));
      expect(footers.map(text), `page ${page.number}`).toEqual([
        `第${page.number}页，共${layout.pageCount}页`,
      ]);
      const bottom = Math.max(...page.lines.filter((l) => !footers.includes(l)).map((l) => l.yMax));
      expect(footers[0]?.yMin, `page ${page.number}`).toBeGreaterThan(bottom);
    }
  });

  it("repeats a sheet's header rows on every page it spans", () => {
    const spanning = book.SheetNames.filter((name) => pagesOf(name).length > 1);
    expect(spanning).toEqual(expect.arrayContaining(["Q11", "原始数据", "编码表"]));
    const parts = sheetParts(bytes);
    for (const name of spanning) {
      const [first, ...rest] = pagesOf(name);
      // The header rows are those frozen on screen; on paper they must head every page.
      const xml = parts.find((part) => part.name === name)?.xml ?? "";
      const last = Number(attributesOf(xml, "pane")?.ySplit);
      expect(last, name).toBeGreaterThan(0);
      const grid = gridOf(book.Sheets[name]);
      const title = String(grid[0]?.[0]).split(/[\s\u3000]/)[0];
      const headings = [title, ...(grid[last - 1] ?? [])].filter((v) => typeof v === "string");
      // The headings that print as one word on the sheet's first page must head every other page.
      const marks = headings.filter((h) => bodyWords(first).has(h));
      expect(marks.length, name).toBeGreaterThanOrEqual(2);
      for (const page of rest)
        for (const mark of marks)
          expect(bodyWords(page).has(mark), `${name} page ${page.number}: ${mark}`).toBe(true);
    }
  });

  it("shows every number: no column too narrow for its figure (#####)", () => {
    for (const page of layout.pages) expect(page.text, `page ${page.number}`).not.toMatch(/###/);
    // The widest figures it has to fit: 100.0% (Q1's own categories) and the 1,652 total.
    const all = layout.pages.map((p) => p.text).join("\n");
    expect(all).toContain("100.0%");
    expect(all).toContain(String(SEED_REPORT_RESPONSES));
  });

  it("renders the first page of 主要指标 and of a question sheet", () => {
    const pngs = [INDEX_SHEET, "Q11"].map((name) => {
      const page = pagesOf(name)[0]?.number ?? 0;
      expect(page, name).toBeGreaterThan(0);
      const [png] = renderPdfPages(pdf, { first: page, last: page, dpi: 60 });
      expect(png && existsSync(png), name).toBe(true);
      return png ?? "";
    });
    // For a person to look at: XLSX_PRINT_PNG_DIR=/tmp/exp npx vitest run …
    const out = process.env.XLSX_PRINT_PNG_DIR;
    if (out) {
      copyFileSync(pngs[0] ?? "", join(out, "xlsx-index-sheet.png"));
      copyFileSync(pngs[1] ?? "", join(out, "xlsx-question-sheet.png"));
    }
  });
});
