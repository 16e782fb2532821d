// A horizontal bar chart as plain SVG text, shared by the Word report (rasterized) and the printable page (inlined).

export interface Bar {
  /** The option or aspect, printed left of its bar; wrapped onto further lines when long. */
  label: string;
  /** The share as a fraction, 0..1; the bar's length. Out-of-range values are clamped. */
  value: number;
  /** The printed figure right of the bar, exactly as the table prints it ("42.1%"). */
  text: string;
}

export interface BarChartOptions {
  /** A line over the chart; none when absent. */
  title?: string;
  /** The drawing's width in CSS pixels: 590 is the 156 mm text width of an A4 公文 page at 96 dpi. */
  widthPx?: number;
}

/** 156 mm at 96 px per inch. */
export const A4_TEXT_WIDTH_PX = 590;
const FONT_PX = 14;
const LINE_PX = 18;
const BAR_PX = 16;
const GAP_PX = 10;
const PAD_PX = 6;
/** No font is embedded: the viewer (a browser, resvg) picks the first of these it has. */
export const CHART_FONT_FAMILY =
  "'SimHei', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif";
const BAR_FILL = "#4a6fa5";
const TEXT_FILL = "#222";
const AXIS_STROKE = "#888";

/**
 * Markup escaped, and control characters dropped: XML 1.0 cannot hold them, and resvg refuses the
 * whole drawing (an author's "好\u0001" would otherwise stop every Word report of that version).
 */
const escapeXml = (text: string) =>
  text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(
      /[<>&"']/g,
      (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
    );

/**
 * A label wraps onto at most this many lines, the last ending in "…": the format allows 2,000
 * characters per option, and 50 such labels drew a chart 112,812 px tall that took resvg 95 s.
 */
const MAX_LABEL_LINES = 3;

/** Width in em: CJK, full-width forms and “”—… print one em wide in a Chinese font; Latin about 0.6. */
function emWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    width += code >= 0x2e80 || (code >= 0x2010 && code <= 0x206f) ? 1 : 0.6;
  }
  return width;
}

/** Splits a label into lines no wider than maxEm, breaking between characters (Chinese has no spaces). */
function wrapLabel(text: string, maxEm: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const ch of text) {
    if (line !== "" && emWidth(line + ch) > maxEm) {
      lines.push(line);
      line = "";
    }
    line += ch;
  }
  if (line !== "" || lines.length === 0) lines.push(line);
  if (lines.length <= MAX_LABEL_LINES) return lines;
  const kept = lines.slice(0, MAX_LABEL_LINES);
  kept[MAX_LABEL_LINES - 1] = oneLine(`${kept[MAX_LABEL_LINES - 1] ?? ""}…`, maxEm);
  return kept;
}

/** Cut with "…" where wider than maxEm. */
function oneLine(text: string, maxEm: number): string {
  if (emWidth(text) <= maxEm) return text;
  const chars = [...text];
  while (chars.length > 0 && emWidth(`${chars.join("")}…`) > maxEm) chars.pop();
  return `${chars.join("")}…`;
}

/** Bars in the given order, each with its label left and its printed figure right; no axis labels. */
export function barChartSvg(bars: Bar[], options: BarChartOptions = {}): string {
  const width = Math.max(200, Math.round(options.widthPx ?? A4_TEXT_WIDTH_PX));
  // Room for the longest figure text, so a bar at 100% still shows its figure inside the drawing.
  const figureEm = Math.max(3, ...bars.map((b) => emWidth(b.text)));
  const figurePx = Math.ceil(figureEm * FONT_PX) + GAP_PX;
  // Labels take what they need, at most 38% of the width; longer ones wrap.
  const longestLabel = Math.max(0, ...bars.map((b) => emWidth(b.label)));
  const labelMaxEm = Math.floor((width * 0.38) / FONT_PX);
  const labelEm = Math.min(longestLabel, labelMaxEm);
  const labelPx = labelEm > 0 ? Math.ceil(labelEm * FONT_PX) + GAP_PX : 0;
  const barX = PAD_PX + labelPx;
  const barMax = Math.max(20, width - barX - figurePx - PAD_PX);
  const parts: string[] = [];
  let y = PAD_PX;
  if (options.title) {
    // One line: a title longer than the drawing is cut rather than run off its edge.
    y += LINE_PX;
    parts.push(
      `<text x="${width / 2}" y="${y - 4}" text-anchor="middle" font-weight="bold">${escapeXml(oneLine(options.title, width / FONT_PX - 1))}</text>`,
    );
    y += 4;
  }
  const top = y;
  for (const bar of bars) {
    const lines = labelEm > 0 ? wrapLabel(bar.label, labelEm) : [];
    const rowPx = Math.max(BAR_PX + 8, lines.length * LINE_PX + 6);
    const middle = y + rowPx / 2;
    const value = Number.isFinite(bar.value) ? Math.min(1, Math.max(0, bar.value)) : 0;
    const length = Math.round(value * barMax * 10) / 10;
    lines.forEach((line, i) => {
      const baseline = middle + (i - (lines.length - 1) / 2) * LINE_PX + FONT_PX * 0.35;
      parts.push(
        `<text x="${barX - GAP_PX}" y="${baseline.toFixed(1)}" text-anchor="end">${escapeXml(line)}</text>`,
      );
    });
    parts.push(
      `<rect x="${barX}" y="${(middle - BAR_PX / 2).toFixed(1)}" width="${length}" height="${BAR_PX}" fill="${BAR_FILL}"/>`,
      `<text x="${(barX + length + 4).toFixed(1)}" y="${(middle + FONT_PX * 0.35).toFixed(1)}">${escapeXml(bar.text)}</text>`,
    );
    y += rowPx;
  }
  parts.push(
    `<line x1="${barX}" y1="${top}" x2="${barX}" y2="${y}" stroke="${AXIS_STROKE}" stroke-width="1"/>`,
  );
  const height = Math.ceil(y + PAD_PX);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img"${options.title ? ` aria-label="${escapeXml(options.title)}"` : ""}>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<g font-family="${CHART_FONT_FAMILY.replace(/"/g, "&quot;")}" font-size="${FONT_PX}" fill="${TEXT_FILL}">`,
    ...parts,
    "</g></svg>",
  ].join("");
}
