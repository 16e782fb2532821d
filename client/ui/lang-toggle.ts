// A visible two-way language switch; each button names its language in that language.
import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import { buttons, tokens } from "./theme.ts";

export interface LangChoice {
  value: string;
  label: string;
  /** BCP 47 tag of the label itself, so screen readers pronounce it right. */
  lang: string;
}

export class LangChangeEvent extends Event {
  static readonly eventName = "lang-change";
  readonly lang: string;

  constructor(lang: string) {
    super(LangChangeEvent.eventName, { bubbles: true, composed: true });
    this.lang = lang;
  }
}

@customElement("lang-toggle")
export class LangToggle extends LitElement {
  static override styles = [
    tokens,
    buttons,
    css`
      div {
        display: flex;
        gap: 0.25rem;
      }
      button {
        padding: 0.25rem 0.75rem;
        font-weight: 400;
      }
      button[aria-pressed="true"] {
        background: var(--accent);
        color: var(--accent-ink);
      }
    `,
  ];

  /** The choices, in display order. */
  @property({ attribute: false }) choices: LangChoice[] = [];
  /** The value of the current choice. */
  @property() value = "";
  /** Accessible name of the group. */
  @property() label = "";

  override render() {
    return html`<div role="group" aria-label=${this.label}>
      ${this.choices.map(
        (c) => html`<button
          type="button"
          lang=${c.lang}
          aria-pressed=${c.value === this.value ? "true" : "false"}
          @click=${() => this.choose(c.value)}
        >
          ${c.label}
        </button>`,
      )}
    </div>`;
  }

  private choose(value: string) {
    if (value !== this.value) this.dispatchEvent(new LangChangeEvent(value));
  }
}

declare global {
  interface HTMLElementEventMap {
    "lang-change": LangChangeEvent;
  }
  interface HTMLElementTagNameMap {
    "lang-toggle": LangToggle;
  }
}
