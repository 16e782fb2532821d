// A horizontal bar chart drawn as plain SVG: one labelled bar per item, shares of 0–100%.
import { css, html, LitElement, svg } from "lit";
import { customElement, property } from "lit/decorators.js";
import { tokens } from "../ui/theme.ts";

export interface Bar {
  label: string;
  /** A fraction 0–1; null draws no bar (a hidden figure). */
  value: number | null;
  /** The figure written after the bar, e.g. "42.0%" or "<5". */
  text: string;
}

/** Drawing units; the SVG scales to its box, so these are proportions, not pixels. */
const WIDTH = 640;
const ROW = 46;
const BAR = 16;
const BAR_MAX = 540;
const MAX_LABEL = 42;

const shorten = (s: string) => (s.length > MAX_LABEL ? `${s.slice(0, MAX_LABEL - 1)}…` : s);

@customElement("bar-chart")
export class BarChart extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
      }
      svg {
        display: block;
        width: 100%;
        max-width: 40rem;
        height: auto;
      }
      text {
        font-size: 14px;
        fill: var(--ink);
      }
      .value {
        fill: var(--muted);
      }
      .track {
        fill: var(--wash);
      }
      .bar {
        fill: var(--accent);
      }
    `,
  ];

  /** The chart's name, e.g. "Q2 全体百分比"; the accessible summary starts with it. */
  @property() label = "";
  /** The bars, top to bottom. */
  @property({ attribute: false }) bars: Bar[] = [];

  override render() {
    const height = this.bars.length * ROW + 4;
    // role="img" makes the drawing one picture for screen readers; the label reads every figure.
    const summary = `${this.label}：${this.bars.map((b) => `${b.label} ${b.text}`).join("；")}`;
    return html`<svg
      role="img"
      aria-label=${summary}
      viewBox="0 0 ${WIDTH} ${height}"
      preserveAspectRatio="xMinYMin meet"
    >
      <title>${summary}</title>
      ${this.bars.map((b, i) => this.renderBar(b, i * ROW))}
    </svg>`;
  }

  private renderBar(b: Bar, top: number) {
    const width = b.value === null ? 0 : Math.max(0, Math.min(1, b.value)) * BAR_MAX;
    return svg`<g class="item">
      <text x="0" y=${top + 16}>${shorten(b.label)}</text>
      <rect class="track" x="0" y=${top + 22} width=${BAR_MAX} height=${BAR}></rect>
      <rect class="bar" x="0" y=${top + 22} width=${width} height=${BAR}></rect>
      <text class="value" x=${BAR_MAX + 8} y=${top + 35}>${b.text}</text>
    </g>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "bar-chart": BarChart;
  }
}
