// The printable report at the seed report's scale (1,652 responses, 全体 + 11 groups), printed by
// headless Chromium: every figure on one line in a cell wide enough, banner tables on landscape
// pages with their header on every page, charts that say what the tables say, page numbers.
import { mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderReportPage } from "../../server/export/report-page.ts";
import { buildReportTable } from "../../server/export/report-table.ts";
import { securityHeaders } from "../../server/http/security-headers.ts";
import { staticFiles } from "../../server/respondent/static-files.ts";
import { launchBrowser } from "../support/browser.ts";
import { type PdfLayout, readPdfLayout } from "../support/pdf-layout.ts";
import { buildSeedReportInput, SEED_REPORT_RESPONSES } from "../support/seed-report-input.ts";
import {
  countWords,
  measureTables,
  mmToPx,
  pageNumberOf,
  rowsWithoutHeader,
} from "./report-print-measure.ts";

const STATIC_DIR = fileURLToPath(new URL("../../server/respondent/static/", import.meta.url));
const input = await buildSeedReportInput();
const html = renderReportPage(input);
/** Questions with a banner table: all but the text questions. */
const tabled = input.tabulation.questions.filter(
  (q) => q.kind !== "shortText" && q.kind !== "longText",
);
const figureTables = tabled.length;
/** Every figure cell of every banner table ("407（24.6%）", "1652", "<5"), as the page prints it. */
const figures = tabled.flatMap((q) => {
  const { body, foot } = buildReportTable(q, input.tabulation);
  return [...body, ...foot].flatMap(([, ...cells]) => cells);
});
const isFigure = (text: string) => /^\d+（\d+\.\d%）$/.test(text);

let browser: Browser;
let page: Page;
let pdf: PdfLayout;
let close: () => void;
const errors: string[] = [];

beforeAll(async () => {
  // The page as production serves it: the same security headers (style-src 'self', no inline
  // styles) and the real static handler for report.css. The route itself only wraps
  // renderReportPage, and results-routes.test.ts covers it; 1,652 submissions over HTTP would
  // add minutes and test nothing more about the layout.
  const app = new Hono()
    .use(securityHeaders())
    .route("/static", staticFiles(STATIC_DIR, "no-store"))
    .get("/report.html", (c) => c.html(html));
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((done) => server.once("listening", done));
  close = () => server.close();
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/report.html`;
  browser = await launchBrowser();
  // A desk, not a phone: this page is printed from the office's computer.
  page = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(url, { waitUntil: "load" });
  await page.evaluate(() => document.fonts.ready);
  const out = mkdtempSync(join(tmpdir(), "report-print-"));
  const file = join(out, "report.pdf");
  writeFileSync(file, await page.pdf({ format: "A4", preferCSSPageSize: true }));
  pdf = readPdfLayout(file);
  const landscape = pdf.pages.filter((p) => p.landscape).length;
  console.log(
    `report.html, ${SEED_REPORT_RESPONSES} responses: ${pdf.pageCount} A4 pages, ${landscape} of them landscape (${file})`,
  );
}, 120_000);
afterAll(async () => {
  await browser?.close();
  close?.();
});

describe(`the printable report for ${SEED_REPORT_RESPONSES} responses`, () => {
  it("loads under the production CSP without a violation or an error", () => {
    expect(errors).toEqual([]);
  });

  it("is set in 公文 type: 小标宋 二号 title, 仿宋 三号 body, 黑体 / 楷体 / 仿宋加粗 headings", async () => {
    await page.emulateMedia({ media: "print" });
    const type = await page.evaluate(() =>
      ["h1", "h2", "h3", "h4", "article p"].map((selector) => {
        const element = document.querySelector(selector);
        const style = element ? getComputedStyle(element) : null;
        return style
          ? `${selector} ${style.fontFamily.split(",")[0]} ${style.fontSize} ${style.fontWeight}`
          : `${selector} missing`;
      }),
    );
    // CSS px: 22 pt = 29.33 px, 16 pt = 21.33 px.
    expect(type).toEqual([
      "h1 方正小标宋简体 29.3333px 400",
      "h2 黑体 21.3333px 400",
      "h3 楷体_GB2312 21.3333px 400",
      "h4 仿宋_GB2312 21.3333px 700",
      "article p 仿宋_GB2312 21.3333px 400",
    ]);
  });

  it("no figure cell is narrower than its figure, wraps it, or stacks an option label", async () => {
    // Each table as its own page lays it out: banner tables on landscape pages (257 mm of
    // text), index tables and charts on portrait ones (156 mm).
    const wide = await measureTables(page, "table.banner", mmToPx(257));
    expect(wide.problems).toEqual([]);
    expect(wide.count).toBeGreaterThanOrEqual(figureTables);
    const narrow = await measureTables(page, "table.index, figure.chart svg", mmToPx(156));
    expect(narrow.count).toBeGreaterThan(0);
    expect(narrow.problems).toEqual([]);
  });

  it("draws under each single-choice question a bar chart of the 全体 shares its table prints", async () => {
    const charts = await page.evaluate(() =>
      [...document.querySelectorAll("article.question")].flatMap((article) => {
        const bars = [...article.querySelectorAll("figure.chart svg rect[x]")];
        if (bars.length === 0) return [];
        const code = article.querySelector("h3")?.textContent?.split("　")[0] ?? "";
        const texts = bars.map((bar) => bar.nextElementSibling?.textContent ?? "");
        return [{ code, texts, widths: bars.map((bar) => Number(bar.getAttribute("width"))) }];
      }),
    );
    // The options' 全体 cells as the table prints them, "407（24.6%）" → "24.6%".
    const expected = input.tabulation.questions
      .filter((q) => q.kind === "single")
      .map((q) => {
        const { body } = buildReportTable(q, input.tabulation);
        const shares = body
          .filter((_, i) => q.rows[i]?.kind === "option")
          .flatMap(([, total]) => /（(.+)）/.exec(total ?? "")?.[1] ?? []);
        return { code: q.code, texts: shares };
      });
    expect(charts.map(({ code, texts }) => ({ code, texts }))).toEqual(expected);
    for (const { texts, widths } of charts) {
      // Bar lengths in proportion to the printed shares (the chart rounds lengths to 0.1 px).
      const points = texts.map((s) => Number.parseFloat(s));
      const longest = Math.max(...widths);
      const most = Math.max(...points);
      for (const [i, width] of widths.entries())
        expect(width / longest).toBeCloseTo((points[i] ?? 0) / most, 2);
    }
  });

  it("prints every figure whole, each one word on a page: none wrapped, none cut off", () => {
    const expected = new Map<string, number>();
    for (const text of figures) expected.set(text, (expected.get(text) ?? 0) + 1);
    const printed = countWords(pdf.pages, new Set(expected.keys()));
    const missing = [...expected].filter(([text, n]) => (printed.get(text) ?? 0) < n);
    expect(missing).toEqual([]);
  });

  it("puts the banner tables on landscape pages and the sentences on portrait ones", () => {
    const withTable = pdf.pages.filter((p) => p.words.some((w) => w.text === "选项"));
    expect(withTable.length).toBeGreaterThanOrEqual(figureTables);
    expect(withTable.filter((p) => !p.landscape).map((p) => p.number)).toEqual([]);
    const withSentences = pdf.pages.filter((p) => p.words.some((w) => w.text.startsWith("其中，")));
    expect(withSentences.length).toBeGreaterThanOrEqual(figureTables);
    expect(withSentences.filter((p) => p.landscape).map((p) => p.number)).toEqual([]);
  });

  it("repeats the header row on every page a table runs onto", () => {
    const headless = pdf.pages.flatMap((p) => {
      const first = rowsWithoutHeader(p, isFigure);
      return first === null ? [] : [`page ${p.number}: ${first}`];
    });
    expect(headless).toEqual([]);
    // Pages that open with a table carried over (its header, no caption above): the case the
    // repeated header exists for must occur, or this test proves nothing.
    const carried = pdf.pages.filter((p) => {
      const header = p.words.find((w) => w.text === "选项");
      return header && !p.words.some((w) => /^Q\d+$/.test(w.text) && w.yMax <= header.yMin);
    });
    expect(carried.length).toBeGreaterThan(0);
  });

  it("numbers every page “— n —”, odd pages on the right, even pages on the left", () => {
    const numbers = pdf.pages.map(pageNumberOf);
    expect(numbers).toEqual(
      pdf.pages.map((p) => ({ number: p.number, side: p.number % 2 === 1 ? "right" : "left" })),
    );
  });
});
