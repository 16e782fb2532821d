// 问卷编辑: start a draft (blank, copied, pasted text, spreadsheet), pick one from the list, or
// edit the open one; publishing makes it the survey's next version.
import { html, LitElement } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { SurveySummary } from "../../server/domain/survey-shapes.ts";
import { buttons, tokens } from "../ui/theme.ts";
import { viewStyles } from "./admin-styles.ts";
import { openDraftId, rememberOpenDraft } from "./draft-api.ts";
import "./draft-create.ts";
import "./draft-import.ts";
import "./draft-list.ts";
import type { DraftOpenEvent } from "./editor-events.ts";
import type { DraftPublishedEvent } from "./publish-dialog.ts";
import "./survey-editor.ts";
import { SurveysChangedEvent } from "./surveys-view.ts";

@customElement("editor-view")
export class EditorView extends LitElement {
  static override styles = [tokens, buttons, viewStyles];

  /** Published surveys, for 复制已发布的问卷. */
  @property({ attribute: false }) surveys: SurveySummary[] = [];

  @state() private open: string | null = openDraftId();
  @state() private said = "";
  @state() private generation = 0;

  override render() {
    return html`<h2>问卷编辑</h2>
      <p class="status" role="status">${this.said}</p>
      ${
        this.open
          ? html`<survey-editor
              draftid=${this.open}
              @form-cancel=${this.onClosed}
              @draft-published=${this.onPublished}
            ></survey-editor>`
          : this.renderStart()
      }`;
  }

  private renderStart() {
    return html`<div @draft-open=${this.onOpen}>
      <section class="panel" aria-labelledby="new-title">
        <h3 id="new-title">新建草稿</h3>
        <draft-create .surveys=${this.surveys}></draft-create>
        <details>
          <summary>从粘贴的文字导入</summary>
          <draft-import from="text"></draft-import>
        </details>
        <details>
          <summary>从表格文件（.xlsx）导入</summary>
          <draft-import from="xlsx"></draft-import>
        </details>
      </section>
      <h3>草稿</h3>
      <draft-list generation=${this.generation}></draft-list>
    </div>`;
  }

  private onOpen(e: DraftOpenEvent) {
    this.said = "";
    this.show(e.draftId);
  }

  private onClosed() {
    this.show(null);
  }

  private onPublished(e: DraftPublishedEvent) {
    this.said = `已发布：“${e.surveyId}”第 ${e.version} 版，现在是当前版本。`;
    this.show(null);
    this.dispatchEvent(new SurveysChangedEvent());
  }

  private show(id: string | null) {
    rememberOpenDraft(id);
    this.open = id;
    this.generation++;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "editor-view": EditorView;
  }
}
