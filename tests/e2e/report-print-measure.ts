// What the printable report's print-layout test measures: cells against their text in the live page
// (print media), and the printed PDF's pages, words and page numbers (poppler, tests/support/pdf-layout.ts).
import type { Page } from "playwright-core";
import type { PdfPage } from "../support/pdf-layout.ts";

/** Chromium prints at 96 CSS px per inch. */
export const mmToPx = (mm: number) => (mm * 96) / 25.4;

/**
 * Problems with the tables (and charts) matched by `selector` laid out `widthPx` wide, as a page of
 * that text width lays them out: wider than the page, a figure cell narrower than its figure or
 * its figure on two lines, an option label stacked fewer than five characters a line.
 */
export async function measureTables(page: Page, selector: string, widthPx: number) {
  await page.setViewportSize({ width: Math.round(widthPx), height: 1000 });
  await page.emulateMedia({ media: "print" });
  return page.evaluate((selector) => {
    const problems: string[] = [];
    const pageWidth = document.documentElement.clientWidth;
    // Lines a text node occupies: its fragments grouped by top (a font change may split a line).
    const linesOf = (range: Range) =>
      new Set([...range.getClientRects()].map((r) => Math.round(r.top / 2))).size;
    const found = [...document.querySelectorAll(selector)];
    for (const element of found) {
      const name = element.querySelector("caption")?.textContent ?? element.tagName;
      const box = element.getBoundingClientRect();
      if (box.right > pageWidth + 0.5)
        problems.push(`${name}: ${Math.round(box.width)}px on a ${pageWidth}px page`);
      for (const cell of element.querySelectorAll<HTMLElement>("td, tbody th, tfoot th")) {
        const text = cell.firstChild;
        if (!text || text.nodeType !== Node.TEXT_NODE) continue;
        const range = document.createRange();
        range.selectNodeContents(text);
        const style = getComputedStyle(cell);
        const room =
          cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        const words = cell.textContent ?? "";
        const lines = linesOf(range);
        if (cell.tagName === "TD") {
          if (lines !== 1) problems.push(`${name}: "${words}" on ${lines} lines`);
          if (
            range.getBoundingClientRect().width > room + 0.5 ||
            cell.scrollWidth > cell.clientWidth
          )
            problems.push(`${name}: "${words}" wider than its ${Math.round(room)}px cell`);
        } else if (lines > Math.ceil([...words].length / 5)) {
          problems.push(`${name}: label "${words}" on ${lines} lines`);
        }
      }
    }
    return { count: found.length, problems };
  }, selector);
}

/** The bottom words of a page: its printed number, "— 7 —", and where it sits. */
export function pageNumberOf(page: PdfPage) {
  const bottom = page.lines.filter((l) => l.yMin > page.height * 0.88);
  const line = bottom.find((l) => /^— ?\d+ ?—$/.test(l.text.replace(/\s+/g, " ")));
  if (!line) return null;
  return {
    number: Number(line.text.replace(/\D/g, "")),
    side: (line.xMin + line.xMax) / 2 > page.width / 2 ? "right" : "left",
  };
}

/** Words on the page equal to one of `texts`, counted per text. */
export function countWords(pages: PdfPage[], texts: ReadonlySet<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of pages.flatMap((p) => p.words))
    if (texts.has(word.text)) counts.set(word.text, (counts.get(word.text) ?? 0) + 1);
  return counts;
}

/**
 * Table rows on a page without their header above them: the topmost figure of the page must sit
 * below a "选项" header cell. Returns the page's first figure when it does not.
 */
export function rowsWithoutHeader(page: PdfPage, isFigure: (text: string) => boolean) {
  const figures = page.words.filter((w) => isFigure(w.text));
  const first = figures.reduce<(typeof figures)[number] | null>(
    (top, w) => (top === null || w.yMin < top.yMin ? w : top),
    null,
  );
  if (!first) return null;
  const header = page.words.some((w) => w.text === "选项" && w.yMax <= first.yMin);
  return header ? null : first.text;
}
