// One question in the editor: code, kind, wording, required, display logic and what its kind needs
// (options, selection limits, length, grid rows and scale).
import { html, LitElement, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { buttons, tokens } from "../ui/theme.ts";
import { SurveyEditEvent } from "./editor-events.ts";
import {
  checkField,
  itemButtons,
  numberField,
  problemLines,
  problemsOwnedBy,
  textField,
} from "./editor-fields.ts";
import {
  type EditQuestion,
  KIND_LABELS,
  type Path,
  type Problem,
  type QuestionKind,
} from "./editor-model.ts";
import "./editor-index.ts";
import "./editor-options.ts";
import "./editor-rows.ts";
import "./editor-show-if.ts";
import { editorStyles } from "./editor-styles.ts";
import { changeKind } from "./survey-edits.ts";

const KINDS: QuestionKind[] = ["single", "multiple", "shortText", "longText", "matrix"];

@customElement("editor-question")
export class EditorQuestion extends LitElement {
  static override styles = [tokens, buttons, editorStyles];

  @property({ attribute: false }) question!: EditQuestion;
  /** Path of this question, e.g. ["sections", 0, "questions", 3]. */
  @property({ attribute: false }) path: Path = [];
  /** Its place in the section, and how many the section has (for the move buttons). */
  @property({ type: Number }) index = 0;
  @property({ type: Number }) count = 1;
  /** Number shown to the admin, counted across sections. */
  @property({ type: Number }) number = 1;
  /** Every question before this one, for display logic. */
  @property({ attribute: false }) earlier: EditQuestion[] = [];
  @property({ attribute: false }) problems: readonly Problem[] = [];

  override render() {
    const q = this.question;
    const name = `第 ${this.number} 题`;
    return html`<section class="item" aria-label=${name}>
      <div class="item-head">
        <h4>${name} · ${KIND_LABELS[q.kind]}</h4>
        ${itemButtons(this.path.slice(0, -1), this.index, this.count, name, 1)}
      </div>
      ${problemLines(problemsOwnedBy(this.problems, this.path, ["kind"]))}
      <div class="fields">${this.renderCommon(q)}</div>
      <editor-show-if
        .showIf=${q.showIf}
        .earlier=${this.earlier}
        .path=${this.path}
        .problems=${this.problems}
      ></editor-show-if>
      ${this.renderKind(q)}
    </section>`;
  }

  private renderCommon(q: EditQuestion) {
    const { path, problems } = this;
    return html`
      ${textField({ label: "题目", path: [...path, "text"], value: q.text, problems, long: true, wide: true })}
      ${textField({ label: "编号", path: [...path, "code"], value: q.code, problems, hint: "导出和统计用，发布后不要改" })}
      <label>
        题型
        <select @change=${this.onKind}>
          ${KINDS.map((k) => html`<option value=${k} ?selected=${k === q.kind}>${KIND_LABELS[k]}</option>`)}
        </select>
      </label>
      ${textField({ label: "说明", path: [...path, "help"], value: q.help, problems, optional: true, wide: true })}
      ${checkField({ label: "必答", path: [...path, "required"], value: q.required, problems, keepFalse: true })}
      ${
        q.kind === "single"
          ? checkField({
              label: "分类题（按此题区分受访者类别；全卷只有一题）",
              path: [...path, "category"],
              value: q.category,
              problems,
            })
          : nothing
      }`;
  }

  private renderKind(q: EditQuestion) {
    const { path, problems } = this;
    switch (q.kind) {
      case "shortText":
      case "longText":
        return html`<div class="fields">
          ${numberField({ label: "最多字数", path: [...path, "maxLength"], value: q.maxLength, problems })}
        </div>`;
      case "matrix":
        return html`<editor-rows .rows=${q.rows} .path=${[...path, "rows"]} .problems=${problems}></editor-rows>
          <editor-options scale .options=${q.options} .path=${[...path, "options"]} .problems=${problems}></editor-options>
          <editor-index grid .index=${q.index} .options=${q.options} .path=${path} .problems=${problems}></editor-index>`;
      case "multiple":
        return html`${this.renderChoices(q.options)}
          <div class="fields">
            ${numberField({ label: "至少选", path: [...path, "minSelections"], value: q.minSelections, problems, hint: "留空：不限" })}
            ${numberField({ label: "最多选", path: [...path, "maxSelections"], value: q.maxSelections, problems, hint: "留空：不限" })}
            ${textField({ label: "报告用语", path: [...path, "reportPhrase"], value: q.reportPhrase, problems, optional: true, wide: true, hint: "报告中写作“X% 的被调查者认为‘选项’……”的后半句" })}
          </div>`;
      default:
        // The category question describes respondents and takes no index, unless one needs removing.
        return html`${this.renderChoices(q.options)}
          ${
            q.category && !q.index
              ? nothing
              : html`<editor-index .index=${q.index} .options=${q.options} .path=${path} .problems=${problems}></editor-index>`
          }`;
    }
  }

  private renderChoices(options: Extract<EditQuestion, { kind: "single" }>["options"]) {
    return html`<editor-options
      .options=${options}
      .path=${[...this.path, "options"]}
      .problems=${this.problems}
    ></editor-options>`;
  }

  private onKind(e: Event) {
    const kind = KINDS.find((k) => e.target instanceof HTMLSelectElement && e.target.value === k);
    if (!kind || kind === this.question.kind) return;
    this.dispatchEvent(new SurveyEditEvent(this.path, changeKind(this.question, kind)));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "editor-question": EditorQuestion;
  }
}
