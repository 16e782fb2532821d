// The bar charts the printable page inlines, drawn by the same SVG builder as the Word report:
// under a single-choice question (or a grid row) its 全体 shares, and an index's ranked values.
import { html, raw } from "hono/html";
import type { QuestionTable, Tabulation } from "../../tabulate/results-schemas.ts";
import { type Bar, barChartSvg } from "../charts/bar-chart-svg.ts";
import { questionBars } from "../charts/question-bars.ts";

/** Single choice and grid rows only: a multiple-choice question's shares do not make a whole. */
export function choiceBars(q: QuestionTable, tab: Tabulation): Bar[] {
  return q.kind === "single" || q.kind === "matrix" ? questionBars(q, tab) : [];
}

/**
 * The chart and its caption. barChartSvg escapes its texts and uses presentation attributes
 * only (fill=, font-size=), which a CSP without 'unsafe-inline' allows, unlike style="".
 */
export function renderChart(bars: Bar[], caption: string) {
  if (bars.length === 0) return "";
  return html`<figure class="chart">
${raw(barChartSvg(bars))}
<figcaption>${caption}</figcaption>
</figure>
`;
}
