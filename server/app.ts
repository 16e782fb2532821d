// The HTTP app: mounts one sub-app per domain behind the shared middleware.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppDeps } from "./app-deps.ts";
import { accessLog } from "./http/access-log.ts";
import { bodySizeLimit } from "./http/body-size-limit.ts";
import { handleError, jsonError } from "./http/errors.ts";
import { requireJson } from "./http/require-json.ts";
import { securityHeaders } from "./http/security-headers.ts";
import { pageRoutes } from "./respond/page-routes.ts";
import { surveyRoute } from "./respond/survey-route.ts";
import { submitRoute } from "./responses/submit-route.ts";

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono();
  app.use(accessLog(deps.log));
  app.use(securityHeaders());
  app.use(
    "/api/*",
    bodySizeLimit(deps.bodyLimitBytes, (c) =>
      jsonError(c, 413, "payload_too_large", `请求体超过 ${deps.bodyLimitBytes} 字节的上限`),
    ),
  );
  app.use("/api/*", requireJson());

  const api = new OpenAPIHono();
  api.route("/", surveyRoute(deps));
  api.route("/", submitRoute(deps));
  api.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Anonymous survey API",
      version: "1",
      description: "Respondent API: fetch a link's survey and submit one anonymous response.",
    },
  });
  app.route("/api", api);
  app.route("/", pageRoutes(deps));
  // Counts only: how many responses are stored and how many still wait for the long table.
  app.get("/healthz", (c) =>
    c.json({
      ok: true,
      responses: deps.storage.countResponses(),
      pendingAnswers: deps.storage.pendingAnswerCount(),
    }),
  );
  app.notFound((c) => jsonError(c, 404, "not_found", "没有这个地址"));
  app.onError(handleError);
  return app;
}
