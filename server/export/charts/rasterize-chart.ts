// Turns a bar chart into a PNG for the Word report with resvg (no browser), and refuses to draw tofu:
// on a server without a Chinese font the chart keeps its bars and figures but drops its words.
import { Resvg } from "@resvg/resvg-js";
import { type Bar, type BarChartOptions, barChartSvg, CHART_FONT_FAMILY } from "./bar-chart-svg.ts";
import { type ChartFonts, defaultChartFonts } from "./chart-fonts.ts";

export interface ChartImage {
  png: Buffer;
  /** The drawing's size in CSS pixels (96 per inch); the PNG itself has `scale` times as many. */
  width: number;
  height: number;
  /** Set when the labels had to be left out, saying how an operator fixes it. */
  warning: string | null;
}

export const NO_CJK_FONT_WARNING =
  "图表未画出文字标签：本机没有可用的中文字体。请安装 fonts-wqy-microhei 或 fonts-noto-cjk（apt-get install fonts-wqy-microhei）后重启服务。";

/** Printed charts are drawn at twice their size: 1180 px over 156 mm is about 190 dpi. */
const SCALE = 2;

const probed = new Map<string, boolean>();

/**
 * Can resvg draw Chinese with these fonts? Two different characters drawn alike (both empty, or
 * both the same missing-glyph box) mean it cannot. Asked once per font set: a font installed later
 * is seen after a restart.
 */
export function canDrawChinese(fonts: ChartFonts = defaultChartFonts()): boolean {
  const key = JSON.stringify(fonts);
  const known = probed.get(key);
  if (known !== undefined) return known;
  const draw = (ch: string) =>
    new Resvg(
      `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><text x="4" y="32" font-size="32" font-family="${CHART_FONT_FAMILY}">${ch}</text></svg>`,
      { font: fonts },
    )
      .render()
      .asPng();
  const one = draw("中");
  const other = draw("川");
  const answer = !one.equals(other);
  probed.set(key, answer);
  return answer;
}

/** True when a text has anything but ASCII, i.e. would need the missing Chinese font. */
const needsCjk = (text: string) => /[^\x20-\x7e]/.test(text);

export function rasterizeChart(
  bars: Bar[],
  options: BarChartOptions = {},
  fonts: ChartFonts = defaultChartFonts(),
): ChartImage {
  const chinese = canDrawChinese(fonts);
  // Without a Chinese font the order of the bars still matches the table's rows beside it.
  const drawn = chinese
    ? bars
    : bars.map((bar) => ({ ...bar, label: "", text: needsCjk(bar.text) ? "" : bar.text }));
  const title = chinese || !options.title || !needsCjk(options.title) ? options.title : undefined;
  const svg = barChartSvg(drawn, { ...options, title });
  const resvg = new Resvg(svg, {
    font: fonts,
    fitTo: { mode: "zoom", value: SCALE },
    background: "#ffffff",
  });
  const png = resvg.render().asPng();
  return {
    png,
    width: resvg.width,
    height: resvg.height,
    warning: chinese ? null : NO_CJK_FONT_WARNING,
  };
}
