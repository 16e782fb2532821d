// 主要指标: per declared index (满意率 …) the ranking sentence, the ranked table, the chart and one
// sentence per aspect, printed after 调查说明 so the headline figures come first.
import { html } from "hono/html";
import { hiddenFigure } from "../../tabulate/figure-rules.ts";
import type { Tabulation } from "../../tabulate/results-schemas.ts";
import type { NarrativeIndex } from "../narrative.ts";
import { PORTRAIT } from "./column-parts.ts";
import { renderChart } from "./figure-chart.ts";
import { renderFigureTable } from "./figure-table.ts";

function renderIndex(index: NarrativeIndex, tab: Tabulation) {
  // Percentages are short: the ranked table fits the portrait page, in two parts at most.
  const table = renderFigureTable(
    {
      className: "index",
      caption: `${index.name}排序`,
      labels: 2,
      head: index.table.head,
      body: index.table.body,
      foot: [],
      hidden: new Set([hiddenFigure("small", tab.minBase), hiddenFigure("complementary", 0)]),
    },
    PORTRAIT,
  );
  return html`<section class="index">
<h3>${index.name}</h3>
<p>${index.ranking}</p>
<div class="table-box">
${table}
</div>
${renderChart(index.chart, `${index.name}（全体，由高到低）`)}
${index.sentences.map((text) => html`<p>${text}</p>\n`)}
</section>
`;
}

export function renderIndexSection(indices: NarrativeIndex[], tab: Tabulation) {
  if (indices.length === 0) return "";
  return html`<section class="indices">
<h2>主要指标</h2>
${indices.map((index) => renderIndex(index, tab))}
</section>
`;
}
