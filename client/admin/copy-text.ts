// A read-only text with a copy button; where the clipboard is refused, selects the text instead.
import { css, html, LitElement } from "lit";
import { customElement, property, query, state } from "lit/decorators.js";
import { buttons, tokens } from "../ui/theme.ts";

@customElement("copy-text")
export class CopyText extends LitElement {
  static override styles = [
    tokens,
    buttons,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: 0.25rem 0.5rem;
        align-items: center;
      }
      input {
        min-width: 0;
        min-height: 2.25rem;
        padding: 0.25rem 0.5rem;
        border: 0.0625rem solid var(--line);
        border-radius: var(--radius);
        background: var(--wash);
        color: var(--ink);
        font: inherit;
        font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
        font-size: 0.875rem;
      }
      button {
        min-height: 2.25rem;
        padding: 0.25rem 0.75rem;
      }
      .said {
        grid-column: 1 / -1;
        color: var(--muted);
        font-size: 0.875rem;
      }
      .said:empty {
        display: none;
      }
    `,
  ];

  /** The text to copy. */
  @property() value = "";
  /** Accessible name of the text box, e.g. “链接地址：教育系统”. */
  @property() label = "";

  @state() private said = "";
  @query("input") private input!: HTMLInputElement;

  override render() {
    return html`<input readonly aria-label=${this.label} .value=${this.value} @focus=${this.onFocus} />
      <button type="button" @click=${this.onCopy}>复制</button>
      <span class="said" role="status">${this.said}</span>`;
  }

  private onFocus() {
    this.input.select();
  }

  private async onCopy() {
    try {
      await navigator.clipboard.writeText(this.value);
      this.said = "已复制。";
    } catch {
      // No clipboard (plain http, or permission refused): leave the text selected for Ctrl+C.
      this.input.focus();
      this.input.select();
      this.said = "已选中，请按 Ctrl+C（Mac 上按 ⌘C）复制。";
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "copy-text": CopyText;
  }
}
