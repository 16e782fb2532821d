// A choice question's options, or a grid's shared scale: label, code and flags, in order.
import { html, LitElement, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { buttons, tokens } from "../ui/theme.ts";
import {
  addButton,
  checkField,
  itemButtons,
  problemLines,
  problemsOwnedBy,
  textField,
} from "./editor-fields.ts";
import type { EditOption, Path, Problem } from "./editor-model.ts";
import { editorStyles } from "./editor-styles.ts";
import { newOption } from "./survey-edits.ts";

@customElement("editor-options")
export class EditorOptions extends LitElement {
  static override styles = [tokens, buttons, editorStyles];

  /** The options, left to right as the respondent sees them. */
  @property({ attribute: false }) options: EditOption[] = [];
  /** Path of the options list in the survey, e.g. sections[0].questions[2].options. */
  @property({ attribute: false }) path: Path = [];
  @property({ attribute: false }) problems: readonly Problem[] = [];
  /** A grid's scale: no “其他（请注明）”, which a grid cannot ask for. */
  @property({ type: Boolean }) scale = false;

  override render() {
    const what = this.scale ? "等级" : "选项";
    const last = this.options.length - 1;
    return html`<fieldset>
      <legend>${this.scale ? "评价等级（从左到右）" : "选项"}</legend>
      ${problemLines(problemsOwnedBy(this.problems, this.path, []))}
      ${this.options.map((o, i) => this.renderOption(o, i, `${what} ${i + 1}`))}
      ${addButton(this.path, last, newOption(this.options), `添加${what}`)}
    </fieldset>`;
  }

  private renderOption(o: EditOption, i: number, name: string) {
    const at = [...this.path, i];
    const problems = this.problems;
    return html`<div class="row" role="group" aria-label=${name}>
      ${textField({ label: `${name} 文字`, path: [...at, "label"], value: o.label, problems })}
      ${textField({ label: "编码", path: [...at, "code"], value: o.code, problems })}
      ${itemButtons(this.path, i, this.options.length, name, 2)}
      <div class="flags">
        ${
          this.scale
            ? nothing
            : checkField({
                label: "其他（请注明）",
                path: [...at, "other"],
                value: o.other,
                problems,
              })
        }
        ${checkField({
          label: "不作评价类（统计时可除外）",
          path: [...at, "nonSubstantive"],
          value: o.nonSubstantive,
          problems,
        })}
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "editor-options": EditorOptions;
  }
}
