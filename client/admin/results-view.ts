// The results (结果) view: filters, the response count, downloads, the declared indices ranked, and
// one banner table per question.
import { Task, TaskStatus } from "@lit/task";
import { html, LitElement, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { Tabulation } from "../../server/domain/results-shapes.ts";
import type { SurveySummary } from "../../server/domain/survey-shapes.ts";
import { buttons, tokens } from "../ui/theme.ts";
import { viewStyles } from "./admin-styles.ts";
import { type ApiError, describeFailure, load } from "./api.ts";
import "./error-notice.ts";
import { formatCount } from "./format.ts";
import "./index-summary.ts";
import { renderDownloads } from "./results-downloads.ts";
import type { ResultsModeEvent, ResultsSelectEvent } from "./results-filters.ts";
import "./results-filters.ts";
import "./results-question.ts";
import { type Mode, NO_SELECTION, resultsQuery, type Selection } from "./results-query.ts";
import { isResultsOptions, isTabulation } from "./results-shapes.ts";
import { summaryStyles } from "./results-styles.ts";
import { linkButtons } from "./table-styles.ts";

/** A refusal names the control to change; its message is already the headline, so say it once. */
function describeRefusal(error: unknown): ApiError {
  const detail = describeFailure(error);
  return { ...detail, fields: detail.fields.filter((f) => f.message !== detail.message) };
}

@customElement("results-view")
export class ResultsView extends LitElement {
  static override styles = [tokens, buttons, viewStyles, linkButtons, summaryStyles];

  /** The survey whose results are shown. */
  @property({ attribute: false }) survey!: SurveySummary;

  @state() private selection: Selection = NO_SELECTION;
  @state() private mode: Mode = "count";

  private options = new Task(this, {
    args: () => [this.survey.id] as const,
    task: ([id], { signal }) =>
      load(`/api/admin/results/options?survey=${encodeURIComponent(id)}`, isResultsOptions, signal),
  });

  private tabulation = new Task(this, {
    args: () => [resultsQuery(this.survey.id, this.selection)] as const,
    task: ([query], { signal }) => load(`/api/admin/results?${query}`, isTabulation, signal),
  });

  override willUpdate(changed: PropertyValues<this>) {
    // Another survey has other versions, banners and channels: start from its defaults.
    const before = changed.get("survey");
    if (before && before.id !== this.survey.id) this.selection = NO_SELECTION;
  }

  override render() {
    const k = this.tabulation.value?.minBase ?? this.options.value?.minBase ?? "k";
    return html`<h2>结果</h2>
      <p class="note">
        只显示汇总数字，不显示任何单份答卷；人数少于 ${k} 的组以“&lt;${k}”代替。
      </p>
      ${this.options.render({
        pending: () => html`<p role="status">正在加载筛选项…</p>`,
        complete: (options) => html`<results-filters
          .options=${options}
          .selection=${this.selection}
          banner=${this.tabulation.value?.banner.question ?? ""}
          mode=${this.mode}
          @results-select=${this.onSelect}
          @results-mode=${this.onMode}
        ></results-filters>`,
        error: (e) => html`<error-notice .error=${describeFailure(e)}></error-notice>`,
      })}
      <p class="count" role="status">${this.describeCount()}</p>
      ${
        this.tabulation.status === TaskStatus.ERROR
          ? html`<error-notice .error=${describeRefusal(this.tabulation.error)}></error-notice>`
          : nothing
      }
      ${this.tabulation.value ? this.renderTables(this.tabulation.value) : nothing}`;
  }

  private describeCount() {
    const t = this.tabulation;
    if (t.status === TaskStatus.PENDING || t.status === TaskStatus.INITIAL) return "正在统计…";
    if (!t.value) return "";
    const { respondents, days, asOf } = t.value;
    const range = days ? `，答卷日期 ${days.first} 至 ${days.last}` : "";
    return html`<strong>共 ${formatCount(respondents)} 份</strong>
      <span class="note">（统计至 ${asOf}${range}）</span>`;
  }

  /** While a new selection loads, the old tables stay, dimmed and marked busy. */
  private renderTables(t: Tabulation) {
    const busy = this.tabulation.status === TaskStatus.PENDING;
    return html`${renderDownloads(resultsQuery(this.survey.id, this.selection))}
      ${
        t.notes.length > 0
          ? html`<ul class="notes">
              ${t.notes.map((n) => html`<li>${n}</li>`)}
            </ul>`
          : nothing
      }
      <div class=${busy ? "stale" : nothing} aria-busy=${busy ? "true" : "false"}>
        ${t.indices.map(
          (summary) => html`<index-summary
            .summary=${summary}
            .columns=${t.columns}
            .questions=${t.questions}
            bannerText=${t.banner.text}
            minBase=${t.minBase}
          ></index-summary>`,
        )}
        ${t.questions.map(
          (q) => html`<results-question
            .question=${q}
            .columns=${t.columns}
            bannerText=${t.banner.text}
            minBase=${t.minBase}
            textMinGroup=${t.textMinGroup}
            mode=${this.mode}
          ></results-question>`,
        )}
      </div>`;
  }

  private onSelect(e: ResultsSelectEvent) {
    this.selection = e.selection;
  }

  private onMode(e: ResultsModeEvent) {
    this.mode = e.mode;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "results-view": ResultsView;
  }
}
