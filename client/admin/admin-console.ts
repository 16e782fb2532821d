// The signed-in shell: header with survey picker and sign-out, the role's nav, and the current view.
import { Task } from "@lit/task";
import { html, LitElement, nothing } from "lit";
import { customElement, property, state } from "lit/decorators.js";
import type { Account } from "../../server/domain/account-shapes.ts";
import { buttons, tokens } from "../ui/theme.ts";
import { consoleStyles } from "./admin-console-styles.ts";
import { viewStyles } from "./admin-styles.ts";
import { call, load } from "./api.ts";
import { ROLE_LABELS } from "./format.ts";
import { arrayOf } from "./guards.ts";
import { ROUTES, type RouteId, routeFromHash, routesFor } from "./routes.ts";
import { field, isSurveySummary } from "./shapes.ts";
import type { SurveyPickEvent } from "./survey-picker.ts";
import "./error-notice.ts";
import "./survey-picker.ts";
import { renderView } from "./view-outlet.ts";

export class SignedOutEvent extends Event {
  static readonly eventName = "signed-out";

  constructor() {
    super(SignedOutEvent.eventName, { bubbles: true, composed: true });
  }
}

const isSurveyList = field("surveys", arrayOf(isSurveySummary));

@customElement("admin-console")
export class AdminConsole extends LitElement {
  static override styles = [tokens, buttons, viewStyles, consoleStyles];

  /** The signed-in account; its role decides the nav. */
  @property({ attribute: false }) account!: Account;

  @state() private route: RouteId = "returns";
  /** The survey picked in the header; null means the first one. */
  @state() private surveyId: string | null = null;

  private surveys = new Task(this, {
    args: () => [this.account.id] as const,
    task: async (_args, { signal }) =>
      (await load("/api/admin/surveys", isSurveyList, signal)).surveys,
  });

  override connectedCallback() {
    super.connectedCallback();
    window.addEventListener("hashchange", this.onHashChange);
    this.syncRoute();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener("hashchange", this.onHashChange);
  }

  override render() {
    const surveys = this.surveys.value ?? [];
    const current = surveys.find((s) => s.id === this.surveyId) ?? surveys[0] ?? null;
    return html`<header>
        <h1>问卷管理后台</h1>
        <survey-picker
          .surveys=${surveys}
          value=${current?.id ?? ""}
          @survey-pick=${this.onPick}
        ></survey-picker>
        <p class="who">${this.account.displayName}（${ROLE_LABELS[this.account.role]}）</p>
        <a class="stored" href="/privacy" target="_blank" rel="noopener">本系统保存什么</a>
        <button type="button" @click=${this.onSignOut}>退出登录</button>
      </header>
      <nav aria-label="主导航">${this.renderNav()}</nav>
      <main id="main" tabindex="-1">
        ${renderView(this.route, {
          account: this.account,
          surveys: this.surveys.value,
          survey: current,
          error: this.surveys.error,
          onSurveysChanged: () => this.surveys.run(),
        })}
      </main>`;
  }

  private renderNav() {
    return html`<ul>
      ${routesFor(this.account.role).map(
        (id) => html`<li>
          <a href="#/${id}" aria-current=${id === this.route ? "page" : nothing}>
            ${ROUTES[id].label}
          </a>
        </li>`,
      )}
    </ul>`;
  }

  /** Reads the view from the hash and rewrites a hash this role may not open. */
  private syncRoute() {
    this.route = routeFromHash(location.hash, this.account.role);
    if (location.hash !== `#/${this.route}`) history.replaceState(null, "", `#/${this.route}`);
  }

  private onPick(e: SurveyPickEvent) {
    this.surveyId = e.surveyId;
  }

  private async onSignOut() {
    // Whatever the answer, the user asked to leave: show the sign-in form either way.
    await call("POST", "/api/admin/logout", (v): v is unknown => true, { expect401: true });
    this.dispatchEvent(new SignedOutEvent());
  }

  private onHashChange = async () => {
    this.syncRoute();
    // The survey list holds response counts per version: show them as of now, not as of sign-in.
    if (this.route === "surveys") void this.surveys.run();
    await this.updateComplete;
    // Move focus to the new view, as a page load would, so keyboard users start at its top.
    this.renderRoot.querySelector<HTMLElement>("main")?.focus();
  };
}

declare global {
  interface HTMLElementEventMap {
    "signed-out": SignedOutEvent;
  }
  interface HTMLElementTagNameMap {
    "admin-console": AdminConsole;
  }
}
