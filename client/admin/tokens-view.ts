// API tokens for scripts: create (asks for the password again; the secret is shown once; each
// expires), list and revoke.
import { Task } from "@lit/task";
import { css, html, LitElement, nothing } from "lit";
import { customElement, state } from "lit/decorators.js";
import type { NewTokenResult, TokenInfo } from "../../server/domain/account-shapes.ts";
import { buttons, tokens } from "../ui/theme.ts";
import { formStyles, viewStyles } from "./admin-styles.ts";
import { type ApiError, call, describeFailure, load } from "./api.ts";
import "./copy-text.ts";
import { type Column, renderTable } from "./data-table.ts";
import "./error-notice.ts";
import { formatInstant } from "./format.ts";
import { readForm } from "./forms.ts";
import { arrayOf } from "./guards.ts";
import { field, isNewTokenResult, isTokenInfo } from "./shapes.ts";
import { tableStyles } from "./table-styles.ts";

const isTokenList = field("tokens", arrayOf(isTokenInfo));

/** The lifetimes offered; the server takes any whole number of days from 1 to 365. */
const LIFETIMES = [
  { days: 7, label: "7 天" },
  { days: 30, label: "30 天" },
  { days: 90, label: "90 天（默认）" },
  { days: 180, label: "180 天" },
  { days: 365, label: "一年" },
] as const;

const isExpired = (t: TokenInfo) => !(Date.parse(t.expiresAt) > Date.now());

@customElement("tokens-view")
export class TokensView extends LitElement {
  static override styles = [
    tokens,
    buttons,
    viewStyles,
    formStyles,
    tableStyles,
    css`
      .secret {
        border: 0.125rem solid var(--focus);
      }
      .warning {
        font-weight: 700;
      }
    `,
  ];

  /** The token just made: the only time its secret is known here. */
  @state() private created: NewTokenResult | null = null;
  @state() private error: ApiError | null = null;
  @state() private said = "";
  @state() private busy = false;

  private tokenList = new Task(this, {
    args: () => [] as const,
    task: async (_args, { signal }) =>
      (await load("/api/admin/tokens", isTokenList, signal)).tokens,
  });

  override render() {
    return html`<h2>API 令牌</h2>
      <p class="note">
        令牌供脚本调用接口，权限与您的账号相同。请求时发送请求头
        <code>Authorization: Bearer 令牌</code>。令牌到期后自动失效；账号重置密码、更改角色或被停用时，
        它的所有令牌立即撤销。
      </p>
      <section class="panel" aria-labelledby="new-title">
        <h3 id="new-title">新建令牌</h3>
        <form @submit=${this.onCreate}>
          <label>用途说明<input name="label" required maxlength="100" /></label>
          <label>
            有效期<select name="days">
              ${LIFETIMES.map((l) => html`<option value=${l.days} ?selected=${l.days === 90}>${l.label}</option>`)}
            </select>
          </label>
          <label>
            您的密码（确认身份）<input
              name="password"
              type="password"
              autocomplete="current-password"
              required
              maxlength="200"
            />
          </label>
          <div class="actions">
            <button class="primary" aria-disabled=${this.busy ? "true" : "false"}>创建令牌</button>
          </div>
        </form>
      </section>
      ${this.created ? this.renderSecret(this.created) : nothing}
      <p class="status" role="status">${this.said}</p>
      <error-notice .error=${this.error}></error-notice>
      ${this.tokenList.render({
        pending: () =>
          this.tokenList.value ? this.renderList(this.tokenList.value) : html`<p>正在加载…</p>`,
        complete: (list) => this.renderList(list),
        error: (e) => html`<error-notice .error=${describeFailure(e)}></error-notice>`,
      })}`;
  }

  private renderSecret({ token, secret }: NewTokenResult) {
    return html`<section class="panel secret" aria-labelledby="secret-title">
      <h3 id="secret-title">令牌“${token.label}”已创建</h3>
      <p class="warning">只显示这一次：请现在复制并妥善保存，关闭后无法再查看。</p>
      <copy-text value=${secret} label="新令牌：${token.label}"></copy-text>
      <div class="actions">
        <button type="button" @click=${this.onDismiss}>我已保存，关闭</button>
      </div>
    </section>`;
  }

  private renderList(list: TokenInfo[]) {
    const columns: Column<TokenInfo>[] = [
      { label: "用途说明", cell: (t) => t.label, wrap: true },
      { label: "所属账号", cell: (t) => t.owner },
      { label: "创建时间", cell: (t) => formatInstant(t.createdAt) },
      { label: "最近使用", cell: (t) => t.lastUsedOn ?? "从未" },
      { label: "到期时间", cell: (t) => formatInstant(t.expiresAt) },
      {
        label: "状态",
        cell: (t) =>
          t.revoked
            ? html`<span class="badge closed">已撤销</span>`
            : isExpired(t)
              ? html`<span class="badge closed">已过期</span>`
              : html`<span class="badge open">有效</span>`,
      },
      {
        label: "操作",
        cell: (t) =>
          t.revoked || isExpired(t)
            ? "—"
            : html`<div class="actions"><button type="button" @click=${() => this.revoke(t)}>撤销</button></div>`,
      },
    ];
    return renderTable("令牌列表", columns, list, "还没有令牌。");
  }

  private async onCreate(e: SubmitEvent) {
    const form = e.currentTarget;
    const fields = readForm(e);
    if (!fields || this.busy) return;
    this.busy = true;
    const body = {
      label: fields.label ?? "",
      password: fields.password ?? "",
      days: Number(fields.days ?? 90),
    };
    const result = await call("POST", "/api/admin/tokens", isNewTokenResult, { body });
    this.busy = false;
    this.error = result.ok ? null : result;
    if (!result.ok) return;
    this.created = result.data;
    this.said = "";
    if (form instanceof HTMLFormElement) form.reset();
    this.tokenList.run();
  }

  private async revoke(t: TokenInfo) {
    if (!window.confirm(`确定撤销令牌“${t.label}”吗？使用它的脚本将立即失去访问权限。`)) return;
    const path = `/api/admin/tokens/${encodeURIComponent(t.id)}/revoke`;
    const result = await call("POST", path, field("token", isTokenInfo), { body: {} });
    this.error = result.ok ? null : result;
    this.said = result.ok ? `已撤销令牌“${t.label}”。` : "";
    if (result.ok) this.tokenList.run();
  }

  private onDismiss() {
    this.created = null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    "tokens-view": TokensView;
  }
}
