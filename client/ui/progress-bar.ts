// A labelled native <progress>, so assistive technology reads the step as well as the bar.
import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import { tokens } from "./theme.ts";

@customElement("progress-bar")
export class ProgressBar extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
      }
      label {
        display: block;
        font-size: 0.875rem;
        color: var(--muted);
      }
      progress {
        appearance: none;
        display: block;
        width: 100%;
        height: 0.5rem;
        border: 0;
        border-radius: 0.25rem;
        background: var(--wash);
        color: var(--accent);
      }
      progress::-webkit-progress-bar {
        background: var(--wash);
        border-radius: 0.25rem;
      }
      progress::-webkit-progress-value {
        background: var(--accent);
        border-radius: 0.25rem;
      }
      progress::-moz-progress-bar {
        background: var(--accent);
      }
    `,
  ];

  /** Steps done, e.g. questions answered. */
  @property({ type: Number }) value = 0;
  /** Total steps, e.g. questions shown. */
  @property({ type: Number }) max = 1;
  /** Visible text naming the step, e.g. “第 2 / 5 部分 · 已答 7 / 26 题”. */
  @property() label = "";

  override render() {
    return html`<label for="bar">${this.label}</label>
      <progress id="bar" max=${this.max} .value=${this.value}>${this.label}</progress>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "progress-bar": ProgressBar;
  }
}
