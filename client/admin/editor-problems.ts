// Every problem the server found in the draft, in one list with plain locations, so nothing the
// fields below cannot show (a missing category question, say) goes unseen.
import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import { tokens } from "../ui/theme.ts";
import type { Problem } from "./editor-model.ts";

const FIELD_WORDS: Record<string, string> = {
  title: "标题",
  intro: "开头说明",
  id: "问卷编号",
  code: "编号",
  text: "题目",
  label: "文字",
  help: "说明",
  options: "选项",
  rows: "评价项目",
  showIf: "显示条件",
  question: "题目",
  equals: "选项",
  includes: "选项",
  minSelections: "至少选",
  maxSelections: "最多选",
  maxLength: "最多字数",
  required: "必答",
  category: "分类题",
  variables: "替换词",
  minBase: "最小显示人数",
  reportPhrase: "报告用语",
  sections: "问卷",
  description: "部分说明",
  index: "指标",
  name: "指标名称",
  aspect: "简称",
  positive: "计为正面的选项",
  base: "基数",
};

const before = (sizes: readonly number[], section: number) =>
  sizes.slice(0, section).reduce((a, b) => a + b, 0);

const ITEM_WORDS: Record<string, (n: number) => string> = {
  sections: (n) => `第 ${n} 部分`,
  questions: (n) => `第 ${n} 题`,
  options: (n) => `选项 ${n}`,
  rows: (n) => `第 ${n} 行`,
  positive: (n) => `正面选项 ${n}`,
};

/**
 * "sections.1.questions.0.options.2.code" → "第 2 部分 › 第 5 题 › 选项 3 › 编号": questions are
 * numbered across sections, as the editor's headings number them (`sizes`: questions per section).
 */
export function describePath(path: string, sizes: readonly number[] = []): string {
  if (path === "(root)") return "整份问卷";
  const parts = path.split(".");
  const words: string[] = [];
  parts.forEach((part, i) => {
    const list = ITEM_WORDS[part];
    const next = parts[i + 1];
    if (list && next !== undefined && /^\d+$/.test(next)) return;
    const prev = parts[i - 1];
    const item = prev !== undefined && /^\d+$/.test(part) ? ITEM_WORDS[prev] : undefined;
    const n = Number(part) + (prev === "questions" ? before(sizes, Number(parts[1])) : 0);
    words.push(item ? item(n + 1) : (FIELD_WORDS[part] ?? part));
  });
  return words.join(" › ");
}

@customElement("editor-problems")
export class EditorProblems extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
      }
      .box {
        margin: 0.5rem 0 1rem;
        padding: 0.75rem 1rem;
        border-left: 0.25rem solid var(--danger);
        background: #fdf0ef;
      }
      p,
      ul {
        margin: 0;
      }
      ul {
        padding-left: 1.25rem;
      }
      .ok {
        color: var(--muted);
      }
    `,
  ];

  /** The server's problems with the last saved copy. */
  @property({ attribute: false }) problems: readonly Problem[] = [];
  /** Questions per section, to number questions as the editor does. */
  @property({ attribute: false }) sizes: readonly number[] = [];

  override render() {
    if (this.problems.length === 0) return html`<p class="ok">检查通过：可以预览和发布。</p>`;
    return html`<section class="box" aria-label="需要改正的问题">
      <p>还有 ${this.problems.length} 处需要改正，改正后才能发布：</p>
      <ul>
        ${this.problems.map((p) => html`<li>${describePath(p.path, this.sizes)}：${p.message}</li>`)}
      </ul>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "editor-problems": EditorProblems;
  }
}
