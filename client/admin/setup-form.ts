// First-run setup: the one-time link's token creates the first administrator and signs them in.
import { html, LitElement } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import { buttons, tokens } from "../ui/theme.ts";
import { formStyles, viewStyles } from "./admin-styles.ts";
import { type ApiError, call, type FieldError } from "./api.ts";
import "./error-notice.ts";
import { type FormFields, formActions, MIN_PASSWORD, readForm } from "./forms.ts";
import { field, isAccount } from "./shapes.ts";
import { SignedInEvent } from "./sign-in-form.ts";

@customElement("setup-form")
export class SetupForm extends LitElement {
  static override styles = [tokens, buttons, viewStyles, formStyles];

  /** The secret from the setup link's #setup= fragment. */
  @property() token = "";

  @state() private error: ApiError | null = null;
  @state() private busy = false;

  override render() {
    return html`<section class="panel" aria-labelledby="title">
      <h2 id="title">创建第一个管理员账号</h2>
      <p>这个设置链接只能使用一次。创建后，请用新账号登录管理后台，再为其他人创建账号。</p>
      <form @submit=${this.onSubmit}>
        <label>
          用户名<span class="hint">2-32 个小写字母、数字或 . _ -</span>
          <input name="username" autocomplete="username" required />
        </label>
        <label>显示名称<input name="displayName" autocomplete="name" required /></label>
        <label>
          密码<span class="hint">至少 ${MIN_PASSWORD} 个字符</span>
          <input name="password" type="password" autocomplete="new-password" required />
        </label>
        <label>
          确认密码<span class="hint">再输入一次</span>
          <input name="confirm" type="password" autocomplete="new-password" required />
        </label>
        <error-notice .error=${this.error}></error-notice>
        ${formActions("创建并进入", this.busy)}
      </form>
    </section>`;
  }

  private async onSubmit(e: SubmitEvent) {
    const fields = readForm(e);
    if (!fields || this.busy) return;
    const problems = checkPasswords(fields);
    if (problems.length > 0) {
      this.error = { status: 0, message: "请先改正下面的问题。", fields: problems };
      return;
    }
    this.busy = true;
    const result = await call("POST", "/api/admin/setup", field("account", isAccount), {
      body: {
        token: this.token,
        username: fields.username ?? "",
        displayName: fields.displayName ?? "",
        password: fields.password ?? "",
      },
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

function checkPasswords(fields: FormFields): FieldError[] {
  const password = fields.password ?? "";
  const problems: FieldError[] = [];
  if (password.length < MIN_PASSWORD)
    problems.push({ field: "password", message: `密码至少 ${MIN_PASSWORD} 个字符` });
  if (password !== fields.confirm)
    problems.push({ field: "confirm", message: "两次输入的密码不一致" });
  return problems;
}

declare global {
  interface HTMLElementTagNameMap {
    "setup-form": SetupForm;
  }
}
