// Distribution links of one survey: create, list with their URLs and QR codes, pause, close, edit.
import { Task } from "@lit/task";
import { html, LitElement } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { LinkView } from "../../server/domain/link-shapes.ts";
import type { LinkState } from "../../server/domain/link-states.ts";
import type { SurveySummary } from "../../server/domain/survey-shapes.ts";
import { buttons, tokens } from "../ui/theme.ts";
import { viewStyles } from "./admin-styles.ts";
import { type ApiError, call, describeFailure, load } from "./api.ts";
import { renderTable } from "./data-table.ts";
import "./error-notice.ts";
import { arrayOf } from "./guards.ts";
import { type LinkActions, linkColumns } from "./link-columns.ts";
import type { LinkSavedEvent } from "./link-form.ts";
import "./link-form.ts";
import { field, isLinkView } from "./shapes.ts";
import { linkButtons, tableStyles } from "./table-styles.ts";

const isLinkList = field("links", arrayOf(isLinkView));
const DONE = { open: "已恢复", paused: "已暂停", closed: "已关闭" } as const;

@customElement("links-view")
export class LinksView extends LitElement {
  static override styles = [tokens, buttons, viewStyles, tableStyles, linkButtons];

  /** The survey whose links are shown. */
  @property({ attribute: false }) survey!: SurveySummary;

  @state() private editing: LinkView | null = null;
  @state() private error: ApiError | null = null;
  @state() private said = "";

  private links = new Task(this, {
    args: () => [this.survey.id] as const,
    task: async ([id], { signal }) =>
      (await load(`/api/admin/links?survey=${encodeURIComponent(id)}`, isLinkList, signal)).links,
  });

  private actions: LinkActions = {
    setState: (link, state) => this.setState(link, state),
    edit: (link) => this.startEdit(link),
  };

  override render() {
    const editing = this.editing;
    return html`<h2>发放链接</h2>
      <section class="panel" aria-labelledby="form-title">
        <h3 id="form-title">${editing ? `编辑链接：${editing.label}` : "新建发放链接"}</h3>
        <link-form
          .survey=${this.survey}
          .link=${editing}
          @link-saved=${this.onSaved}
          @form-cancel=${this.onCancel}
        ></link-form>
      </section>
      <p class="status" role="status">${this.said}</p>
      <error-notice .error=${this.error}></error-notice>
      ${this.links.render({
        pending: () =>
          this.links.value ? this.renderList(this.links.value) : html`<p>正在加载…</p>`,
        complete: (links) => this.renderList(links),
        error: (e) => html`<error-notice .error=${describeFailure(e)}></error-notice>`,
      })}`;
  }

  private renderList(links: LinkView[]) {
    return renderTable(
      "发放链接列表",
      linkColumns(this.actions),
      links,
      "还没有链接。用上面的表单创建第一个发放链接。",
    );
  }

  private async setState(link: LinkView, state: LinkState) {
    const ask = `确定关闭链接“${link.label}”吗？关闭后这个链接不再接受作答，已收到的答卷保留。`;
    if (state === "closed" && !window.confirm(ask)) return;
    const path = `/api/admin/links/${encodeURIComponent(link.id)}`;
    const result = await call("PATCH", path, field("link", isLinkView), { body: { state } });
    this.error = result.ok ? null : result;
    this.said = result.ok ? `${DONE[state]}“${link.label}”。` : "";
    if (result.ok) this.links.run();
  }

  private async startEdit(link: LinkView) {
    this.editing = link;
    this.said = "";
    await this.updateComplete;
    // The form sits above the list: bring it into view and put the cursor in its first field.
    const form = this.renderRoot.querySelector("link-form");
    form?.scrollIntoView({ block: "start" });
    form?.focusFirst();
  }

  private onSaved(e: LinkSavedEvent) {
    this.said = e.created ? `已创建链接“${e.link.label}”。` : `已保存“${e.link.label}”。`;
    this.editing = null;
    this.error = null;
    this.links.run();
  }

  private onCancel() {
    this.editing = null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "links-view": LinksView;
  }
}
