// Accounts (administrators only): create, edit role and name, reset a password, disable.
import { Task } from "@lit/task";
import { html, LitElement } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { Account } from "../../server/domain/account-shapes.ts";
import { buttons, tokens } from "../ui/theme.ts";
import type { AccountSavedEvent } from "./account-form.ts";
import "./account-form.ts";
import { viewStyles } from "./admin-styles.ts";
import { type ApiError, call, describeFailure, load } from "./api.ts";
import { type Column, renderTable } from "./data-table.ts";
import "./error-notice.ts";
import { formatInstant, ROLE_LABELS } from "./format.ts";
import { arrayOf } from "./guards.ts";
import { field, isAccount } from "./shapes.ts";
import { tableStyles } from "./table-styles.ts";

const isAccountList = field("accounts", arrayOf(isAccount));

@customElement("accounts-view")
export class AccountsView extends LitElement {
  static override styles = [tokens, buttons, viewStyles, tableStyles];

  /** The signed-in administrator, marked “（我）” in the list. */
  @property({ attribute: false }) self: Account | null = null;

  @state() private editing: Account | null = null;
  @state() private error: ApiError | null = null;
  @state() private said = "";

  private accounts = new Task(this, {
    args: () => [] as const,
    task: async (_args, { signal }) =>
      (await load("/api/admin/accounts", isAccountList, signal)).accounts,
  });

  override render() {
    const editing = this.editing;
    return html`<h2>账号</h2>
      <section class="panel" aria-labelledby="form-title">
        <h3 id="form-title">${editing ? `编辑账号：${editing.username}` : "新建账号"}</h3>
        <account-form
          .account=${editing}
          @account-saved=${this.onSaved}
          @form-cancel=${this.onCancel}
        ></account-form>
      </section>
      <p class="status" role="status">${this.said}</p>
      <error-notice .error=${this.error}></error-notice>
      ${this.accounts.render({
        pending: () =>
          this.accounts.value ? this.renderList(this.accounts.value) : html`<p>正在加载…</p>`,
        complete: (accounts) => this.renderList(accounts),
        error: (e) => html`<error-notice .error=${describeFailure(e)}></error-notice>`,
      })}`;
  }

  private renderList(accounts: Account[]) {
    const columns: Column<Account>[] = [
      {
        label: "用户名",
        cell: (a) => (a.id === this.self?.id ? `${a.username}（我）` : a.username),
      },
      { label: "显示名称", cell: (a) => a.displayName, wrap: true },
      { label: "角色", cell: (a) => ROLE_LABELS[a.role] },
      {
        label: "状态",
        cell: (a) =>
          a.disabled
            ? html`<span class="badge closed">已停用</span>`
            : html`<span class="badge open">启用</span>`,
      },
      { label: "创建时间", cell: (a) => formatInstant(a.createdAt) },
      { label: "操作", cell: (a) => this.renderActions(a) },
    ];
    return renderTable("账号列表", columns, accounts, "还没有其他账号。");
  }

  private renderActions(a: Account) {
    return html`<div class="actions">
      <button type="button" @click=${() => this.startEdit(a)}>编辑</button>
      <button type="button" @click=${() => this.toggle(a)}>${a.disabled ? "启用" : "停用"}</button>
    </div>`;
  }

  private async toggle(a: Account) {
    const ask = `确定停用“${a.displayName}”（${a.username}）吗？停用后不能登录，其 API 令牌全部撤销（重新启用后也不恢复）。`;
    if (!a.disabled && !window.confirm(ask)) return;
    const path = `/api/admin/accounts/${encodeURIComponent(a.id)}`;
    const body = { disabled: !a.disabled };
    const result = await call("PATCH", path, field("account", isAccount), { body });
    this.error = result.ok ? null : result;
    this.said = result.ok ? `已${a.disabled ? "启用" : "停用"}“${a.username}”。` : "";
    if (result.ok) this.accounts.run();
  }

  private async startEdit(a: Account) {
    this.editing = a;
    this.said = "";
    await this.updateComplete;
    const form = this.renderRoot.querySelector("account-form");
    form?.scrollIntoView({ block: "start" });
    form?.focusFirst();
  }

  private onSaved(e: AccountSavedEvent) {
    this.said = e.created
      ? `已创建账号“${e.account.username}”。`
      : `已保存“${e.account.username}”。`;
    this.editing = null;
    this.error = null;
    this.accounts.run();
  }

  private onCancel() {
    this.editing = null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "accounts-view": AccountsView;
  }
}
