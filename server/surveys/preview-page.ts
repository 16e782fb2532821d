// GET /admin/preview/{draftId}: the phone page showing a draft, for an admin signed in with the
// session cookie. The shell embeds `{ preview: true, survey }` (client/respond/bootstrap.ts): the
// page then keeps nothing on the device and never submits; nothing on the server can take its
// answers either, since no link, code or version points at a draft.
import { Hono } from "hono";
import type { SecureHeadersVariables } from "hono/secure-headers";
import { resolveSurvey } from "../../surveys/format/resolve-survey.ts";
import { surveyForRespondents } from "../../surveys/format/respondent-view.ts";
import { readSession, readSessionCookie } from "../admin/sessions.ts";
import type { RouteDeps } from "../app-deps.ts";
import { renderNotice, renderSurveyPage } from "../respondent/render-pages.ts";
import type { AdminStore } from "../storage/admin-store.ts";
import type { DraftStore } from "../storage/draft-store.ts";
import { checkDraft } from "./draft-problems.ts";
import { draftJson } from "./draft-view.ts";

/** Shown on the page, at most: the editor lists them all. */
const SHOWN_PROBLEMS = 5;

/** The session cookie's account (admin/sessions.ts readSession), and one draft. */
type PreviewDeps = RouteDeps<
  "secureCookies" | "now" | "client",
  Pick<AdminStore, "getSession" | "getAdmin" | "deleteSession" | "touchSession"> &
    Pick<DraftStore, "getDraft">
>;

export function previewPage(deps: PreviewDeps) {
  const app = new Hono<{ Variables: SecureHeadersVariables }>();
  app.get("/admin/preview/:draftId", async (c) => {
    const token = readSessionCookie(c, deps.secureCookies);
    const admin = token ? await readSession(deps.storage, token, deps.now()) : null;
    const draft =
      admin?.role === "admin" ? await deps.storage.getDraft(c.req.param("draftId")) : undefined;
    // Signed out, another role, or no such draft: one answer, so the page reveals nothing.
    if (!draft)
      return c.html(renderNotice("没有这个页面", "预览需要以管理员身份登录管理后台。"), 404);
    const check = checkDraft(draftJson(draft));
    if (!check.ok) {
      const first = check.problems.slice(0, SHOWN_PROBLEMS).map((p) => `${p.path}：${p.message}`);
      const more = check.problems.length > SHOWN_PROBLEMS ? "……" : "";
      const message = `草稿还有 ${check.problems.length} 处问题，改正后才能预览：${first.join("；")}${more}`;
      return c.html(renderNotice("草稿还不能预览", message), 422);
    }
    if (!deps.client)
      return c.html(
        renderNotice("页面尚未构建", "服务器缺少问卷页面文件：请先运行 npm run build。"),
        503,
      );
    const survey = resolveSurvey(check.survey);
    const bootstrap = {
      preview: true as const,
      lockedCategory: null,
      survey: surveyForRespondents(survey),
    };
    const nonce = c.get("secureHeadersNonce") ?? "";
    return c.html(renderSurveyPage(`预览：${survey.title}`, bootstrap, deps.client, nonce));
  });
  return app;
}
