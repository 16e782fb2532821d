// A single-choice question's or a grid's headline figure (满意率 = 好+较好 over the valid answers):
// ticked on, named, and its positive options picked from the question's own options.
import { html, LitElement, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { live } from "lit/directives/live.js";
import { tokens } from "../ui/theme.ts";
import { SurveyEditEvent } from "./editor-events.ts";
import { problemLines, textField } from "./editor-fields.ts";
import {
  type EditIndex,
  type EditOption,
  type Path,
  type Problem,
  pathKey,
} from "./editor-model.ts";
import { editorStyles } from "./editor-styles.ts";

/** What ticking the box starts with: the report's usual figure; the options are the admin's pick. */
const FRESH: EditIndex = { name: "满意率", positive: [] };

@customElement("editor-index")
export class EditorIndex extends LitElement {
  static override styles = [tokens, editorStyles];

  /** The index as declared; undefined: none. */
  @property({ attribute: false }) index: EditIndex | undefined;
  /** The question's options (a grid's scale), to pick the positive ones from. */
  @property({ attribute: false }) options: EditOption[] = [];
  /** A grid: its rows name the aspects, so there is no aspect field. */
  @property({ type: Boolean }) grid = false;
  /** Path of the question, e.g. ["sections", 0, "questions", 3]. */
  @property({ attribute: false }) path: Path = [];
  @property({ attribute: false }) problems: readonly Problem[] = [];

  override render() {
    const index = this.index;
    const at = [...this.path, "index"];
    return html`<fieldset>
      <legend>指标</legend>
      <label class="check">
        <input type="checkbox" .checked=${live(index !== undefined)} @change=${this.onToggle} />
        计算指标（如满意率）
      </label>
      ${index ? this.renderFields(index, at) : nothing}
    </fieldset>`;
  }

  private renderFields(index: EditIndex, at: Path) {
    const problems = this.problems;
    return html`<div class="fields">
        ${textField({ label: "指标名称", path: [...at, "name"], value: index.name, problems, hint: "同名的指标在报告中排名比较" })}
        ${
          this.grid
            ? nothing
            : textField({
                label: "简称",
                path: [...at, "aspect"],
                value: index.aspect,
                problems,
                optional: true,
                hint: "排名表中的说法；空白用题目",
              })
        }
        <label>
          基数<span class="hint">有效回答不含不作评价和未答</span>
          <select @change=${this.onBase}>
            <option value="valid" ?selected=${index.base !== "shown"}>有效回答</option>
            <option value="shown" ?selected=${index.base === "shown"}>全部看到本题的人</option>
          </select>
        </label>
      </div>
      ${this.renderPositive(index, at)}`;
  }

  private renderPositive(index: EditIndex, at: Path) {
    const chosen = new Set(index.positive);
    // A counted code no longer among the options (removed or recoded) stays visible to untick.
    const gone = index.positive.filter((code) => !this.options.some((o) => o.code === code));
    const boxes = [
      ...this.options.map((o) => ({ code: o.code, label: `${o.code}. ${o.label}` })),
      ...gone.map((code) => ({ code, label: `${code}（已不是本题的选项）` })),
    ];
    return html`<div role="group" aria-label="计为正面的选项">
      <span>计为正面的选项</span>
      <div class="flags">
        ${boxes.map(
          (b) => html`<label class="check">
            <input type="checkbox" .checked=${live(chosen.has(b.code))} @change=${(e: Event) => this.onPick(e, b.code)} />${b.label}
          </label>`,
        )}
      </div>
      ${problemLines(this.problemsUnder(at))}
    </div>`;
  }

  /** Everything about the index the name and aspect fields do not show themselves. */
  private problemsUnder(at: Path) {
    const key = pathKey(at);
    const fields = this.grid ? ["name"] : ["name", "aspect"];
    const own = new Set(fields.map((f) => `${key}.${f}`));
    return this.problems.filter(
      (p) => (p.path === key || p.path.startsWith(`${key}.`)) && !own.has(p.path),
    );
  }

  private send(path: Path, value: unknown) {
    this.dispatchEvent(new SurveyEditEvent(path, value));
  }

  private onToggle(e: Event) {
    const on = e.target instanceof HTMLInputElement && e.target.checked;
    this.send([...this.path, "index"], on ? { ...FRESH, positive: [] } : undefined);
  }

  private onBase(e: Event) {
    const shown = e.target instanceof HTMLSelectElement && e.target.value === "shown";
    // Valid is the default: left out, as a hand-written file would.
    this.send([...this.path, "index", "base"], shown ? "shown" : undefined);
  }

  /** Kept in the options' order, so the saved list reads as the scale does. */
  private onPick(e: Event, code: string) {
    const on = e.target instanceof HTMLInputElement && e.target.checked;
    const now = new Set(this.index?.positive ?? []);
    if (on) now.add(code);
    else now.delete(code);
    const ordered = this.options.map((o) => o.code).filter((c) => now.has(c));
    const rest = [...now].filter((c) => !ordered.includes(c));
    this.send([...this.path, "index", "positive"], [...ordered, ...rest]);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "editor-index": EditorIndex;
  }
}
