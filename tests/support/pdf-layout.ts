// Renders office files to PDF with LibreOffice and reads back what a printed page holds: page sizes,
// the words with their boxes (poppler's pdftotext -bbox-layout), and PNGs of pages to look at.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

export const soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find(existsSync) ?? null;
const popplerReady = ["/usr/bin/pdftotext", "/usr/bin/pdftoppm"].every(existsSync);

/**
 * Whether the LibreOffice checks can run here. Under CI they must (.ci/run installs
 * libreoffice-writer-nogui and poppler-utils), so a missing tool there throws instead of skipping.
 */
export function officeToolsReady(): boolean {
  const ready = soffice !== null && popplerReady;
  if (!ready && process.env.CI === "true")
    throw new Error(
      "CI must run the PDF layout checks: apt-get install libreoffice-writer-nogui poppler-utils",
    );
  return ready;
}

/**
 * Converts files to PDF in one LibreOffice run (each start costs seconds), with a profile of its
 * own so parallel test files never share LibreOffice's lock. Returns the PDFs in the files' order.
 */
export function convertToPdf(
  files: string | string[],
  outDir = mkdtempSync(join(tmpdir(), "pdf-")),
): string[] {
  if (soffice === null) throw new Error("LibreOffice (soffice) is not installed");
  const list = typeof files === "string" ? [files] : files;
  const profile = mkdtempSync(join(tmpdir(), "soffice-profile-"));
  execFileSync(
    soffice,
    [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--convert-to",
      "pdf",
      "--outdir",
      outDir,
      ...list,
    ],
    { stdio: "ignore", timeout: 180_000 },
  );
  rmSync(profile, { recursive: true, force: true });
  return list.map((file) => {
    const pdf = join(outDir, basename(file).replace(/\.[^.]+$/, ".pdf"));
    if (!existsSync(pdf)) throw new Error(`LibreOffice wrote no PDF for ${file}`);
    return pdf;
  });
}

export interface PdfWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PdfLine extends Omit<PdfWord, "text"> {
  words: PdfWord[];
  /** The words joined by one space, as a reader would read the line. */
  text: string;
}

export interface PdfPage {
  /** 1-based. */
  number: number;
  /** In points (1/72 inch): A4 is 595.3 x 841.9. */
  width: number;
  height: number;
  landscape: boolean;
  lines: PdfLine[];
  words: PdfWord[];
  /** Every word on the page joined, lines by "\n". */
  text: string;
}

export interface PdfLayout {
  pageCount: number;
  pages: PdfPage[];
}

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&apos;": "'",
};
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|apos);/g, (e) => ENTITIES[e] ?? e);

const box = (attributes: string) => {
  const n = (name: string) => Number(new RegExp(`${name}="([^"]*)"`).exec(attributes)?.[1] ?? NaN);
  return { xMin: n("xMin"), yMin: n("yMin"), xMax: n("xMax"), yMax: n("yMax") };
};

/** Parses pdftotext's -bbox-layout XHTML: pages, then lines of words in reading order. */
export function parseBboxLayout(xhtml: string): PdfLayout {
  const pages: PdfPage[] = [];
  const pageRe = /<page width="([^"]+)" height="([^"]+)">([\s\S]*?)<\/page>/g;
  for (const [, width, height, body] of xhtml.matchAll(pageRe)) {
    const lines: PdfLine[] = [];
    for (const [, attributes, inner] of (body ?? "").matchAll(
      /<line ([^>]*)>([\s\S]*?)<\/line>/g,
    )) {
      const words = [...(inner ?? "").matchAll(/<word ([^>]*)>([\s\S]*?)<\/word>/g)].map(
        ([, a, text]) => ({ text: decode(text ?? ""), ...box(a ?? "") }),
      );
      lines.push({ ...box(attributes ?? ""), words, text: words.map((w) => w.text).join(" ") });
    }
    const w = Number(width);
    const h = Number(height);
    pages.push({
      number: pages.length + 1,
      width: w,
      height: h,
      landscape: w > h,
      lines,
      words: lines.flatMap((l) => l.words),
      text: lines.map((l) => l.text).join("\n"),
    });
  }
  return { pageCount: pages.length, pages };
}

export function readPdfLayout(pdf: string): PdfLayout {
  const xhtml = execFileSync("pdftotext", ["-bbox-layout", pdf, "-"], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return parseBboxLayout(xhtml);
}

/** PNGs of pages first..last at dpi, in page order; for a person (or the file viewer) to look at. */
export function renderPdfPages(
  pdf: string,
  options: { first?: number; last?: number; dpi?: number; outDir?: string } = {},
): string[] {
  const outDir = options.outDir ?? mkdtempSync(join(tmpdir(), "pdf-png-"));
  const prefix = join(outDir, "page");
  const args = ["-png", "-r", String(options.dpi ?? 72)];
  if (options.first) args.push("-f", String(options.first));
  if (options.last) args.push("-l", String(options.last));
  execFileSync("pdftoppm", [...args, pdf, prefix], { stdio: "ignore", timeout: 120_000 });
  return readdirSync(outDir)
    .filter((f) => f.startsWith("page") && f.endsWith(".png"))
    .sort((a, b) => Number(/(\d+)\.png$/.exec(a)?.[1]) - Number(/(\d+)\.png$/.exec(b)?.[1]))
    .map((f) => join(outDir, f));
}
