// One draft open for editing: holds the working copy, applies the parts' edits, saves a moment
// later, shows the server's problems, and opens the preview and the publish confirmation.
import { Task } from "@lit/task";
import { css, html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { buttons, tokens } from "../ui/theme.ts";
import { viewStyles } from "./admin-styles.ts";
import { type ApiError, describeFailure, load } from "./api.ts";
import { downloadXlsx } from "./draft-api.ts";
import { DraftSaver, type SaveReport, type SaveState } from "./draft-saver.ts";
import { type Draft, isDraftBody, readDraft } from "./draft-shapes.ts";
import type { ListEditEvent, SurveyEditEvent } from "./editor-events.ts";
import { addButton } from "./editor-fields.ts";
import "./editor-meta.ts";
import { type EditSurvey, type Problem, readSurvey } from "./editor-model.ts";
import "./editor-problems.ts";
import "./editor-section.ts";
import "./error-notice.ts";
import { FormCancelEvent } from "./events.ts";
import "./phone-preview.ts";
import "./publish-dialog.ts";
import { changeList, newQuestion, newSection, setAt } from "./survey-edits.ts";

const SAVE_WORDS: Record<SaveState, string> = {
  saved: "已自动保存",
  waiting: "有改动，稍后自动保存…",
  saving: "正在保存…",
  conflict: "未保存：别人改过这份草稿",
  failed: "保存失败，下次改动时会重试",
};

@customElement("survey-editor")
export class SurveyEditor extends LitElement {
  static override styles = [
    tokens,
    buttons,
    viewStyles,
    css`
      .bar {
        position: sticky;
        top: 0;
        z-index: 1;
        padding: 0.5rem 0;
        background: var(--wash);
      }
      .layout {
        display: flex;
        flex-wrap: wrap;
        gap: 1.5rem;
        align-items: flex-start;
      }
      .work {
        flex: 1 1 30rem;
        min-width: 0;
      }
      phone-preview {
        position: sticky;
        top: 4rem;
      }
    `,
  ];

  /** The draft to edit. */
  @property() draftId = "";

  @state() private survey: EditSurvey | null = null;
  @state() private problems: Problem[] = [];
  @state() private saveState: SaveState = "saved";
  @state() private error: ApiError | null = null;
  @state() private revision = 0;
  @state() private previewing = false;
  @state() private publishing = false;
  private saver: DraftSaver | null = null;

  private draft = new Task(this, {
    args: () => [this.draftId] as const,
    task: async ([id], { signal }) =>
      readDraft(
        (await load(`/api/admin/drafts/${encodeURIComponent(id)}`, isDraftBody, signal)).draft,
      ),
    onComplete: (draft) => this.start(draft),
  });

  override disconnectedCallback() {
    super.disconnectedCallback();
    // Whatever waits is saved now rather than lost with the view.
    void this.saver?.flush();
  }

  override render() {
    if (!this.survey)
      return this.draft.render({
        pending: () => html`<p role="status">正在打开草稿…</p>`,
        error: (e) => html`<error-notice .error=${describeFailure(e)}></error-notice>`,
      });
    return html`${this.renderBar()}
      <div class="layout" @survey-edit=${this.onEdit} @list-edit=${this.onListEdit}>
        <div class="work">${this.renderSurvey(this.survey)}</div>
        ${this.previewing ? html`<phone-preview draftid=${this.draftId} revision=${this.revision}></phone-preview>` : nothing}
      </div>
      ${
        this.publishing
          ? html`<publish-dialog draftid=${this.draftId} revision=${this.revision} @form-cancel=${this.onPublishCancel}></publish-dialog>`
          : nothing
      }`;
  }

  private renderBar() {
    const conflict = this.saveState === "conflict";
    return html`<div class="bar">
      <div class="actions">
        <span role="status" class="note">${SAVE_WORDS[this.saveState]}</span>
        <button type="button" aria-pressed=${this.previewing ? "true" : "false"} @click=${this.onPreview}>预览</button>
        <button type="button" class="primary" @click=${this.onPublish}>发布</button>
        <button type="button" @click=${this.onXlsx}>下载为表格</button>
        <button type="button" @click=${this.onClose}>关闭</button>
      </div>
      ${conflict ? html`<error-notice .error=${{ status: 409, message: "别人在此期间修改了这份草稿，你之后的改动没有保存。重新载入会显示对方的版本。", fields: [] }}></error-notice><button type="button" @click=${this.onReload}>重新载入</button>` : nothing}
      ${!conflict ? html`<error-notice .error=${this.error}></error-notice>` : nothing}
    </div>`;
  }

  private renderSurvey(survey: EditSurvey) {
    const problems = this.problems;
    return html`<editor-problems
        .problems=${problems}
        .sizes=${survey.sections.map((s) => s.questions.length)}
      ></editor-problems>
      <editor-meta .survey=${survey} .problems=${problems}></editor-meta>
      ${survey.sections.map((section, i) => {
        const earlier = survey.sections.slice(0, i).flatMap((s) => s.questions);
        return html`<editor-section
          .section=${section}
          .index=${i}
          .count=${survey.sections.length}
          .earlier=${earlier}
          .fresh=${newQuestion(survey)}
          .problems=${problems}
        ></editor-section>`;
      })}
      ${addButton(["sections"], survey.sections.length - 1, newSection(survey), "添加一个部分")}`;
  }

  private start(draft: Draft) {
    this.saver?.stop();
    this.survey = readSurvey(draft.survey);
    this.problems = draft.problems;
    this.revision = draft.revision;
    this.saveState = "saved";
    this.saver = new DraftSaver(draft.id, draft.revision, (r) => this.onSaveReport(r));
  }

  private onSaveReport(r: SaveReport) {
    this.saveState = r.state;
    this.error = r.state === "failed" ? (r.error ?? null) : null;
    if (r.problems) this.problems = r.problems;
    if (this.saver) this.revision = this.saver.currentRevision;
  }

  private onEdit(e: SurveyEditEvent) {
    if (!this.survey) return;
    this.survey = setAt(this.survey, e.path, e.value);
    this.saver?.schedule(this.survey);
  }

  private onListEdit(e: ListEditEvent) {
    if (!this.survey) return;
    this.survey = changeList(this.survey, e.path, e.op, e.index, e.item);
    this.saver?.schedule(this.survey);
  }

  private async onPreview() {
    if (!this.previewing) await this.saver?.flush();
    this.previewing = !this.previewing;
  }

  private async onPublish() {
    if (!(await this.saver?.flush())) return;
    const n = this.problems.length;
    this.error =
      n > 0 ? { status: 0, message: `还有 ${n} 处需要改正，改正后才能发布。`, fields: [] } : null;
    this.publishing = n === 0;
  }

  private onPublishCancel(e: Event) {
    e.stopPropagation();
    this.publishing = false;
  }

  private async onXlsx() {
    if (!this.survey) return;
    const failed = await downloadXlsx(this.survey, this.survey.id);
    this.error = failed ? { status: 0, message: failed, fields: [] } : null;
  }

  private onReload() {
    this.survey = null;
    this.draft.run();
  }

  private async onClose() {
    await this.saver?.flush();
    this.dispatchEvent(new FormCancelEvent());
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "survey-editor": SurveyEditor;
  }
}
