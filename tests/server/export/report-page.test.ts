// The printable report page is safe for the strict CSP, escapes respondents' text, and its sheet is served.
import { describe, expect, it } from "vitest";
import {
  emWidth,
  LANDSCAPE,
  splitColumns,
} from "../../../server/export/report-page/column-parts.ts";
import { REPORT_STYLESHEET, renderReportPage } from "../../../server/export/report-page.ts";
import { staticFiles } from "../../../server/respondent/static-files.ts";
import { buildExportInput, SCRIPT } from "./tabulation-fixture.ts";

const page = renderReportPage(buildExportInput());

describe("renderReportPage", () => {
  it("escapes a respondent's <script>", () => {
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).not.toContain(SCRIPT);
  });

  it("needs nothing the CSP forbids: an external stylesheet, no inline style, script or handler", () => {
    expect(page).toContain(`<link rel="stylesheet" href="${REPORT_STYLESHEET}">`);
    expect(REPORT_STYLESHEET).toBe("/static/report.css");
    expect(page).not.toMatch(/style=|<style/i);
    expect(page).not.toMatch(/\son[a-z]+=/i);
    expect(page).toContain('<html lang="zh-CN">');
  });

  it("has the same content as the Word report: sentences, then the table", () => {
    const sentence = page.indexOf("选择“好”的占 42.1%");
    const table = page.indexOf('<table class="banner">');
    expect(sentence).toBeGreaterThan(-1);
    expect(table).toBeGreaterThan(sentence);
    expect(page).toContain('<td class="hidden-figure">&lt;5</td>');
    expect(page).toContain("一般干部：回答人数少于 5 人，按规定不予发布。");
    expect(page).toContain('<th scope="col">全体（n=38）</th>');
  });

  it("prints the declared indices after 调查说明: ranking, ranked table, chart, sentences", () => {
    const at = (text: string) => page.indexOf(text);
    const order = [
      "<h2>调查说明</h2>",
      "<h2>主要指标</h2>",
      "<h3>满意率</h3>",
      "满意率按有效回答（不含“不作评价”等）计算。",
      '<table class="index">',
      '<figure class="chart">',
      "“当前政治生态”的满意率为 82.4%",
      '<section class="report-section">',
    ].map(at);
    expect(order.every((i) => i > -1)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(page).toContain(
      '<th scope="row">当前政治生态</th><td>82.4%</td><td>85.7%</td><td class="hidden-figure">&lt;5</td><td class="hidden-figure">不显示</td>',
    );
  });

  it("draws a single-choice question's 全体 shares as an inline SVG between its sentences and its table", () => {
    const question = page.slice(
      page.indexOf("<h3>Q2　"),
      page.indexOf("</article>", page.indexOf("<h3>Q2　")),
    );
    const svg = question.indexOf("<svg");
    expect(svg).toBeGreaterThan(question.indexOf("普通群众：为避免"));
    expect(svg).toBeLessThan(question.indexOf('<table class="banner">'));
    const figures = [...question.slice(svg, question.indexOf("</svg>")).matchAll(/>(\d+\.\d%)</g)];
    expect(figures.map(([, share]) => share)).toEqual(["42.1%", "31.6%", "15.8%", "10.5%"]);
    // A multiple-choice question's shares do not add up to a whole: no chart.
    const multiple = page.slice(
      page.indexOf("<h3>Q11　"),
      page.indexOf("</article>", page.indexOf("<h3>Q11　")),
    );
    expect(multiple).not.toContain("<svg");
  });

  it("cuts a table too wide for a landscape page into parts, and keeps a narrow one whole", () => {
    const wide = Array.from({ length: 12 }, () => emWidth("1234（56.7%）"));
    const parts = splitColumns(wide, 8, LANDSCAPE);
    expect(parts).toEqual([
      [0, 1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10, 11],
    ]);
    expect(splitColumns(wide.slice(0, 4), 8, LANDSCAPE)).toEqual([[0, 1, 2, 3]]);
    expect(page.match(/<table class="banner/g)?.length).toBe(
      page.match(/<table class="banner">/g)?.length,
    );
  });

  it("serves report.css from /static", async () => {
    const dir = new URL("../../../server/respondent/static/", import.meta.url).pathname;
    const response = await staticFiles(dir, "public, max-age=3600").request("/report.css");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/css; charset=utf-8");
    expect(await response.text()).toContain("page-break-inside: avoid");
  });
});
