// Shows an API error: the server's message, then each field problem on its own line.
import { css, html, LitElement, nothing } from "lit";
import { customElement, property } from "lit/decorators.js";
import { tokens } from "../ui/theme.ts";
import type { ApiError } from "./api.ts";

@customElement("error-notice")
export class ErrorNotice extends LitElement {
  static override styles = [
    tokens,
    css`
      :host {
        display: block;
      }
      .box {
        margin: 0.5rem 0;
        padding: 0.75rem 1rem;
        border-left: 0.25rem solid var(--danger);
        background: #fdf0ef;
        color: var(--danger);
      }
      p,
      ul {
        margin: 0;
      }
      ul {
        margin-top: 0.5rem;
        padding-left: 1.25rem;
      }
      code {
        color: var(--ink);
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** The error to show; nothing shows while it is null. */
  @property({ attribute: false }) error: ApiError | null = null;

  override render() {
    // The alert region stays in the DOM so screen readers announce a message put into it.
    const error = this.error;
    return html`<div role="alert">
      ${
        error
          ? html`<div class="box">
              <p>${error.message}</p>
              ${
                error.fields.length > 0
                  ? html`<ul>
                      ${error.fields.map(
                        (f) => html`<li><code>${f.field}</code>：${f.message}</li>`,
                      )}
                    </ul>`
                  : nothing
              }
            </div>`
          : nothing
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "error-notice": ErrorNotice;
  }
}
