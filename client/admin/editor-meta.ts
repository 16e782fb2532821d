// The survey as a whole: title, id, introduction, the smallest group shown, and {{variables}}.
import { html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import { buttons, tokens } from "../ui/theme.ts";
import { SurveyEditEvent } from "./editor-events.ts";
import { numberField, problemLines, problemsOwnedBy, textField } from "./editor-fields.ts";
import type { EditSurvey, Problem } from "./editor-model.ts";
import { editorStyles } from "./editor-styles.ts";

@customElement("editor-meta")
export class EditorMeta extends LitElement {
  static override styles = [tokens, buttons, editorStyles];

  @property({ attribute: false }) survey!: EditSurvey;
  @property({ attribute: false }) problems: readonly Problem[] = [];

  override render() {
    const s = this.survey;
    const problems = this.problems;
    return html`<div class="fields">
        ${textField({ label: "问卷标题", path: ["title"], value: s.title, problems, wide: true })}
        ${textField({ label: "问卷编号", path: ["id"], value: s.id, problems, hint: "英文字母开头；编号相同即为同一问卷的新版本" })}
        ${numberField({ label: "最小显示人数", path: ["minBase"], value: s.minBase, problems, hint: "少于此人数的分组不显示；留空为 5" })}
        ${textField({ label: "开头说明", path: ["intro"], value: s.intro, problems, optional: true, long: true, wide: true })}
      </div>
      ${this.renderVariables(Object.entries(s.variables ?? {}))}`;
  }

  private renderVariables(entries: [string, string][]) {
    return html`<fieldset>
      <legend>替换词（文中写 {{名称}}，如 {{county}} → xx县）</legend>
      ${problemLines(
        problemsOwnedBy(
          this.problems,
          ["variables"],
          entries.map(([k]) => k),
        ),
      )}
      ${entries.map(
        ([name, value], i) => html`<div class="row" role="group" aria-label="替换词 ${i + 1}">
          <label>名称<input .value=${name} @change=${(e: Event) => this.rename(i, e)} /></label>
          <label>替换为<input .value=${value} @input=${(e: Event) => this.revalue(name, e)} /></label>
          <button type="button" class="small" aria-label="删除替换词 ${name}" @click=${() => this.drop(name)}>删除</button>
        </div>`,
      )}
      <button type="button" @click=${this.add}>添加替换词</button>
    </fieldset>`;
  }

  private send(variables: Record<string, string>) {
    this.dispatchEvent(new SurveyEditEvent(["variables"], variables));
  }

  private rename(i: number, e: Event) {
    const name = e.target instanceof HTMLInputElement ? e.target.value : "";
    const entries = Object.entries(this.survey.variables ?? {});
    const at = entries[i];
    if (at) at[0] = name;
    this.send(Object.fromEntries(entries));
  }

  private revalue(name: string, e: Event) {
    const value = e.target instanceof HTMLInputElement ? e.target.value : "";
    this.send({ ...this.survey.variables, [name]: value });
  }

  private drop(name: string) {
    const { [name]: _gone, ...rest } = this.survey.variables ?? {};
    this.send(rest);
  }

  private add() {
    const taken = new Set(Object.keys(this.survey.variables ?? {}));
    let n = 1;
    while (taken.has(`name${n}`)) n++;
    this.send({ ...this.survey.variables, [`name${n}`]: "" });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "editor-meta": EditorMeta;
  }
}
