// A table longer than a page, as the Word report builds it and LibreOffice prints it: every page it
// runs onto opens with its caption and head row again, and no row is lost at a page break.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document, Packer } from "docx";
import { beforeAll, describe, expect, it } from "vitest";
import { fittedTables } from "../../../server/export/docx/fitted-table.ts";
import { PORTRAIT_TEXT } from "../../../server/export/docx/gbt9704.ts";
import { portraitSection } from "../../../server/export/docx/page-setup.ts";
import { REPORT_STYLES } from "../../../server/export/docx/styles.ts";
import {
  convertToPdf,
  officeToolsReady,
  type PdfLayout,
  type PdfPage,
  readPdfLayout,
} from "../../support/pdf-layout.ts";

const ROWS = 80;
const ready = officeToolsReady();
let layout: PdfLayout;

beforeAll(async () => {
  if (!ready) return;
  const rows = Array.from({ length: ROWS }, (_, i) => [
    `长表选项${i + 1}`,
    `${i + 100}（${(i / 10).toFixed(1)}%）`,
    `${i}（${(i / 8).toFixed(1)}%）`,
  ]);
  const tables = fittedTables(
    { head: ["选项", "全体（n=1652）", "甲组（n=800）"], rows, keyColumns: 2, wrapColumns: [0] },
    PORTRAIT_TEXT,
    () => "附表1　长表",
  );
  const document = new Document({
    styles: REPORT_STYLES,
    evenAndOddHeaderAndFooters: true,
    sections: [portraitSection(tables)],
  });
  const dir = mkdtempSync(join(tmpdir(), "docx-long-"));
  const file = join(dir, "long-table.docx");
  writeFileSync(file, await Packer.toBuffer(document));
  layout = readPdfLayout(convertToPdf(file, dir)[0] ?? "");
}, 120_000);

/** The words near the top of a page, where a caption and a head row print. */
function topBand(page: PdfPage): string[] {
  const top = Math.min(...page.lines.map((l) => l.yMin));
  return page.words.filter((w) => w.yMin < top + 40).map((w) => w.text);
}

describe.skipIf(!ready)("a table longer than a page", () => {
  it("repeats its caption and head row on every page it runs onto", () => {
    expect(layout.pageCount).toBeGreaterThan(1);
    for (const page of layout.pages) {
      expect(topBand(page), `page ${page.number}`).toEqual(
        expect.arrayContaining(["附表", "长表", "选项", "全体"]),
      );
    }
  });

  it("loses no row and splits none: every label once, in order, on one line", () => {
    const labels = layout.pages.flatMap((p) =>
      // pdftotext parts Chinese from digits: "长表选项 38".
      p.lines.map((l) => l.text.replace(/ /g, "")).filter((t) => t.startsWith("长表选项")),
    );
    expect(labels).toEqual(Array.from({ length: ROWS }, (_, i) => `长表选项${i + 1}`));
  });
});
