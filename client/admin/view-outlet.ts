// Picks the element for the current route and hands it what it needs from the shell.
import { html } from "lit";
import type { Account } from "../../server/domain/account-shapes.ts";
import type { SurveySummary } from "../../server/domain/survey-shapes.ts";
import { describeFailure } from "./api.ts";
import type { RouteId } from "./routes.ts";
import "./accounts-view.ts";
import "./audit-view.ts";
import "./editor-view.ts";
import "./batches-view.ts";
import "./error-notice.ts";
import "./links-view.ts";
import "./results-view.ts";
import "./returns-view.ts";
import "./surveys-view.ts";
import "./tokens-view.ts";

export interface ViewContext {
  account: Account;
  /** Undefined while the list loads or when loading failed. */
  surveys: SurveySummary[] | undefined;
  /** The survey picked in the header; null when there is none. */
  survey: SurveySummary | null;
  /** Why the survey list failed to load, if it did. */
  error: unknown;
  onSurveysChanged: () => void;
}

export function renderView(route: RouteId, ctx: ViewContext) {
  switch (route) {
    case "accounts":
      return html`<accounts-view .self=${ctx.account}></accounts-view>`;
    case "tokens":
      return html`<tokens-view></tokens-view>`;
    case "audit":
      return html`<audit-view></audit-view>`;
    case "surveys":
      return withSurveys(
        ctx,
        (surveys) => html`<surveys-view
          .surveys=${surveys}
          .canEdit=${ctx.account.role === "admin"}
          @surveys-changed=${ctx.onSurveysChanged}
        ></surveys-view>`,
      );
    case "editor":
      return withSurveys(
        ctx,
        (surveys) =>
          html`<editor-view .surveys=${surveys} @surveys-changed=${ctx.onSurveysChanged}></editor-view>`,
      );
    case "results":
      return withSurvey(ctx, (s) => html`<results-view .survey=${s}></results-view>`);
    case "returns":
      return withSurvey(ctx, (s) => html`<returns-view .survey=${s}></returns-view>`);
    case "links":
      return withSurvey(ctx, (s) => html`<links-view .survey=${s}></links-view>`);
    case "batches":
      return withSurvey(ctx, (s) => html`<batches-view .survey=${s}></batches-view>`);
  }
}

function withSurveys(ctx: ViewContext, view: (surveys: SurveySummary[]) => unknown) {
  if (ctx.surveys) return view(ctx.surveys);
  if (ctx.error !== undefined)
    return html`<h2>问卷</h2>
      <error-notice .error=${describeFailure(ctx.error)}></error-notice>`;
  return html`<p role="status">正在加载问卷…</p>`;
}

function withSurvey(ctx: ViewContext, view: (survey: SurveySummary) => unknown) {
  return withSurveys(ctx, () =>
    ctx.survey
      ? view(ctx.survey)
      : html`<h2>还没有问卷</h2>
          <p class="empty">
            ${
              ctx.account.role === "admin"
                ? "请先在「问卷」页导入问卷文件。"
                : "请联系管理员导入问卷。"
            }
          </p>`,
  );
}
