// A hidden row of the category question's table prints "<5" in every download (in the workbook an
// empty cell, its 说明 saying why), in every column (全体 included), and the report's sentences
// say its share is withheld and why, never a number.
import { utils } from "@e965/xlsx";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { writeCsv } from "../../../server/export/csv-table.ts";
import { buildDocxReport } from "../../../server/export/docx-report.ts";
import { buildNarrative } from "../../../server/export/narrative.ts";
import { renderReportPage } from "../../../server/export/report-page.ts";
import { buildReportTable } from "../../../server/export/report-table.ts";
import { writeWorkbook } from "../../../server/export/xlsx-workbook.ts";
import { TabulationSchema } from "../../../server/tabulate/results-schemas.ts";
import { buildInputWithCategoryTable, ROW_NOTE } from "./category-table-fixture.ts";
import { collect, parseCsv, readWorkbook } from "./read-back.ts";

const input = buildInputWithCategoryTable();
const q1 = input.tabulation.questions[0]!;
const SMALL = "一般干部";
const COMPLEMENT = "普通群众";
const SHARE_OF_SMALL = "“一般干部”的占比按规定不予发布（回答人数少于 5 人）";
const SHARE_OF_COMPLEMENT =
  "“普通群众”的占比按规定不予发布（为避免通过相减推算出人数较少组别的结果）";

/** A phrase naming a hidden category holds no figure but k itself ("<5", "少于 5 人"). */
function expectNoFigureFor(phrases: string[]) {
  const mentions = phrases.filter((p) => p.includes(SMALL) || p.includes(COMPLEMENT));
  expect(mentions.length).toBeGreaterThan(0);
  for (const phrase of mentions)
    expect(phrase.replace(/<5|少于 ?5 ?人?/g, ""), phrase).not.toMatch(/\d/);
}

describe("a hidden category row", () => {
  it("is a valid Tabulation", () => {
    expect(TabulationSchema.safeParse(input.tabulation).success).toBe(true);
  });

  it("CSV: <5 for the count and share in every column, the column's base still shown", async () => {
    const bytes = await collect((out) => writeCsv(input, out));
    const records = parseCsv(bytes.subarray(3).toString("utf8"));
    const row = (label: string, column: string) =>
      records.find((r) => r[0] === "Q1" && r[2] === label && r[3] === column)?.slice(4, 9);
    expect(row(SMALL, "全体")).toEqual(["38", "<5", "<5", "", ""]);
    expect(row(COMPLEMENT, "企业负责人")).toEqual(["23", "不显示", "不显示", "", ""]);
    expect(row("企业负责人", "全体")).toEqual(["38", "23", "60.5", "", ""]);
    expect(records.map((r) => r[9])).toContain(ROW_NOTE);
  });

  it("XLSX: every figure of the row is an empty cell, and its 说明 says why", async () => {
    const book = readWorkbook(await collect((out) => writeWorkbook(input, out)));
    const grid = utils.sheet_to_json<(string | number | null)[]>(book.Sheets.Q1!, {
      header: 1,
      defval: null,
    });
    expect(grid.find((r) => r[0] === SMALL)?.slice(1)).toEqual([
      ...new Array(8).fill(null),
      "回答人数少于 5 人，按规定不予发布",
    ]);
    expect(grid.find((r) => r[0] === COMPLEMENT)?.slice(1)).toEqual([
      ...new Array(8).fill(null),
      "为避免通过相减推算出人数较少组别的结果，按规定不予发布",
    ]);
    expect(grid.find((r) => r[0] === "企业负责人")?.slice(1, 4)).toEqual([23, 0.605, 23]);
  });

  it("report table (Word and printable page): <5 in every column", () => {
    const { body } = buildReportTable(q1, input.tabulation);
    expect(body.find((r) => r[0] === SMALL)).toEqual([SMALL, "<5", "<5", "<5", "<5"]);
    expect(body.find((r) => r[0] === "企业负责人")).toEqual([
      "企业负责人",
      "23（60.5%）",
      "23（100.0%）",
      "<5",
      "不显示",
    ]);
  });

  it("sentences say the share is withheld and why, and never give a figure for it", () => {
    const q = buildNarrative(input).sections[0]!.questions[0]!;
    expect(q.code).toBe("Q1");
    expect(q.paragraphs[0]).toContain("选择“乡镇（场）班子成员”的占 0.0%");
    expect(q.paragraphs[0]).toContain(SHARE_OF_SMALL);
    expect(q.paragraphs[0]).toContain(SHARE_OF_COMPLEMENT);
    expect(q.paragraphs[0]).toContain("“企业负责人”的占 60.5%");
    expectNoFigureFor(q.paragraphs.flatMap((p) => p.split("，")));
  });

  it("DOCX and the printable page carry the same sentences and <5 cells", async () => {
    const buffer = await buildDocxReport(input);
    const text = (await mammoth.extractRawText({ buffer })).value;
    expect(text).toContain(SHARE_OF_SMALL);
    expect(text).toContain(ROW_NOTE);
    expectNoFigureFor(text.split(/[\n，]/));
    const page = renderReportPage(input);
    expect(page).toContain(SHARE_OF_COMPLEMENT);
    expect(page).toMatch(
      /<th scope="row">一般干部<\/th>(<td class="hidden-figure">&lt;5<\/td>){4}<\/tr>/,
    );
  });
});
