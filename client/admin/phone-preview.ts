// The draft as a respondent's phone shows it: the real phone page in a 360×640 frame. Answers
// given there go nowhere (the preview route stores nothing).
import { css, html, LitElement } from "lit";
import { customElement, property } from "lit/decorators.js";
import { buttons, tokens } from "../ui/theme.ts";

@customElement("phone-preview")
export class PhonePreview extends LitElement {
  static override styles = [
    tokens,
    buttons,
    css`
      :host {
        display: block;
      }
      .phone {
        width: calc(360px + 1rem);
        padding: 0.5rem;
        border-radius: 1.25rem;
        background: var(--ink);
      }
      iframe {
        display: block;
        width: 360px;
        height: 640px;
        border: 0;
        border-radius: 0.75rem;
        background: var(--paper);
      }
    `,
  ];

  /** The draft to show. */
  @property() draftId = "";
  /** Its saved revision: a new one reloads the frame, so the preview shows the latest save. */
  @property({ type: Number }) revision = 0;

  override render() {
    const src = `/admin/preview/${encodeURIComponent(this.draftId)}?revision=${this.revision}`;
    return html`<div class="phone">
        <iframe title="手机预览（360×640）" src=${src} width="360" height="640"></iframe>
      </div>
      <p>预览中的作答不会保存。</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "phone-preview": PhonePreview;
  }
}
