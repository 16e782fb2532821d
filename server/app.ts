// The HTTP app: mounts one sub-app per domain behind the shared middleware.
import { OpenAPIHono } from "@hono/zod-openapi";
import { accountRoutes } from "./admin/account-routes.ts";
import { authenticateAdmin, refuseCrossSite } from "./admin/admin-auth.ts";
import { auditRoutes } from "./admin/audit-routes.ts";
import { consolePage } from "./admin/console-page.ts";
import { sessionRoutes } from "./admin/session-routes.ts";
import { tokenRoutes } from "./admin/token-routes.ts";
import type { AppDeps } from "./app-deps.ts";
import { batchRoutes } from "./batches/batch-routes.ts";
import { returnsRoute } from "./collection-progress/returns-route.ts";
import { downloadRoutes } from "./export/download-routes.ts";
import { accessLog } from "./http/access-log.ts";
import { bodySizeLimit } from "./http/body-size-limit.ts";
import { handleError, jsonError } from "./http/errors.ts";
import { healthRoute } from "./http/health-route.ts";
import { rateLimit } from "./http/rate-limit.ts";
import { requireJson } from "./http/require-json.ts";
import { securityHeaders } from "./http/security-headers.ts";
import { linkRoutes } from "./links/link-routes.ts";
import { categoryWordingsOf, privacyRoute } from "./privacy/privacy-page.ts";
import { pageRoutes } from "./respondent/page-routes.ts";
import { proofOfWorkRoute } from "./respondent/proof-of-work-route.ts";
import { renderNotice } from "./respondent/render-pages.ts";
import { submitLimit, submitRoute } from "./respondent/submit-route.ts";
import { surveyRoute } from "./respondent/survey-route.ts";
import { draftRoutes } from "./surveys/draft-routes.ts";
import { parseTextRoutes } from "./surveys/parse-text-route.ts";
import { previewPage } from "./surveys/preview-page.ts";
import { spreadsheetRoutes } from "./surveys/spreadsheet-routes.ts";
import { surveyRoutes } from "./surveys/survey-routes.ts";
import { resultsRoutes } from "./tabulate/results-routes.ts";

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono();
  app.use(accessLog(deps.log));
  app.use(securityHeaders(deps.trustedProxies));
  app.use(
    "/api/*",
    bodySizeLimit(deps.bodyLimitBytes, (c) =>
      jsonError(c, "payload_too_large", `请求体超过 ${deps.bodyLimitBytes} 字节的上限`),
    ),
  );
  app.use("/api/*", requireJson());
  // Is this code still unused? Asked at most so often, per address and in all (http/rate-limit.ts).
  const TOO_MANY = "请求过于频繁，请稍等一分钟再试。";
  app.use(
    "/c/*",
    rateLimit(
      () => deps.codeLimiter,
      (c) => c.html(renderNotice("请稍后再试", TOO_MANY), 429),
      deps.trustedProxies,
      () => deps.now().getTime(),
    ),
  );
  app.use(
    "/api/codes/*",
    rateLimit(
      () => deps.codeLimiter,
      (c) => jsonError(c, "too_many_requests", TOO_MANY),
      deps.trustedProxies,
      () => deps.now().getTime(),
    ),
  );

  // Submissions through open links, per address (README: Stuffing); 429 stores nothing.
  app.use("/api/links/:linkId/responses", submitLimit(deps));

  const api = new OpenAPIHono();
  api.route("/", surveyRoute(deps));
  api.route("/", submitRoute(deps));
  api.route("/", proofOfWorkRoute(deps));
  // The console: every route below names its roles (admin/admin-route.ts).
  api.use("/admin/*", refuseCrossSite(deps), authenticateAdmin(deps));
  for (const routes of [
    sessionRoutes,
    accountRoutes,
    tokenRoutes,
    auditRoutes,
    parseTextRoutes,
    surveyRoutes,
    draftRoutes,
    spreadsheetRoutes,
    linkRoutes,
    batchRoutes,
    returnsRoute,
    resultsRoutes,
    downloadRoutes,
  ])
    api.route("/", routes(deps));
  api.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "survey_admin",
    description: "Set by POST /api/admin/login; named __Host-survey_admin over HTTPS.",
  });
  api.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "An API token from POST /api/admin/tokens; acts with its account's role.",
  });
  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Anonymous survey API",
      version: "1",
      description:
        "Respondent routes: fetch a link's or code's survey and submit one anonymous response. Console routes (/admin/…): each lists the roles it allows (x-roles).",
    },
    servers: [{ url: "/api" }],
  });
  app.route("/api", api);
  app.route("/", pageRoutes(deps));
  app.route("/", consolePage(deps));
  app.route("/", previewPage(deps));
  app.route("/", healthRoute(deps.storage));
  app.route("/", privacyRoute(categoryWordingsOf(deps)));
  app.notFound((c) => jsonError(c, "not_found", "没有这个地址"));
  app.onError((error, c) => handleError(error, c, deps.log));
  return app;
}
