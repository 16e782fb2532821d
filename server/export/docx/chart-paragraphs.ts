// A chart in the Word report: the shared SVG bar chart drawn to PNG, centred, with its caption.
import { AlignmentType, ImageRun, LineRuleType, Paragraph } from "docx";
import type { Bar } from "../charts/bar-chart-svg.ts";
import { rasterizeChart } from "../charts/rasterize-chart.ts";
import { PORTRAIT_TEXT_WIDTH } from "./gbt9704.ts";
import { clean, smallParagraph } from "./paragraphs.ts";

/** The text width in CSS pixels (96 per inch; 15 twips a pixel), a hair under so Word never shrinks it. */
const CHART_WIDTH_PX = Math.floor(PORTRAIT_TEXT_WIDTH / 15) - 2;

/** Once per report is enough: the operator needs to hear it, the reader sees the note. */
export type ChartWarn = (message: string) => void;

export function chartParagraphs(bars: Bar[], caption: string, warn: ChartWarn): Paragraph[] {
  if (bars.length === 0) return [];
  const image = rasterizeChart(bars, { widthPx: CHART_WIDTH_PX });
  if (image.warning) warn(image.warning);
  const picture = new Paragraph({
    alignment: AlignmentType.CENTER,
    // A fixed line height would clip the picture to one line: this paragraph sizes to it.
    spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 120, after: 0 },
    keepNext: true,
    children: [
      new ImageRun({
        type: "png",
        data: image.png,
        transformation: { width: image.width, height: image.height },
        // Attributes of the XML: control characters would make the file unreadable.
        altText: {
          name: clean(caption),
          title: clean(caption),
          description: clean(bars.map((b) => `${b.label} ${b.text}`).join("；")),
        },
      }),
    ],
  });
  const notes = image.warning
    ? ["（服务器缺少中文字体，图中未标名称；各条顺序与对应表格各行相同。）"]
    : [];
  return [
    picture,
    smallParagraph(caption, { center: true }),
    ...notes.map((n) => smallParagraph(n, { center: true })),
  ];
}
