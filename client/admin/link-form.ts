// Creates a distribution link, or edits one: channel, category lock, cap and open/close times.
import { html, LitElement, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { keyed } from "lit/directives/keyed.js";
import type { LinkPatch, LinkView, NewLinkBody } from "../../server/domain/link-shapes.ts";
import type { SurveySummary } from "../../server/domain/survey-shapes.ts";
import { buttons, tokens } from "../ui/theme.ts";
import { formStyles, viewStyles } from "./admin-styles.ts";
import { type ApiError, call } from "./api.ts";
import { renderCategoryField } from "./category-field.ts";
import "./error-notice.ts";
import { FormCancelEvent, localProblem } from "./events.ts";
import { fromLocalInput, toLocalInput } from "./format.ts";
import { formActions, readCount, readForm } from "./forms.ts";
import { field, isLinkView } from "./shapes.ts";

export class LinkSavedEvent extends Event {
  static readonly eventName = "link-saved";
  readonly link: LinkView;
  readonly created: boolean;

  constructor(link: LinkView, created: boolean) {
    super(LinkSavedEvent.eventName, { bubbles: true, composed: true });
    this.link = link;
    this.created = created;
  }
}

const isLinkBody = field("link", isLinkView);

@customElement("link-form")
export class LinkForm extends LitElement {
  static override styles = [tokens, buttons, viewStyles, formStyles];

  /** The survey the link belongs to; its categories fill the category list. */
  @property({ attribute: false }) survey!: SurveySummary;
  /** The link being edited; null to create a new one. */
  @property({ attribute: false }) link: LinkView | null = null;

  @state() private error: ApiError | null = null;
  @state() private busy = false;

  override willUpdate(changed: PropertyValues<this>) {
    // An error belongs to the form it was made on, not to the next link or account edited.
    if (changed.has("link")) this.error = null;
  }

  override render() {
    const link = this.link;
    // A fresh form per link: inputs the user touched keep their own value over any new binding.
    return keyed(
      `${this.survey.id}/${link?.id ?? "new"}`,
      html`<form @submit=${this.onSubmit}>
      <label>
        渠道名称<span class="hint">例如“乡镇党委”，会随每份答卷保存</span>
        <input name="label" required maxlength="100" .value=${link?.label ?? ""} />
      </label>
      ${renderCategoryField(this.survey, link?.category ?? null)}
      <label>
        上限<span class="hint">收满即停止；留空为不限</span>
        <input name="cap" type="number" min="1" step="1" .value=${link?.cap?.toString() ?? ""} />
      </label>
      <label>
        开始时间<span class="hint">留空为立即开始</span>
        <input name="opensAt" type="datetime-local" .value=${toLocalInput(link?.opensAt ?? null)} />
      </label>
      <label>
        结束时间<span class="hint">留空为不限</span>
        <input name="closesAt" type="datetime-local" .value=${toLocalInput(link?.closesAt ?? null)} />
      </label>
      <error-notice .error=${this.error}></error-notice>
      ${formActions(link ? "保存修改" : "创建链接", this.busy, link ? this.onCancel : undefined)}
    </form>`,
    );
  }

  /** Puts the cursor in the first field, e.g. when editing starts. */
  async focusFirst() {
    await this.updateComplete;
    this.renderRoot.querySelector("input")?.focus();
  }

  private async onSubmit(e: SubmitEvent) {
    const form = e.currentTarget;
    const fields = readForm(e);
    if (!fields || this.busy) return;
    const cap = readCount(fields.cap);
    if (Number.isNaN(cap)) {
      this.error = localProblem("cap", "上限须为正整数");
      return;
    }
    const changes = {
      label: fields.label ?? "",
      category: fields.category || null,
      cap,
      opensAt: fromLocalInput(fields.opensAt ?? ""),
      closesAt: fromLocalInput(fields.closesAt ?? ""),
    } satisfies LinkPatch;
    this.busy = true;
    const link = this.link;
    const result = link
      ? await call("PATCH", `/api/admin/links/${encodeURIComponent(link.id)}`, isLinkBody, {
          body: changes,
        })
      : await call("POST", "/api/admin/links", isLinkBody, {
          body: { ...changes, surveyId: this.survey.id } satisfies NewLinkBody,
        });
    this.busy = false;
    if (!result.ok) {
      this.error = result;
      return;
    }
    this.error = null;
    if (!link && form instanceof HTMLFormElement) form.reset();
    this.dispatchEvent(new LinkSavedEvent(result.data.link, !link));
  }

  private onCancel() {
    this.error = null;
    this.dispatchEvent(new FormCancelEvent());
  }
}

declare global {
  interface HTMLElementEventMap {
    "link-saved": LinkSavedEvent;
  }
  interface HTMLElementTagNameMap {
    "link-form": LinkForm;
  }
}
