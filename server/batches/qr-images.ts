// QR codes for code links: inline SVG for the slip sheet, PNG and SVG files for download.
import QRCode, { type QRCodeSegment } from "qrcode";

/** "M" survives a crease or a smudge on a paper slip and still fits a 50-character URL in 33×33. */
const ERROR_CORRECTION = "M";
/** Four light modules around the symbol: the quiet zone the standard asks for, or phones miss it. */
const QUIET_ZONE = 4;
export const DEFAULT_IMAGE_PX = 600;
const MIN_IMAGE_PX = 64;
const MAX_IMAGE_PX = 4096;

const utf8 = new TextEncoder();
const byteSegment = (url: string): QRCodeSegment[] => [{ data: utf8.encode(url), mode: "byte" }];

interface QrDrawing {
  /** Width and height in modules, quiet zone included. */
  side: number;
  /** One path tracing every dark module as a 1-unit stroke along its row. */
  path: string;
}

/**
 * The library's encoder picks version and mask; we only draw its module matrix.
 * One byte segment: the library's search for the cheapest mix of modes costs ~40 % of the
 * time and gives the same version for our URLs (a 22-character nanoid has no long digit runs).
 * One `<path>` with relative moves keeps each code to ~2 KB, ten times less than a `<rect>` per module.
 */
function drawQr(url: string): QrDrawing {
  const { modules } = QRCode.create(byteSegment(url), { errorCorrectionLevel: ERROR_CORRECTION });
  const size = modules.size;
  let path = "";
  for (let row = 0; row < size; row++) {
    let penX = -1;
    let col = 0;
    while (col < size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && modules.get(row, col)) col++;
      path +=
        penX < 0
          ? `M${start + QUIET_ZONE} ${row + QUIET_ZONE + 0.5}h${col - start}`
          : `m${start - penX} 0h${col - start}`;
      penX = col;
    }
  }
  return { side: size + 2 * QUIET_ZONE, path };
}

/** An explicit light square under the dark modules: the quiet zone must stay light on any background. */
function svgBody({ side, path }: QrDrawing): string {
  return (
    `<path fill="#fff" d="M0 0h${side}v${side}H0z"/>` +
    `<path stroke="#000" stroke-width="1" fill="none" d="${path}"/>`
  );
}

/**
 * Inline SVG sized by CSS (no width/height). Hidden from screen readers because the
 * slip prints the same URL as text beside it.
 */
export function qrSvg(url: string): string {
  const drawing = drawQr(url);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${drawing.side} ${drawing.side}" ` +
    `shape-rendering="crispEdges" aria-hidden="true">${svgBody(drawing)}</svg>`
  );
}

function checkImagePx(px: number): number {
  if (!Number.isInteger(px) || px < MIN_IMAGE_PX || px > MAX_IMAGE_PX) {
    throw new RangeError(`QR image size must be an integer ${MIN_IMAGE_PX}–${MAX_IMAGE_PX} px`);
  }
  return px;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A standalone SVG file for download: XML header, pixel size, and the URL as its title. */
export function qrSvgFile(url: string, size = DEFAULT_IMAGE_PX): string {
  const px = checkImagePx(size);
  const drawing = drawQr(url);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${px}" height="${px}" ` +
    `viewBox="0 0 ${drawing.side} ${drawing.side}" shape-rendering="crispEdges" role="img">` +
    `<title>${escapeXml(url)}</title>${svgBody(drawing)}</svg>\n`
  );
}

/** A `size` × `size` px PNG for download, quiet zone included. */
export async function qrPng(
  url: string,
  size = DEFAULT_IMAGE_PX,
): Promise<Uint8Array<ArrayBuffer>> {
  const png = await QRCode.toBuffer(byteSegment(url), {
    type: "png",
    errorCorrectionLevel: ERROR_CORRECTION,
    margin: QUIET_ZONE,
    width: checkImagePx(size),
    color: { dark: "#000000ff", light: "#ffffffff" },
  });
  // A copy on its own ArrayBuffer: Node may hand back a slice of a shared pool.
  return new Uint8Array(png);
}
