// Free texts under a question: “其他” answers or text answers per group, and the frequent words.
import { html, nothing } from "lit";
import type { QuestionTable, TextGroup } from "../../server/domain/results-shapes.ts";
import { formatCount } from "./format.ts";

/** Each group folds away, so a long list of answers does not push the next question off screen. */
export function renderTexts(q: QuestionTable, textMinGroup: number) {
  if (q.texts.length === 0) return nothing;
  const title = q.kind === "single" || q.kind === "multiple" ? "“其他”填写内容" : "文字回答";
  return html`<h4>${title}</h4>
    ${q.texts.map((g) => renderGroup(g, textMinGroup))}`;
}

function renderGroup(g: TextGroup, min: number) {
  // An empty column has nothing to list and nothing to withhold.
  if (g.n === 0) return nothing;
  // A hidden column's size is secret too: say it is hidden, not how small it is.
  if (g.texts === null)
    return html`<p class="withheld">${g.label}：${withheldBecause(g, min)}，不显示文字回答</p>`;
  const size = g.n === null ? "" : `，${formatCount(g.n)} 人`;
  if (g.texts.length === 0) return html`<p class="note">${g.label}${size}：没有文字回答。</p>`;
  return html`<details>
    <summary>${g.label}${size}，${g.texts.length + g.omitted} 种回答</summary>
    <ul class="texts">
      ${g.texts.map(
        (t) =>
          html`<li>${t.text}${t.count > 1 ? html`<span class="times">×${t.count}</span>` : nothing}</li>`,
      )}
    </ul>
    ${g.omitted > 0 ? html`<p class="note">另有 ${formatCount(g.omitted)} 种较少出现的回答未列出；下载 Excel 可查看全部。</p>` : nothing}
  </details>`;
}

/** Why a group's texts are not shown: hidden, too small, or another selection (see the notes). */
function withheldBecause(g: TextGroup, min: number): string {
  if (g.n === null) return "该组在表中已隐藏";
  if (g.n < min) return `该组少于${min}人`;
  return "只在按类别、不筛选的结果中列出，且不与此前列出的相减（见说明）";
}

export function renderKeywords(q: QuestionTable) {
  if (!q.keywords) return nothing;
  if (q.keywords.length === 0) return html`<p class="note">关键词：暂无。</p>`;
  return html`<h4>关键词</h4>
    <ul class="keywords">
      ${q.keywords.map((k) => html`<li>${k.word}<span class="times">${k.count}</span></li>`)}
    </ul>`;
}
