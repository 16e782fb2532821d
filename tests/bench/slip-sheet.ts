// Times a 1,652-slip print sheet from render to PDF, against the same sheet without QR codes.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { nanoid } from "nanoid";
import type { Browser } from "playwright-core";
import { renderSlipSheet, SLIPS_PER_PAGE } from "../../server/batches/slip-sheet.ts";
import { launchBrowser } from "../support/browser.ts";
import { printSlipSheet } from "./print-results.ts";

/** The seed study's questionnaire count. */
export const BENCH_SLIPS = 1652;
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'";

export interface SheetRun {
  /** Median of 3 renders after a warm-up, QR encoding included. */
  renderMs: number;
  htmlBytes: number;
  gzipBytes: number;
  /** From navigation to a forced layout of the whole document after `load`. */
  loadMs: number;
  pdfMs: number;
  pdfPages: number;
  pdfBytes: number;
}

export interface SlipSheetFigures {
  slips: number;
  slipsPerPage: number;
  withQr: SheetRun;
  /** The same sheet with an empty QR box: what the codes themselves cost. */
  textOnly: SheetRun;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function timeRender(render: () => string): { html: string; ms: number } {
  let html = render();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    html = render();
    times.push(performance.now() - start);
  }
  return { html, ms: median(times) };
}

/** A real HTTP server, so Chromium loads the sheet as it would from ours, CSP header included. */
async function serveSheet(html: string): Promise<{ server: Server; url: string }> {
  const css = readFileSync("server/respondent/static/slips.css");
  const server = createServer((req, res) => {
    if (req.url === "/static/slips.css") {
      res.writeHead(200, { "Content-Type": "text/css; charset=utf-8" }).end(css);
    } else {
      res.writeHead(200, {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Security-Policy": CSP,
      });
      res.end(html);
    }
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no TCP address to serve on");
  return { server, url: `http://127.0.0.1:${address.port}/slips` };
}

async function timeBrowser(browser: Browser, html: string) {
  const { server, url } = await serveSheet(html);
  const page = await browser.newPage();
  try {
    let start = performance.now();
    await page.goto(url, { waitUntil: "load" });
    await page.evaluate(() => document.documentElement.getBoundingClientRect().height);
    const loadMs = performance.now() - start;
    start = performance.now();
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    const pdfMs = performance.now() - start;
    const pdfPages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    return { loadMs, pdfMs, pdfPages, pdfBytes: pdf.length };
  } finally {
    await page.close();
    server.close();
  }
}

async function measureSheet(browser: Browser, render: () => string): Promise<SheetRun> {
  const { html, ms } = timeRender(render);
  const bytes = Buffer.from(html);
  return {
    renderMs: ms,
    htmlBytes: bytes.length,
    gzipBytes: gzipSync(bytes).length,
    ...(await timeBrowser(browser, html)),
  };
}

export async function benchSlipSheet(): Promise<SlipSheetFigures> {
  const input = {
    surveyTitle: "村级组织运行情况调查",
    batchLabel: "乡镇党委",
    categoryLabel: "村(社区)干部",
    urls: Array.from({ length: BENCH_SLIPS }, () => `http://192.168.1.20:3000/c/${nanoid(22)}`),
    printedOn: "2025-03-01",
  };
  const browser = await launchBrowser();
  try {
    // One unmeasured load, so neither run pays for Chromium's first page.
    await timeBrowser(browser, renderSlipSheet({ ...input, urls: input.urls.slice(0, 30) }));
    const textOnly = await measureSheet(browser, () =>
      renderSlipSheet(input, { drawQr: () => "" }),
    );
    const withQr = await measureSheet(browser, () => renderSlipSheet(input));
    return { slips: BENCH_SLIPS, slipsPerPage: SLIPS_PER_PAGE, withQr, textOnly };
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printSlipSheet(await benchSlipSheet());
}
