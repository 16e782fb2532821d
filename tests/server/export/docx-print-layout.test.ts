// The Word report as printed: the seed report at 1,652 responses, opened by LibreOffice, saved as PDF
// and measured page by page: 公文 page and text area, landscape appendix tables, unbroken figures,
// repeated table heads, page numbers, one chart per choice question and index.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildDocxReport } from "../../../server/export/docx-report.ts";
import type { ExportInput } from "../../../server/export/export-input.ts";
import { figureOf } from "../../../server/export/figure-text.ts";
import { buildNarrative, type Narrative } from "../../../server/export/narrative.ts";
import { buildReportTable } from "../../../server/export/report-table.ts";
import {
  convertToPdf,
  officeToolsReady,
  type PdfLayout,
  type PdfPage,
  readPdfLayout,
} from "../../support/pdf-layout.ts";
import { buildSeedReportInput, SEED_REPORT_RESPONSES } from "../../support/seed-report-input.ts";

const PT_PER_MM = 72 / 25.4;
const mm = (n: number) => n * PT_PER_MM;
const A4 = { short: mm(210), long: mm(297) };
const near = (a: number, b: number, tolerance = 1.5) => Math.abs(a - b) <= tolerance;

let input: ExportInput;
let narrative: Narrative;
let layout: PdfLayout;
let pdf: string;
const warnings: string[] = [];

const ready = officeToolsReady();

beforeAll(async () => {
  if (!ready) return;
  input = await buildSeedReportInput();
  narrative = buildNarrative(input);
  const dir = mkdtempSync(join(tmpdir(), "docx-print-"));
  const report = join(dir, "report.docx");
  writeFileSync(report, await buildDocxReport(input, { warn: (m) => warnings.push(m) }));
  pdf = convertToPdf(report, dir)[0] ?? "";
  layout = readPdfLayout(pdf);
  console.log(
    `Word report, seed survey at ${SEED_REPORT_RESPONSES} responses: ${layout.pageCount} pages`,
  );
}, 180_000);

/** The page's number line: "— 7 —" in the bottom margin. */
const pageNumberLine = (page: PdfPage) =>
  page.lines.find((l) => /^— ?\d+ ?—$/.test(l.text) && l.yMin > page.height - mm(35));

const appendixStart = () => layout.pages.findIndex((p) => p.landscape);

/** Every figure the tables print, with how often: each must come out as one word on one line. */
function tableFigures(): Map<string, number> {
  const figures = new Map<string, number>();
  const add = (figure: string) => {
    if (/\d/.test(figure)) figures.set(figure, (figures.get(figure) ?? 0) + 1);
  };
  for (const question of narrative.sections.flatMap((s) => s.questions)) {
    if (!question.table) continue;
    const { head, body, foot } = buildReportTable(question.table, input.tabulation);
    for (const heading of head) add(/（n=\d+）$/.exec(heading)?.[0] ?? "");
    for (const row of [...body, ...foot]) for (const cell of row.slice(1)) add(cell);
  }
  for (const index of narrative.indices)
    for (const row of index.table.body) for (const cell of row.slice(2)) add(cell);
  return figures;
}

describe.skipIf(!ready)("the Word report printed by LibreOffice", () => {
  it("sets the text on portrait A4 in the 156 x 225 mm text area, 22 lines of 28.95 pt", () => {
    const body = layout.pages.slice(0, appendixStart());
    expect(body.length).toBeGreaterThan(10);
    const pitches = new Map<string, number>();
    for (const page of body) {
      expect([page.width, page.height].map(Math.round)).toEqual([595, 842]);
      for (const line of page.lines) {
        if (line === pageNumberLine(page)) continue;
        // 订口 28 mm left, 156 mm wide; 天头 37 mm, 225 mm tall.
        expect(line.xMin, line.text).toBeGreaterThanOrEqual(mm(28) - 1.5);
        // A closing mark may hang one character into the margin, as Word and Writer set Chinese.
        const hanging = /[，。、；：？！”’）》]$/.test(line.text) ? 16.5 : 0;
        expect(line.xMax, line.text).toBeLessThanOrEqual(mm(28 + 156) + 1.5 + hanging);
        expect(line.yMin, line.text).toBeGreaterThanOrEqual(mm(37) - 1.5);
        expect(line.yMax, line.text).toBeLessThanOrEqual(mm(37 + 225) + 1.5);
      }
      const tops = page.lines.map((l) => l.yMin).sort((a, b) => a - b);
      tops.slice(1).forEach((y, i) => {
        const pitch = (y - (tops[i] ?? 0)).toFixed(0);
        pitches.set(pitch, (pitches.get(pitch) ?? 0) + 1);
      });
    }
    // The body's fixed line: 225 mm / 22 lines; the most common step between lines is 29 pt.
    const [common] = [...pitches].sort((a, b) => b[1] - a[1]);
    expect(common?.[0]).toBe("29");
  });

  it("prints the banner tables on landscape A4 pages, one per table or part", () => {
    const start = appendixStart();
    expect(start).toBeGreaterThan(0);
    const appendix = layout.pages.slice(start);
    for (const page of appendix) {
      expect(near(page.width, A4.long) && near(page.height, A4.short), `page ${page.number}`).toBe(
        true,
      );
    }
    const captions = new Set(
      appendix.flatMap((p) =>
        p.lines.flatMap((l) => /^附表 ?(\d+)(?:\s|$)/.exec(l.text)?.[1] ?? []),
      ),
    );
    const tables = narrative.sections.flatMap((s) => s.questions).filter((q) => q.table).length;
    expect(captions.size).toBe(tables);
  });

  it("keeps every figure whole: each count, share and size is one word on one line", () => {
    const words = layout.pages.flatMap((p) => p.words.map((w) => w.text));
    const printed = new Map<string, number>();
    for (const w of words) printed.set(w, (printed.get(w) ?? 0) + 1);
    // 全体 repeats in every part, so a figure may print more often than the tables hold it, never less.
    const short = [...tableFigures()].filter(([figure, n]) => (printed.get(figure) ?? 0) < n);
    expect(short).toEqual([]);
    // A figure broken over two lines leaves lines of pieces such as "4（", "25." or "0%）".
    const figureLike = /^[\d.%（）n=<—]+$/;
    const whole = /^(\d+|<\d+|\d+\.\d%|\d+（\d+\.\d%）|（n=\d+）|—)$/;
    const pieces = layout.pages
      .flatMap((p) => p.lines)
      .filter((l) => l.words.every((w) => figureLike.test(w.text)))
      .flatMap((l) => l.words.map((w) => w.text))
      .filter((w) => !whole.test(w));
    expect(pieces).toEqual([]);
  });

  it("heads every table on an appendix page with its caption", () => {
    const appendix = layout.pages.filter((p) => p.landscape);
    expect(appendix.length).toBeGreaterThan(0);
    for (const page of appendix) {
      const heads = page.words.filter((w) => w.text === "选项");
      const captions = page.lines.filter((l) => /^附表 ?\d/.test(l.text));
      const figures = page.words.filter((w) => /^(\d+（\d+\.\d%）|<\d+|不显示|—)$/.test(w.text));
      for (const head of heads) {
        const where = `page ${page.number}, head at ${head.yMin.toFixed(0)}`;
        const above = captions.filter((c) => c.yMax <= head.yMin + 1 && head.yMin - c.yMax < 40);
        expect(above.length, where).toBe(1);
        // A head row is followed by its rows, never by the next caption (an empty repeated head).
        const below = (ys: number[]) => Math.min(Infinity, ...ys.filter((y) => y > head.yMax));
        const nextCaption = below(captions.map((c) => c.yMin));
        expect(below(figures.map((w) => w.yMin)), where).toBeLessThan(nextCaption);
      }
    }
  });

  it("numbers every page “— n —”, right on odd pages and left on even ones", () => {
    for (const page of layout.pages) {
      const line = pageNumberLine(page);
      expect(line?.text.replace(/\s/g, ""), `page ${page.number}`).toBe(`—${page.number}—`);
      if (!line) continue;
      const middle = page.width / 2;
      if (page.number % 2 === 1) expect(line.xMin).toBeGreaterThan(middle);
      else expect(line.xMax).toBeLessThan(middle);
    }
    expect(layout.pageCount).toBeGreaterThan(20);
    expect(layout.pageCount).toBeLessThan(200);
  });

  it("draws one chart per choice question and per index, with its words", () => {
    const listed = execFileSync("pdfimages", ["-list", pdf], { encoding: "utf8" });
    const images = listed.split("\n").filter((line) => /^\s*\d+\s+\d+\s+image\s/.test(line));
    const questions = narrative.sections
      .flatMap((s) => s.questions)
      .filter((q) => {
        const table = q.table;
        // A choice question whose 全体 column shows at least one option's share has a chart.
        return table?.rows.some(
          (row) =>
            row.kind === "option" && figureOf(table, row, input.tabulation, 0).kind === "shown",
        );
      });
    const indices = narrative.indices.filter((i) => i.chart.length > 0);
    expect(images).toHaveLength(questions.length + indices.length);
    // The fonts are there (fonts-wqy-microhei), so no chart lost its labels.
    expect(warnings).toEqual([]);
  });
});
