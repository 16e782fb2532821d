// Starts a draft from pasted text or a spreadsheet: the server reads it, each problem is shown
// with its line (or sheet, row and column), and the result opens in the editor to be finished.
import { html, LitElement, nothing } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { buttons, tokens } from "../ui/theme.ts";
import { formStyles, viewStyles } from "./admin-styles.ts";
import { type ApiError, call } from "./api.ts";
import { createDraft } from "./draft-api.ts";
import { isParsed } from "./draft-shapes.ts";
import { DraftOpenEvent } from "./editor-events.ts";
import "./error-notice.ts";
import { isRecord } from "./guards.ts";

interface Read {
  survey: unknown;
  problems: string[];
}

/** "第 3 行：…" or "工作表 题目 第 4 行 C 列：…", whichever the server gave. */
function where(p: Record<string, unknown>): string {
  const at: string[] = [];
  if (typeof p.sheet === "string") at.push(`工作表“${p.sheet}”`);
  if (typeof p.line === "number") at.push(`第 ${p.line} 行`);
  if (typeof p.row === "number") at.push(`第 ${p.row} 行`);
  if (typeof p.column === "string" || typeof p.column === "number") at.push(`${p.column} 列`);
  return at.join(" ");
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

@customElement("draft-import")
export class DraftImport extends LitElement {
  static override styles = [tokens, buttons, viewStyles, formStyles];

  /** Pasted text, or an .xlsx file in the office's template. */
  @property() from: "text" | "xlsx" = "text";

  @state() private read: Read | null = null;
  @state() private error: ApiError | null = null;
  @state() private busy = false;
  @query("textarea") private text?: HTMLTextAreaElement;
  @query("input[type=file]") private file?: HTMLInputElement;

  override render() {
    return html`<form @submit=${this.onSubmit}>
      ${
        this.from === "text"
          ? html`<label class="wide">粘贴问卷文字<span class="hint">每题一段：题号和题目一行，选项各占一行（A. … B. …）</span><textarea name="text"></textarea></label>`
          : html`<label class="wide">选择表格文件<span class="hint">.xlsx，按“下载表格模板”的格式填写</span><input type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" /></label>`
      }
      <div class="actions"><button class="primary" aria-disabled=${this.busy ? "true" : "false"}>识别</button></div>
      <error-notice .error=${this.error}></error-notice>
      ${this.read ? this.renderRead(this.read) : nothing}
    </form>`;
  }

  private renderRead(read: Read) {
    return html`<div class="wide">
      <p>识别出 ${read.problems.length} 处问题：</p>
      <ul class="read-problems">${read.problems.map((p) => html`<li>${p}</li>`)}</ul>
      ${read.survey === null ? nothing : html`<button type="button" @click=${this.onOpen}>在编辑器中打开并改正</button>`}
    </div>`;
  }

  private async onSubmit(e: SubmitEvent) {
    e.preventDefault();
    if (this.busy) return;
    const file = this.file?.files?.[0];
    if (this.from === "xlsx" && !file) return;
    this.busy = true;
    const [path, body] =
      this.from === "text" || !file
        ? ["/api/admin/surveys/parse-text", { text: this.text?.value ?? "" }]
        : ["/api/admin/surveys/parse-xlsx", { fileBase64: await toBase64(file) }];
    const result = await call("POST", path, isParsed, { body });
    this.busy = false;
    this.error = result.ok ? null : result;
    if (!result.ok) return;
    const problems = result.data.problems.filter(isRecord).map((p) => {
      const at = where(p);
      return `${at ? `${at}：` : ""}${typeof p.message === "string" ? p.message : ""}`;
    });
    this.read = { survey: result.data.survey ?? null, problems };
    if (problems.length === 0) await this.onOpen();
  }

  private async onOpen() {
    if (!this.read || this.read.survey === null) return;
    const made = await createDraft({ source: "survey", survey: this.read.survey });
    this.error = made.ok ? null : made;
    if (made.ok) this.dispatchEvent(new DraftOpenEvent(made.data));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "draft-import": DraftImport;
  }
}
