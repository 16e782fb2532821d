// Display logic picked from lists: show this question only when an earlier choice question got
// (single) or includes (multiple) one of its options. Codes are never typed by hand.
import { html, LitElement, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { tokens } from "../ui/theme.ts";
import { SurveyEditEvent } from "./editor-events.ts";
import { problemLines, problemsOwnedBy } from "./editor-fields.ts";
import type { EditQuestion, Path, Problem } from "./editor-model.ts";
import { editorStyles } from "./editor-styles.ts";

type Choice = Extract<EditQuestion, { kind: "single" | "multiple" }>;
type ShowIf = NonNullable<EditQuestion["showIf"]>;

const isChoice = (q: EditQuestion): q is Choice => q.kind === "single" || q.kind === "multiple";
const short = (text: string) => (text.length > 24 ? `${text.slice(0, 24)}…` : text);

@customElement("editor-show-if")
export class EditorShowIf extends LitElement {
  static override styles = [tokens, editorStyles];

  /** The rule as it stands; undefined: always shown. */
  @property({ attribute: false }) showIf: ShowIf | undefined;
  /** Questions before this one, in order; only choice questions can drive the rule. */
  @property({ attribute: false }) earlier: EditQuestion[] = [];
  /** Path of the question whose rule this is. */
  @property({ attribute: false }) path: Path = [];
  @property({ attribute: false }) problems: readonly Problem[] = [];

  override render() {
    const rule = this.showIf;
    const choices = this.earlier.filter(isChoice);
    const target = choices.find((q) => q.code === rule?.question);
    const at = [...this.path, "showIf"];
    return html`<div class="fields">
      <label>
        显示条件
        <select @change=${this.onQuestion}>
          <option value="" ?selected=${!rule}>总是显示</option>
          ${choices.map(
            (q) => html`<option value=${q.code} ?selected=${q === target}>
              当 ${q.code}「${short(q.text)}」
            </option>`,
          )}
          ${rule && !target ? html`<option selected value=${rule.question}>${rule.question}（不是前面的选择题）</option>` : nothing}
        </select>
      </label>
      ${target ? this.renderValue(target, rule) : nothing}
      <div class="wide">${problemLines(problemsOwnedBy(this.problems, at, ["question", "equals", "includes"]))}</div>
    </div>`;
  }

  private renderValue(target: Choice, rule: ShowIf | undefined) {
    const value = rule?.equals ?? rule?.includes;
    return html`<label>
      ${target.kind === "single" ? "选择了" : "选项中包括"}
      <select @change=${this.onValue}>
        ${target.options.map(
          (o) =>
            html`<option value=${o.code} ?selected=${o.code === value}>${o.code}. ${o.label}</option>`,
        )}
      </select>
    </label>`;
  }

  private ruleFor(code: string, value: string | undefined): ShowIf | undefined {
    const target = this.earlier.filter(isChoice).find((q) => q.code === code);
    if (!target) return undefined;
    const pick = value ?? target.options[0]?.code ?? "";
    return target.kind === "single"
      ? { question: code, equals: pick }
      : { question: code, includes: pick };
  }

  private onQuestion(e: Event) {
    const code = e.target instanceof HTMLSelectElement ? e.target.value : "";
    this.dispatchEvent(
      new SurveyEditEvent([...this.path, "showIf"], this.ruleFor(code, undefined)),
    );
  }

  private onValue(e: Event) {
    const value = e.target instanceof HTMLSelectElement ? e.target.value : "";
    const rule = this.ruleFor(this.showIf?.question ?? "", value);
    this.dispatchEvent(new SurveyEditEvent([...this.path, "showIf"], rule));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "editor-show-if": EditorShowIf;
  }
}
