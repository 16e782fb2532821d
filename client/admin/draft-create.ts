// New drafts that need no import: a blank survey, or a copy of a published version to change.
import { html, LitElement } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { SurveySummary } from "../../server/domain/survey-shapes.ts";
import { buttons, tokens } from "../ui/theme.ts";
import { formStyles, viewStyles } from "./admin-styles.ts";
import type { ApiError } from "./api.ts";
import { createDraft, type DraftSource } from "./draft-api.ts";
import { DraftOpenEvent } from "./editor-events.ts";
import "./error-notice.ts";

@customElement("draft-create")
export class DraftCreate extends LitElement {
  static override styles = [tokens, buttons, viewStyles, formStyles];

  /** Published surveys, whose versions can be copied. */
  @property({ attribute: false }) surveys: SurveySummary[] = [];

  @state() private error: ApiError | null = null;

  override render() {
    const versions = this.surveys.flatMap((s) =>
      s.versions.map((v) => ({
        value: `${v.version} ${s.id}`,
        label: `${s.title} 第 ${v.version} 版${v.current ? "（当前）" : ""}`,
      })),
    );
    return html`<div class="actions">
        <button type="button" @click=${() => this.create({ source: "blank" })}>新建空白问卷</button>
      </div>
      <form @submit=${this.onCopy}>
        <label>
          复制已发布的问卷
          <select name="version">
            ${versions.map((v) => html`<option value=${v.value}>${v.label}</option>`)}
          </select>
        </label>
        <div class="actions"><button>复制为草稿</button></div>
      </form>
      <error-notice .error=${this.error}></error-notice>`;
  }

  private onCopy(e: SubmitEvent) {
    e.preventDefault();
    const picked =
      e.currentTarget instanceof HTMLFormElement
        ? new FormData(e.currentTarget).get("version")
        : null;
    if (typeof picked !== "string") return;
    const [version, ...id] = picked.split(" ");
    void this.create({ source: "version", surveyId: id.join(" "), version: Number(version) });
  }

  private async create(source: DraftSource) {
    const made = await createDraft(source);
    this.error = made.ok ? null : made;
    if (made.ok) this.dispatchEvent(new DraftOpenEvent(made.data));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "draft-create": DraftCreate;
  }
}
