// A 1,652-slip sheet in real Chromium under the server's CSP: it loads cleanly, scans, and prints.
import { readFileSync } from "node:fs";
import { inflateSync } from "node:zlib";
import jsQR from "jsqr";
import { nanoid } from "nanoid";
import type { Browser, Page } from "playwright-core";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderSlipSheet, SLIPS_PER_PAGE } from "../../server/batches/slip-sheet.ts";
import { launchBrowser } from "../support/browser.ts";

/** The seed study's questionnaire count: the biggest batch the sheet was made for. */
const SLIPS = 1652;
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'";
const ORIGIN = "http://slips.test";
const CSS = readFileSync("server/respondent/static/slips.css", "utf8");
const urls = Array.from({ length: SLIPS }, () => `http://192.168.1.20:3000/c/${nanoid(22)}`);

interface OpenSheet {
  page: Page;
  /** Console errors, page errors, failed requests and CSP violations. */
  errors: string[];
  close(): Promise<void>;
}

/** Serves `body` at ORIGIN/slips with the CSP header, and the real stylesheet at /static/slips.css. */
async function openSheet(browser: Browser, body: string): Promise<OpenSheet> {
  const context = await browser.newContext({
    viewport: { width: 1000, height: 1200 },
    deviceScaleFactor: 2,
    locale: "zh-CN",
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === "/static/slips.css") {
      return route.fulfill({ contentType: "text/css; charset=utf-8", body: CSS });
    }
    if (path !== "/slips") return route.fulfill({ status: 404, body: "" });
    const headers = { "Content-Security-Policy": CSP };
    return route.fulfill({ contentType: "text/html; charset=utf-8", headers, body });
  });
  await page.goto(`${ORIGIN}/slips`, { waitUntil: "load" });
  return { page, errors, close: () => context.close() };
}

function decodePng(bytes: Buffer): string | undefined {
  const png = PNG.sync.read(bytes);
  const pixels = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length);
  return jsQR(pixels, png.width, png.height)?.data;
}

/**
 * Stroked paths on each PDF page, in page order. Each QR code is one stroked `<path>`, and
 * Chromium fills everything else on the sheet (text, dashed cut lines), so a page whose
 * slips were skipped when printing shows up as a page with too few strokes.
 */
function strokesPerPage(pdf: Buffer): number[] {
  const text = pdf.toString("latin1");
  const counts: number[] = [];
  for (const m of text.matchAll(/<<([\s\S]*?)>>\s*stream\r?\n/g)) {
    const length = Number(/\/Length (\d+)/.exec(m[1] ?? "")?.[1]);
    if (!/\/FlateDecode/.test(m[1] ?? "") || !length) continue;
    const start = (m.index ?? 0) + m[0].length;
    const content = inflateSync(pdf.subarray(start, start + length)).toString("latin1");
    // Page contents start by setting the page's transform; fonts and images do not.
    if (/^[-\d. ]+ cm\n/.test(content)) counts.push(content.match(/^S$/gm)?.length ?? 0);
  }
  return counts;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("the printable slip sheet", () => {
  it("reports CSP violations when a page breaks the policy (the harness works)", async () => {
    const bad = '<!doctype html><style>p{color:red}</style><p style="color:blue">x</p>';
    const sheet = await openSheet(browser, bad);
    try {
      expect(sheet.errors.join("\n")).toMatch(/CSP violation: style-src/);
    } finally {
      await sheet.close();
    }
  });

  it(`loads ${SLIPS} slips cleanly, scans, and prints on whole A4 pages`, {
    timeout: 120_000,
  }, async () => {
    const body = renderSlipSheet({
      surveyTitle: "村级组织运行情况调查",
      batchLabel: "乡镇党委",
      categoryLabel: "村(社区)干部",
      urls,
      printedOn: "2025-03-01",
    });
    const { page, errors, close } = await openSheet(browser, body);
    try {
      const slips = page.locator(".slip");
      expect(await slips.count()).toBe(SLIPS);
      expect(await page.locator(".screen-only").isVisible()).toBe(true);

      for (const i of [0, Math.floor(SLIPS / 2), SLIPS - 1]) {
        const slip = slips.nth(i);
        const shown = await slip.locator(".slip-url").textContent();
        expect(shown).toBe(urls[i]);
        expect(decodePng(await slip.locator("svg").screenshot())).toBe(shown);
      }

      await page.emulateMedia({ media: "print" });
      const layout = await page.evaluate(() => {
        const sheets = [...document.querySelectorAll(".sheet")];
        const misplaced = sheets.flatMap((sheet) => {
          const box = sheet.getBoundingClientRect();
          return [...sheet.querySelectorAll(".slip")].filter((slip) => {
            const r = slip.getBoundingClientRect();
            const inside = r.top >= box.top && r.bottom <= box.bottom + 0.5;
            return r.width < 100 || r.height < 100 || !inside;
          }).length;
        });
        const header = document.querySelector(".screen-only");
        return {
          sheets: sheets.length,
          fullest: Math.max(...sheets.map((s) => s.querySelectorAll(".slip").length)),
          misplaced: misplaced.reduce((a, b) => a + b, 0),
          headerShown: header ? getComputedStyle(header).display !== "none" : false,
        };
      });
      expect(layout).toEqual({
        sheets: Math.ceil(SLIPS / SLIPS_PER_PAGE),
        fullest: SLIPS_PER_PAGE,
        misplaced: 0,
        headerShown: false,
      });
      await page.emulateMedia({ media: null });

      const pdf = await page.pdf({ format: "A4", printBackground: true });
      const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? [];
      expect(pages.length).toBe(Math.ceil(SLIPS / SLIPS_PER_PAGE));
      const onEachPage = pages.map((_, p) => Math.min(SLIPS_PER_PAGE, SLIPS - p * SLIPS_PER_PAGE));
      const strokes = strokesPerPage(pdf);
      expect(strokes.map((n, p) => Math.min(n, onEachPage[p] ?? 0))).toEqual(onEachPage);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
