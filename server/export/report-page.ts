// The printable A4 report page in 公文 form: the DOCX's content as HTML, styled only by an external
// sheet (CSP). Wide tables go on landscape pages (report.css), cut into parts that fit.
import { html } from "hono/html";
import { markupText, printPageHead } from "../http/print-page.ts";
import { hiddenFigure } from "../tabulate/figure-rules.ts";
import type { ExportInput } from "./export-input.ts";
import { markHidden } from "./figure-text.ts";
import { buildNarrative, type NarrativeQuestion } from "./narrative.ts";
import { LANDSCAPE } from "./report-page/column-parts.ts";
import { choiceBars, renderChart } from "./report-page/figure-chart.ts";
import { renderFigureTable } from "./report-page/figure-table.ts";
import { renderIndexSection } from "./report-page/index-section.ts";
import { buildReportTable } from "./report-table.ts";

/** Served by the static handler from server/respondent/static/report.css; the CSP forbids inline styles. */
export const REPORT_STYLESHEET = "/static/report.css";

/** The table and its notes on landscape pages: 全体 and eleven groups do not fit a portrait line. */
function renderTable(question: NarrativeQuestion, input: ExportInput) {
  if (!question.table) return "";
  const { head, body, foot } = buildReportTable(question.table, input.tabulation);
  const hidden = new Set([markHidden(input.tabulation.minBase), hiddenFigure("complementary", 0)]);
  const caption = `${question.code}　${question.text}`;
  const table = { className: "banner", caption, labels: 1, head, body, foot, hidden };
  return html`<div class="wide">
${renderFigureTable(table, LANDSCAPE)}
${question.notes.map((text) => html`<p class="note">${text}</p>\n`)}
</div>`;
}

function renderTexts(question: NarrativeQuestion) {
  if (!question.texts) return "";
  const { heading, group } = question.texts;
  const items = group.texts.map((t) => {
    const times = t.count > 1 ? `（${t.count} 次）` : "";
    return html`<li>${t.text}${times}</li>`;
  });
  return html`<h4>${heading}：${group.heading}</h4>
${group.withheld === null ? "" : html`<p class="withheld">${group.withheld}</p>`}
${items.length > 0 ? html`<ul class="texts">${items}</ul>` : ""}`;
}

function renderQuestion(question: NarrativeQuestion, input: ExportInput) {
  const bars = question.table ? choiceBars(question.table, input.tabulation) : [];
  return html`<article class="question">
<h3>${question.code}　${question.text}</h3>
${question.paragraphs.map((text) => html`<p>${text}</p>\n`)}
${renderChart(bars, `${question.code}　全体选择各选项的占比`)}
${renderTable(question, input)}
${renderTexts(question)}
</article>
`;
}

export function renderReportPage(input: ExportInput): string {
  const narrative = buildNarrative(input);
  return markupText(html`${printPageHead(`调查结果报告 · ${narrative.title}`, REPORT_STYLESHEET)}
<body class="report">
<p class="screen-only">用浏览器的打印功能（Ctrl+P）打印或另存为 PDF，纸张选择 A4；宽表格自动排在横向页上。</p>
<header class="report-header">
<h1>${narrative.title}</h1>
<p class="report-meta">调查结果报告 · 生成于 ${narrative.generatedOn}</p>
</header>
<main>
<section class="method">
<h2>调查说明</h2>
${narrative.method.map((text) => html`<p>${text}</p>\n`)}
</section>
${renderIndexSection(narrative.indices, input.tabulation)}
${narrative.sections.map(
  (section) => html`<section class="report-section">
<h2>${section.title}</h2>
${section.questions.map((question) => renderQuestion(question, input))}
</section>
`,
)}
</main>
</body>
</html>
`);
}
