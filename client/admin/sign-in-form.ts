// The sign-in form; announces the signed-in account upwards.
import { html, LitElement } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { Account } from "../../server/domain/account-shapes.ts";
import { buttons, tokens } from "../ui/theme.ts";
import { formStyles, viewStyles } from "./admin-styles.ts";
import { type ApiError, call } from "./api.ts";
import "./error-notice.ts";
import { readForm } from "./forms.ts";
import { field, isAccount } from "./shapes.ts";

export class SignedInEvent extends Event {
  static readonly eventName = "signed-in";
  readonly account: Account;

  constructor(account: Account) {
    super(SignedInEvent.eventName, { bubbles: true, composed: true });
    this.account = account;
  }
}

@customElement("sign-in-form")
export class SignInForm extends LitElement {
  static override styles = [tokens, buttons, viewStyles, formStyles];

  /** Why the user is here again, e.g. an expired session; shown above the form. */
  @property() notice = "";

  @state() private error: ApiError | null = null;
  @state() private busy = false;

  override render() {
    return html`<section class="panel" aria-labelledby="title">
      <h2 id="title">登录</h2>
      <p role="status">${this.notice}</p>
      <form @submit=${this.onSubmit}>
        <label>用户名<input name="username" autocomplete="username" required /></label>
        <label>
          密码<input name="password" type="password" autocomplete="current-password" required />
        </label>
        <error-notice .error=${this.error}></error-notice>
        <div class="actions">
          <button class="primary" aria-disabled=${this.busy ? "true" : "false"}>登录</button>
          <span class="note">${this.busy ? "正在登录…" : ""}</span>
        </div>
      </form>
    </section>`;
  }

  private async onSubmit(e: SubmitEvent) {
    const fields = readForm(e);
    if (!fields || this.busy) return;
    this.busy = true;
    const result = await call("POST", "/api/admin/login", field("account", isAccount), {
      body: { username: fields.username ?? "", password: fields.password ?? "" },
      expect401: true,
    });
    this.busy = false;
    if (!result.ok) {
      this.error = result;
      return;
    }
    this.error = null;
    this.dispatchEvent(new SignedInEvent(result.data.account));
  }
}

declare global {
  interface HTMLElementEventMap {
    "signed-in": SignedInEvent;
  }
  interface HTMLElementTagNameMap {
    "sign-in-form": SignInForm;
  }
}
