// The declared indices reach the Word report and the printable page with the figures a plain loop
// over the published table's rows gives (tabulate.test.ts checks those rows against what was
// submitted): each aspect's sentence and the ranking, for the seed at 1,652 responses.
import mammoth from "mammoth";
import { beforeAll, describe, expect, it } from "vitest";
import { buildDocxReport } from "../../../server/export/docx-report.ts";
import type { ExportInput } from "../../../server/export/export-input.ts";
import { renderReportPage } from "../../../server/export/report-page.ts";
import { formatShare } from "../../../server/tabulate/figure-rules.ts";
import { listQuestions } from "../../../surveys/format/answers.ts";
import { buildSeedReportInput } from "../../support/seed-report-input.ts";

let input: ExportInput;
let word: string;
let page: string;

beforeAll(async () => {
  input = await buildSeedReportInput();
  const buffer = await buildDocxReport(input, { warn: () => {} });
  word = (await mammoth.extractRawText({ buffer })).value;
  page = renderReportPage(input).replace(/<[^>]*>/g, "");
}, 120_000);

/** Per declared question: its aspect and (positive ÷ substantive answers), summed row by row. */
function countByLoop() {
  const found: { name: string; aspect: string; share: string; value: number }[] = [];
  for (const q of listQuestions(input.survey)) {
    if (q.kind !== "single" || !q.index) continue;
    const table = input.tabulation.questions.find((t) => t.code === q.code);
    if (!table) throw new Error(`no table for ${q.code}`);
    let positive = 0;
    let valid = 0;
    for (const row of table.rows) {
      const option = q.options.find((o) => o.code === row.key);
      if (row.kind !== "option" || !option || option.nonSubstantive) continue;
      const count = row.cells[0]?.count ?? 0;
      valid += count;
      if (q.index.positive.includes(option.code)) positive += count;
    }
    found.push({
      name: q.index.name,
      aspect: q.index.aspect ?? q.text,
      share: formatShare(positive, valid),
      value: positive / valid,
    });
  }
  return found;
}

describe("indices in the reports", () => {
  for (const [name, text] of [
    ["Word report", () => word],
    ["printable page", () => page],
  ] as const) {
    it(`${name}: each aspect's sentence carries the plain-loop share, and the ranking sentence names the extremes`, () => {
      const body = text();
      const items = countByLoop();
      expect(items.length).toBe(11);
      for (const item of items)
        expect(body).toContain(`“${item.aspect}”的${item.name}为 ${item.share}`);
      const satisfaction = items
        .filter((i) => i.name === "满意率")
        .sort((a, b) => b.value - a.value);
      const [top] = satisfaction;
      const bottom = satisfaction[satisfaction.length - 1];
      expect(body).toContain(
        `满意率最高的是“${top?.aspect}”（${top?.share}），最低的是“${bottom?.aspect}”（${bottom?.share}）`,
      );
      expect(body.indexOf("主要指标")).toBeLessThan(body.indexOf("一、基本情况"));
      expect(body.indexOf("主要指标")).toBeGreaterThan(body.indexOf("调查说明"));
    });
  }
});
