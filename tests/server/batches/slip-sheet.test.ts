// The slip sheet is safe HTML for the strict CSP, and every QR image decodes back to its URL.
import jsQR from "jsqr";
import { nanoid } from "nanoid";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { qrPng, qrSvg, qrSvgFile } from "../../../server/batches/qr-images.ts";
import { renderSlipSheet, SLIPS_PER_PAGE } from "../../../server/batches/slip-sheet.ts";

const HOSTILE = "<script>alert(1)</script>";
const codeUrl = () => `http://192.168.1.20:3000/c/${nanoid(22)}`;
const sheetOf = (
  urls: string[],
  labels: Partial<Record<"title" | "batch" | "category", string>> = {},
) =>
  renderSlipSheet({
    surveyTitle: labels.title ?? "村级组织运行情况调查",
    batchLabel: labels.batch ?? "乡镇党委",
    categoryLabel: labels.category ?? "村(社区)干部",
    urls,
    printedOn: "2025-03-01",
  });

/** Rebuilds the module grid from the SVG's single stroked path (`M x y+.5 h n m dx 0 h n …`). */
function darkModules(svg: string): { side: number; dark: boolean[][] } {
  const side = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const d = /<path stroke="#000"[^>]* d="([^"]*)"/.exec(svg)?.[1];
  if (!side || d === undefined) throw new Error("not a QR svg from qrSvg");
  const dark = Array.from({ length: side }, () => new Array<boolean>(side).fill(false));
  let x = 0;
  let y = 0;
  for (const [, command, a, b] of d.matchAll(/([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    const n = Number(a);
    if (command === "M") [x, y] = [n, Number(b) - 0.5];
    else if (command === "m") [x, y] = [x + n, y + Number(b)];
    else for (let end = x + n; x < end; x++) dark[y]![x] = true;
  }
  return { side, dark };
}

/** Paints the grid at 4 px per module, as a camera would see a clean print, and decodes it. */
function decodeSvg(svg: string): string | undefined {
  const { side, dark } = darkModules(svg);
  const scale = 4;
  const width = side * scale;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let py = 0; py < width; py++) {
    for (let px = 0; px < width; px++) {
      if (!dark[Math.floor(py / scale)]![Math.floor(px / scale)]) continue;
      pixels.fill(0, (py * width + px) * 4, (py * width + px) * 4 + 3);
    }
  }
  return jsQR(pixels, width, width)?.data;
}

function decodePng(bytes: Uint8Array): { text: string | undefined; width: number } {
  const png = PNG.sync.read(Buffer.from(bytes));
  const pixels = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length);
  return { text: jsQR(pixels, png.width, png.height)?.data, width: png.width };
}

describe("renderSlipSheet", () => {
  it("escapes user-written titles and labels", () => {
    const sheet = sheetOf([codeUrl()], { title: HOSTILE, batch: HOSTILE, category: HOSTILE });
    expect(sheet).not.toMatch(/<script/i);
    expect(sheet).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("has one slip per URL, in order, numbered, on pages of SLIPS_PER_PAGE", () => {
    const urls = Array.from({ length: 2 * SLIPS_PER_PAGE + 7 }, codeUrl);
    const sheet = sheetOf(urls);
    expect(sheet.match(/class="slip"/g)).toHaveLength(urls.length);
    expect(sheet.match(/class="sheet"/g)).toHaveLength(3);
    const shown = [...sheet.matchAll(/<p class="slip-url">([^<]*)<\/p>/g)].map((m) => m[1]);
    expect(shown).toEqual(urls);
    const numbers = [...sheet.matchAll(/class="slip-number">(\d+)\/(\d+)</g)];
    expect(numbers.map((m) => `${m[1]}/${m[2]}`)).toEqual(urls.map((_, i) => `${i + 1}/37`));
    expect(sheet.match(/<svg /g)).toHaveLength(urls.length);
  });

  it("needs nothing the CSP forbids: no inline style or script", () => {
    const sheet = sheetOf(Array.from({ length: 20 }, codeUrl));
    expect(sheet).not.toMatch(/\sstyle=/i);
    expect(sheet).not.toMatch(/<style/i);
    expect(sheet).not.toMatch(/<script/i);
    expect(sheet).not.toMatch(/\son[a-z]+=/i);
    expect(sheet).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(sheet).toContain('<meta name="referrer" content="no-referrer">');
    expect(sheet).toContain('<link rel="stylesheet" href="/static/slips.css">');
  });

  it("renders an empty batch as a header without slips", () => {
    const sheet = sheetOf([]);
    expect(sheet).not.toContain('class="slip"');
    expect(sheet).toContain("</html>");
  });
});

describe("QR images", () => {
  const urls = [codeUrl(), codeUrl(), `https://survey.example.gov.cn:8443/c/${nanoid(22)}`];

  it.each(urls)("qrSvg decodes back to %s", (url) => {
    expect(decodeSvg(qrSvg(url))).toBe(url);
  });

  it("qrSvg is sized by CSS, hidden from screen readers, with a 4-module quiet zone", () => {
    const svg = qrSvg(urls[0]!);
    expect(svg).not.toMatch(/\s(width|height)=/);
    expect(svg).toContain('aria-hidden="true"');
    const { side, dark } = darkModules(svg);
    const isQuiet = (i: number) => i < 4 || i >= side - 4;
    const darkInQuietZone = dark.some((row, y) =>
      row.some((on, x) => on && (isQuiet(x) || isQuiet(y))),
    );
    expect(darkInQuietZone).toBe(false);
    // The top-left finder pattern starts right after the quiet zone.
    expect(dark[4]![4]).toBe(true);
  });

  it("qrSvgFile is a standalone document of the asked pixel size", () => {
    const file = qrSvgFile(urls[0]!, 300);
    expect(file).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg /);
    expect(file).toContain('width="300" height="300"');
    expect(decodeSvg(file)).toBe(urls[0]);
  });

  it("qrPng decodes back to the URL at the default and a small size", async () => {
    expect(decodePng(await qrPng(urls[0]!))).toEqual({ text: urls[0], width: 600 });
    expect(decodePng(await qrPng(urls[2]!, 200))).toEqual({ text: urls[2], width: 200 });
  });

  it("refuses image sizes that are not whole pixels in range", async () => {
    await expect(qrPng(urls[0]!, 10)).rejects.toThrow(RangeError);
    await expect(qrPng(urls[0]!, 600.5)).rejects.toThrow(RangeError);
    expect(() => qrSvgFile(urls[0]!, 100_000)).toThrow(RangeError);
  });
});
