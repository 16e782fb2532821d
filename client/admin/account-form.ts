// Creates an account, or edits one: display name, role, enabled, and an optional new password.
import { html, LitElement, nothing, type PropertyValues } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { keyed } from "lit/directives/keyed.js";
import type { Account } from "../../server/domain/account-shapes.ts";
import { ROLES, type Role } from "../../server/domain/roles.ts";
import { buttons, tokens } from "../ui/theme.ts";
import { formStyles, viewStyles } from "./admin-styles.ts";
import { type ApiError, call } from "./api.ts";
import "./error-notice.ts";
import { FormCancelEvent, localProblem } from "./events.ts";
import { ROLE_LABELS } from "./format.ts";
import { formActions, MIN_PASSWORD, readForm } from "./forms.ts";
import { oneOf } from "./guards.ts";
import { field, isAccount } from "./shapes.ts";

export class AccountSavedEvent extends Event {
  static readonly eventName = "account-saved";
  readonly account: Account;
  readonly created: boolean;

  constructor(account: Account, created: boolean) {
    super(AccountSavedEvent.eventName, { bubbles: true, composed: true });
    this.account = account;
    this.created = created;
  }
}

const isRole = oneOf(...ROLES);

const USERNAME_FIELD = html`<label>
  用户名<span class="hint">2-32 个小写字母、数字或 . _ -；创建后不能修改</span>
  <input name="username" required autocomplete="off" />
</label>`;

function renderRoleField(selected: Role) {
  return html`<label>
    角色
    <select name="role">
      ${ROLES.map(
        (role) =>
          html`<option value=${role} ?selected=${selected === role}>${ROLE_LABELS[role]}</option>`,
      )}
    </select>
  </label>`;
}

function renderDisabledField(disabled: boolean) {
  return html`<label class="wide">
    <input name="disabled" type="checkbox" ?checked=${disabled} />
    停用这个账号（停用后不能登录，其 API 令牌也失效）
  </label>`;
}

@customElement("account-form")
export class AccountForm extends LitElement {
  static override styles = [tokens, buttons, viewStyles, formStyles];

  /** The account being edited; null to create a new one. */
  @property({ attribute: false }) account: Account | null = null;

  @state() private error: ApiError | null = null;
  @state() private busy = false;

  override willUpdate(changed: PropertyValues<this>) {
    // An error belongs to the form it was made on, not to the next link or account edited.
    if (changed.has("account")) this.error = null;
  }

  override render() {
    const a = this.account;
    // A fresh form per account: inputs the user touched keep their own value over any new binding.
    return keyed(
      a?.id ?? "new",
      html`<form @submit=${this.onSubmit}>
        ${a ? nothing : USERNAME_FIELD}
        <label>显示名称<input name="displayName" required .value=${a?.displayName ?? ""} /></label>
        ${renderRoleField(a?.role ?? "distributor")}
        <label>
          ${a ? "新密码" : "初始密码"}
          <span class="hint"
            >至少 ${MIN_PASSWORD} 个字符${a ? "；留空则不修改。重置密码或更改角色会让该账号退出登录，并撤销它的全部 API 令牌" : ""}</span
          >
          <input name="password" type="password" autocomplete="new-password" ?required=${!a} />
        </label>
        ${a ? renderDisabledField(a.disabled) : nothing}
        <error-notice .error=${this.error}></error-notice>
        ${formActions(a ? "保存修改" : "创建账号", this.busy, a ? this.onCancel : undefined)}
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
    const password = fields.password ?? "";
    if ((password || !this.account) && password.length < MIN_PASSWORD) {
      this.error = localProblem("password", `密码至少 ${MIN_PASSWORD} 个字符`);
      return;
    }
    const role = isRole(fields.role) ? fields.role : "distributor";
    const a = this.account;
    this.busy = true;
    const result = a
      ? await call(
          "PATCH",
          `/api/admin/accounts/${encodeURIComponent(a.id)}`,
          field("account", isAccount),
          {
            body: {
              displayName: fields.displayName ?? "",
              role,
              disabled: fields.disabled === "on",
              ...(password ? { password } : {}),
            },
          },
        )
      : await call("POST", "/api/admin/accounts", field("account", isAccount), {
          body: {
            username: fields.username ?? "",
            displayName: fields.displayName ?? "",
            role,
            password,
          },
        });
    this.busy = false;
    if (!result.ok) {
      this.error = result;
      return;
    }
    this.error = null;
    if (!a && form instanceof HTMLFormElement) form.reset();
    this.dispatchEvent(new AccountSavedEvent(result.data.account, !a));
  }

  private onCancel() {
    this.error = null;
    this.dispatchEvent(new FormCancelEvent());
  }
}

declare global {
  interface HTMLElementEventMap {
    "account-saved": AccountSavedEvent;
  }
  interface HTMLElementTagNameMap {
    "account-form": AccountForm;
  }
}
