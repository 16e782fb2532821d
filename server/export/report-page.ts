// The printable A4 report page: the DOCX's content as HTML, styled only by an external sheet (CSP).
import { html } from "hono/html";
import { markupText, printPageHead } from "../http/print-page.ts";
import { hiddenFigure } from "../tabulate/figure-rules.ts";
import type { ExportInput } from "./export-input.ts";
import { markHidden } from "./figure-text.ts";
import { buildNarrative, type NarrativeQuestion } from "./narrative.ts";
import { buildReportTable } from "./report-table.ts";

/** Served by the static handler from server/respond/static/report.css; the CSP forbids inline styles. */
export const REPORT_STYLESHEET = "/static/report.css";

function renderTable(question: NarrativeQuestion, input: ExportInput) {
  if (!question.table) return "";
  const { head, body, foot } = buildReportTable(question.table, input.tabulation);
  const hidden = new Set([markHidden(input.tabulation.minBase), hiddenFigure("complementary", 0)]);
  const figures = (cells: string[]) =>
    cells.map((text) =>
      hidden.has(text) ? html`<td class="hidden-figure">${text}</td>` : html`<td>${text}</td>`,
    );
  const [corner, ...columns] = head;
  return html`<table class="banner">
<thead><tr><th scope="col">${corner}</th>${columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
<tbody>
${body.map(([label, ...cells]) => html`<tr><th scope="row">${label}</th>${figures(cells)}</tr>\n`)}</tbody>
<tfoot>${foot.map(([label, ...cells]) => html`<tr><th scope="row">${label}</th>${figures(cells)}</tr>`)}</tfoot>
</table>`;
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
  return html`<article class="question">
<h3>${question.code}　${question.text}</h3>
${question.paragraphs.map((text) => html`<p>${text}</p>\n`)}
${renderTable(question, input)}
${question.notes.map((text) => html`<p class="note">${text}</p>\n`)}
${renderTexts(question)}
</article>
`;
}

export function renderReportPage(input: ExportInput): string {
  const narrative = buildNarrative(input);
  return markupText(html`${printPageHead(`调查结果报告 · ${narrative.title}`, REPORT_STYLESHEET)}
<body>
<p class="screen-only">用浏览器的打印功能（Ctrl+P）打印或另存为 PDF，纸张选择 A4。</p>
<header class="report-header">
<h1>${narrative.title}</h1>
<p class="report-meta">调查结果报告 · 生成于 ${narrative.generatedOn}</p>
</header>
<main>
<section class="method">
<h2>调查说明</h2>
${narrative.method.map((text) => html`<p>${text}</p>\n`)}
</section>
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
