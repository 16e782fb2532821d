// A rating grid's rows: the items rated on the shared scale, each its own table in the results.
import { html, LitElement } from "lit";
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
import type { EditRow, Path, Problem } from "./editor-model.ts";
import { editorStyles } from "./editor-styles.ts";
import { newRow } from "./survey-edits.ts";

@customElement("editor-rows")
export class EditorRows extends LitElement {
  static override styles = [tokens, buttons, editorStyles];

  /** The grid's rows, top to bottom. */
  @property({ attribute: false }) rows: EditRow[] = [];
  /** Path of the rows list, e.g. sections[1].questions[0].rows. */
  @property({ attribute: false }) path: Path = [];
  @property({ attribute: false }) problems: readonly Problem[] = [];

  override render() {
    return html`<fieldset>
      <legend>评价项目（每行一项）</legend>
      ${problemLines(problemsOwnedBy(this.problems, this.path, []))}
      ${this.rows.map((r, i) => this.renderRow(r, i))}
      ${addButton(this.path, this.rows.length - 1, newRow(this.rows), "添加一行")}
    </fieldset>`;
  }

  private renderRow(r: EditRow, i: number) {
    const at = [...this.path, i];
    const name = `第 ${i + 1} 行`;
    const problems = this.problems;
    return html`<div class="row" role="group" aria-label=${name}>
      ${textField({ label: `${name} 文字`, path: [...at, "label"], value: r.label, problems })}
      ${textField({ label: "编码", path: [...at, "code"], value: r.code, problems })}
      ${itemButtons(this.path, i, this.rows.length, name, 2)}
      <div class="flags">
        ${checkField({ label: "本行必答", path: [...at, "required"], value: r.required, problems })}
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "editor-rows": EditorRows;
  }
}
