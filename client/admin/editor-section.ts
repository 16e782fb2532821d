// One section in the editor: its title and description, then its questions in order.
import { html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import { repeat } from "lit/directives/repeat.js";
import { buttons, tokens } from "../ui/theme.ts";
import {
  addButton,
  itemButtons,
  problemLines,
  problemsOwnedBy,
  textField,
} from "./editor-fields.ts";
import type { EditQuestion, EditSection, Path, Problem } from "./editor-model.ts";
import "./editor-question.ts";
import { editorStyles } from "./editor-styles.ts";

@customElement("editor-section")
export class EditorSection extends LitElement {
  static override styles = [tokens, buttons, editorStyles];

  @property({ attribute: false }) section!: EditSection;
  @property({ type: Number }) index = 0;
  @property({ type: Number }) count = 1;
  /** Every question of earlier sections, in order (display logic may look back across sections). */
  @property({ attribute: false }) earlier: EditQuestion[] = [];
  /** A new question with a code not yet taken, for 添加题目. */
  @property({ attribute: false }) fresh!: EditQuestion;
  @property({ attribute: false }) problems: readonly Problem[] = [];

  override render() {
    const s = this.section;
    const path: Path = ["sections", this.index];
    const name = `第 ${this.index + 1} 部分`;
    const problems = this.problems;
    return html`<section class="item" aria-label=${name}>
      <div class="item-head">
        <h3>${name}</h3>
        ${itemButtons(["sections"], this.index, this.count, name, 1)}
      </div>
      ${problemLines(problemsOwnedBy(problems, path, ["questions"]))}
      <div class="fields">
        ${textField({ label: "部分标题", path: [...path, "title"], value: s.title, problems, wide: true })}
        ${textField({ label: "部分说明", path: [...path, "description"], value: s.description, problems, optional: true, long: true, wide: true })}
        ${textField({ label: "部分编号", path: [...path, "code"], value: s.code, problems })}
      </div>
      ${repeat(
        s.questions,
        (_q, i) => i,
        (q, i) => html`<editor-question
          .question=${q}
          .path=${[...path, "questions", i]}
          .index=${i}
          .count=${s.questions.length}
          .number=${this.earlier.length + i + 1}
          .earlier=${[...this.earlier, ...s.questions.slice(0, i)]}
          .problems=${problems}
        ></editor-question>`,
      )}
      ${addButton([...path, "questions"], s.questions.length - 1, this.fresh, "在本部分末尾添加题目")}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "editor-section": EditorSection;
  }
}
