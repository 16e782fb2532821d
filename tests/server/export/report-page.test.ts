// The printable report page is safe for the strict CSP, escapes respondents' text, and its sheet is served.
import { describe, expect, it } from "vitest";
import { REPORT_STYLESHEET, renderReportPage } from "../../../server/export/report-page.ts";
import { staticFiles } from "../../../server/respond/static-files.ts";
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

  it("serves report.css from /static", async () => {
    const dir = new URL("../../../server/respond/static/", import.meta.url).pathname;
    const response = await staticFiles(dir, "public, max-age=3600").request("/report.css");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/css; charset=utf-8");
    expect(await response.text()).toContain("page-break-inside: avoid");
  });
});
