// Surveys: the list for everyone; for administrators also import, open/close and targets.
import { css, html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { SurveySummary } from "../../server/domain/survey-shapes.ts";
import { buttons, tokens } from "../ui/theme.ts";
import { viewStyles } from "./admin-styles.ts";
import { type ApiError, call } from "./api.ts";
import { type Column, renderTable } from "./data-table.ts";
import { createDraft, rememberOpenDraft } from "./draft-api.ts";
import "./error-notice.ts";
import { formatCount } from "./format.ts";
import { field, isSurveySummary } from "./shapes.ts";
import type { SurveyImportedEvent } from "./survey-import.ts";
import "./survey-import.ts";
import type { TargetsSavedEvent } from "./targets-form.ts";
import "./targets-form.ts";
import { tableStyles } from "./table-styles.ts";

/** Asks the shell to reload the survey list after a change made here. */
export class SurveysChangedEvent extends Event {
  static readonly eventName = "surveys-changed";

  constructor() {
    super(SurveysChangedEvent.eventName, { bubbles: true, composed: true });
  }
}

const responses = (s: SurveySummary) => s.versions.reduce((sum, v) => sum + v.responses, 0);

@customElement("surveys-view")
export class SurveysView extends LitElement {
  static override styles = [
    tokens,
    buttons,
    viewStyles,
    tableStyles,
    css`
      .versions {
        margin: 0;
        padding: 0;
        list-style: none;
      }
    `,
  ];

  /** Every survey, from the shell. */
  @property({ attribute: false }) surveys: SurveySummary[] = [];
  /** Administrators may import, open, close and set targets; others only read. */
  @property({ type: Boolean }) canEdit = false;

  /** Id of the survey whose targets are being edited. */
  @state() private targeting: string | null = null;
  @state() private error: ApiError | null = null;
  @state() private said = "";

  override render() {
    const targeting = this.surveys.find((s) => s.id === this.targeting);
    return html`<h2>问卷</h2>
      ${this.canEdit ? this.renderImport() : nothing}
      ${
        targeting
          ? html`<section class="panel" aria-labelledby="targets-title">
              <h3 id="targets-title">回收目标：${targeting.title}</h3>
              <targets-form
                .survey=${targeting}
                @targets-saved=${this.onTargetsSaved}
                @form-cancel=${this.onCancel}
              ></targets-form>
            </section>`
          : nothing
      }
      <p class="status" role="status">${this.said}</p>
      <error-notice .error=${this.error}></error-notice>
      ${renderTable("问卷列表", this.columns(), this.surveys, "还没有问卷。")}`;
  }

  private renderImport() {
    return html`<details class="panel">
      <summary>导入问卷或新版本</summary>
      <p class="note">编号相同的问卷会成为新版本；内容完全相同时不会重复导入。</p>
      <survey-import @survey-imported=${this.onImported}></survey-import>
    </details>`;
  }

  private columns(): Column<SurveySummary>[] {
    const columns: Column<SurveySummary>[] = [
      { label: "标题", cell: (s) => s.title, wrap: true },
      { label: "编号", cell: (s) => s.id },
      {
        label: "状态",
        cell: (s) =>
          html`<span class="badge ${s.state}">${s.state === "open" ? "收集中" : "已结束"}</span>`,
      },
      { label: "当前版本", cell: (s) => `第 ${s.currentVersion} 版`, num: true },
      { label: "答卷", cell: (s) => formatCount(responses(s)), num: true },
      { label: "各版本答卷", cell: (s) => this.renderVersions(s), wrap: true },
      { label: "总目标", cell: (s) => formatCount(s.targets.total), num: true },
    ];
    if (!this.canEdit) return columns;
    return [...columns, { label: "操作", cell: (s) => this.renderActions(s) }];
  }

  /** Each version with its responses: a phone that loaded an old version can still submit to it. */
  private renderVersions(s: SurveySummary) {
    return html`<ul class="versions">
      ${s.versions.map(
        (v) =>
          html`<li>第 ${v.version} 版（${v.createdOn}${v.current ? "，当前" : ""}）：${formatCount(v.responses)} 份</li>`,
      )}
    </ul>`;
  }

  private renderActions(s: SurveySummary) {
    // Closing is for good (it releases every waiting response): there is no reopening.
    return html`<div class="actions">
      ${
        s.state === "open"
          ? html`<button type="button" @click=${() => this.close(s)}>结束收集</button>`
          : html`<span class="note">已结束收集</span>`
      }
      <button type="button" @click=${() => this.startTargets(s)}>设置目标</button>
      <button type="button" @click=${() => this.copyToDraft(s)}>复制为草稿</button>
    </div>`;
  }

  private async close(s: SurveySummary) {
    const ask = `确定结束“${s.title}”的收集吗？所有链接和一次性码将不再接受作答，尚在等待的答卷将全部计入结果。结束后不能重新开放。`;
    if (!window.confirm(ask)) return;
    const path = `/api/admin/surveys/${encodeURIComponent(s.id)}/state`;
    const body = { state: "closed" };
    const result = await call("POST", path, field("survey", isSurveySummary), { body });
    this.error = result.ok ? null : result;
    this.said = result.ok ? `“${s.title}”已结束收集。` : "";
    if (result.ok) this.dispatchEvent(new SurveysChangedEvent());
  }

  /** A draft of the current version, opened in 问卷编辑. */
  private async copyToDraft(s: SurveySummary) {
    const made = await createDraft({
      source: "version",
      surveyId: s.id,
      version: s.currentVersion,
    });
    this.error = made.ok ? null : made;
    if (!made.ok) return;
    rememberOpenDraft(made.data);
    location.hash = "#/editor";
  }

  private async startTargets(s: SurveySummary) {
    this.targeting = s.id;
    this.said = "";
    await this.updateComplete;
    const form = this.renderRoot.querySelector("targets-form");
    form?.scrollIntoView({ block: "start" });
    form?.focusFirst();
  }

  private onImported(e: SurveyImportedEvent) {
    const { surveyId, version, created } = e.result;
    this.said = created
      ? `已导入“${surveyId}”第 ${version} 版。`
      : `内容与“${surveyId}”第 ${version} 版相同，没有新建版本。`;
    this.dispatchEvent(new SurveysChangedEvent());
  }

  private onTargetsSaved(e: TargetsSavedEvent) {
    this.said = `已保存“${e.survey.title}”的回收目标。`;
    this.targeting = null;
    this.dispatchEvent(new SurveysChangedEvent());
  }

  private onCancel() {
    this.targeting = null;
  }
}

declare global {
  interface HTMLElementEventMap {
    "surveys-changed": SurveysChangedEvent;
  }
  interface HTMLElementTagNameMap {
    "surveys-view": SurveysView;
  }
}
