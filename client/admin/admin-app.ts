// The console's root: first-run setup, sign-in, and the signed-in console once the session is known.
import { Task } from "@lit/task";
import { css, html, LitElement } from "lit";
import { customElement, state } from "lit/decorators.js";
import type { Account } from "../../server/domain/account-shapes.ts";
import { buttons, tokens } from "../ui/theme.ts";
import { viewStyles } from "./admin-styles.ts";
import { type ApiError, call } from "./api.ts";
import "./admin-console.ts";
import "./error-notice.ts";
import { setupToken } from "./routes.ts";
import "./setup-form.ts";
import { field, isAccount } from "./shapes.ts";
import type { SignedInEvent } from "./sign-in-form.ts";
import "./sign-in-form.ts";

type Phase =
  | { kind: "checking" }
  | { kind: "setup"; token: string }
  | { kind: "signin"; notice: string }
  | { kind: "console"; account: Account }
  | { kind: "failed"; error: ApiError };

const EXPIRED = "登录已过期，请重新登录";

@customElement("admin-app")
export class AdminApp extends LitElement {
  static override styles = [
    tokens,
    buttons,
    viewStyles,
    css`
      :host {
        min-height: 100vh;
        background: var(--wash);
      }
      header {
        padding: 0.75rem 1rem;
        background: var(--paper);
        border-bottom: 0.0625rem solid var(--line);
      }
      h1 {
        margin: 0;
        font-size: 1.25rem;
      }
      main {
        max-width: 32rem;
        margin: 0 auto;
        padding: 1.5rem 1rem;
      }
    `,
  ];

  @state() private phase: Phase = { kind: "checking" };

  /** Asks the server who is signed in: once on load (unless setting up), and on 重试. */
  private session = new Task(this, {
    args: () => [] as const,
    task: async (_args, { signal }) => {
      if (this.phase.kind !== "checking") return null;
      const me = field("account", isAccount);
      return call("GET", "/api/admin/me", me, { signal, expect401: true });
    },
    onComplete: (result) => {
      if (!result) return;
      if (result.ok) this.phase = { kind: "console", account: result.data.account };
      else if (result.status === 401) this.phase = { kind: "signin", notice: "" };
      else this.phase = { kind: "failed", error: result };
    },
  });

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener("session-expired", this.onExpired);
    const token = setupToken(location.hash);
    if (token !== null) this.phase = { kind: "setup", token };
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener("session-expired", this.onExpired);
  }

  override render() {
    const phase = this.phase;
    if (phase.kind === "console")
      return html`<admin-console
        .account=${phase.account}
        @signed-out=${this.onSignedOut}
      ></admin-console>`;
    return html`<header><h1>问卷管理后台</h1></header>
      <main @signed-in=${this.onSignedIn}>${this.renderGate(phase)}</main>`;
  }

  private renderGate(phase: Exclude<Phase, { kind: "console" }>) {
    switch (phase.kind) {
      case "checking":
        return html`<p role="status">正在检查登录状态…</p>`;
      case "setup":
        return html`<setup-form token=${phase.token}></setup-form>`;
      case "signin":
        return html`<sign-in-form notice=${phase.notice}></sign-in-form>`;
      case "failed":
        return html`<error-notice .error=${phase.error}></error-notice>
          <button type="button" @click=${this.onRetry}>重试</button>`;
    }
  }

  private onSignedIn(e: SignedInEvent) {
    // The setup token is spent: keep it out of the address bar, history and bookmarks.
    if (this.phase.kind === "setup") history.replaceState(null, "", location.pathname);
    this.phase = { kind: "console", account: e.account };
  }

  private onSignedOut() {
    this.phase = { kind: "signin", notice: "已退出登录。" };
  }

  private onRetry() {
    this.phase = { kind: "checking" };
    this.session.run();
  }

  private onExpired = () => {
    if (this.phase.kind === "console") this.phase = { kind: "signin", notice: EXPIRED };
  };
}

declare global {
  interface HTMLElementTagNameMap {
    "admin-app": AdminApp;
  }
}
