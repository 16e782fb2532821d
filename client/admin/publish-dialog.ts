// 发布: shows what changes against the current version, in the server's plain words, and publishes
// only after the admin confirms.
import { Task } from "@lit/task";
import { css, html, LitElement, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { buttons, tokens } from "../ui/theme.ts";
import { viewStyles } from "./admin-styles.ts";
import { type ApiError, call, describeFailure, load } from "./api.ts";
import { type Diff, isPublished, readDiff } from "./draft-shapes.ts";
import "./error-notice.ts";
import { FormCancelEvent } from "./events.ts";
import { isRecord } from "./guards.ts";

export class DraftPublishedEvent extends Event {
  static readonly eventName = "draft-published";
  readonly surveyId: string;
  readonly version: number;

  constructor(surveyId: string, version: number) {
    super(DraftPublishedEvent.eventName, { bubbles: true, composed: true });
    this.surveyId = surveyId;
    this.version = version;
  }
}

@customElement("publish-dialog")
export class PublishDialog extends LitElement {
  static override styles = [
    tokens,
    buttons,
    viewStyles,
    css`
      dialog {
        max-width: min(40rem, 95vw);
        border: 0.0625rem solid var(--line);
        border-radius: var(--radius);
      }
      li {
        margin: 0.25rem 0;
      }
      .where {
        color: var(--muted);
      }
    `,
  ];

  /** The saved draft to publish, at the revision the admin is looking at. */
  @property() draftId = "";
  @property({ type: Number }) revision = 0;

  @state() private busy = false;
  @state() private error: ApiError | null = null;
  @query("dialog") private dialog!: HTMLDialogElement;

  private diff = new Task(this, {
    args: () => [this.draftId] as const,
    task: async ([id], { signal }) =>
      readDiff(await load(`/api/admin/drafts/${encodeURIComponent(id)}/diff`, isRecord, signal)),
  });

  override firstUpdated() {
    this.dialog.showModal();
  }

  override render() {
    return html`<dialog aria-labelledby="publish-title" @cancel=${this.onCancel}>
      <h2 id="publish-title">发布前确认</h2>
      ${this.diff.render({
        pending: () => html`<p role="status">正在比较与当前版本的不同…</p>`,
        error: (e) => html`<error-notice .error=${describeFailure(e)}></error-notice>`,
        complete: (diff) => this.renderDiff(diff),
      })}
      <p class="note">发布后立即成为当前版本，新打开链接的人将看到它；已收集的答卷不受影响。</p>
      <error-notice .error=${this.error}></error-notice>
      <div class="actions">
        <button class="primary" type="button" aria-disabled=${this.busy ? "true" : "false"} @click=${this.onPublish}>确认发布</button>
        <button type="button" @click=${this.onCancel}>取消</button>
      </div>
    </dialog>`;
  }

  private renderDiff(diff: Diff) {
    const against =
      diff.current === null
        ? "这是一份新问卷，还没有已发布的版本。"
        : `与当前第 ${diff.current} 版相比：`;
    return html`<p>${against}</p>
      ${diff.notes.map((n) => html`<p>${n}</p>`)}
      ${
        diff.changes.length === 0
          ? diff.current === null
            ? nothing
            : html`<p>没有变化。</p>`
          : html`<ul class="changes">
              ${diff.changes.map(
                (c) =>
                  html`<li>${c.description}${c.meaning ? html`<br /><span class="where">${c.meaning}</span>` : nothing}</li>`,
              )}
            </ul>`
      }`;
  }

  private async onPublish() {
    if (this.busy) return;
    this.busy = true;
    const path = `/api/admin/drafts/${encodeURIComponent(this.draftId)}/publish`;
    const result = await call("POST", path, isPublished, { body: { revision: this.revision } });
    this.busy = false;
    if (!result.ok) {
      this.error = result;
      return;
    }
    this.dialog.close();
    this.dispatchEvent(new DraftPublishedEvent(result.data.surveyId, result.data.version));
  }

  private onCancel(e: Event) {
    e.preventDefault();
    this.dialog.close();
    this.dispatchEvent(new FormCancelEvent());
  }
}

declare global {
  interface HTMLElementEventMap {
    "draft-published": DraftPublishedEvent;
  }
  interface HTMLElementTagNameMap {
    "publish-dialog": PublishDialog;
  }
}
