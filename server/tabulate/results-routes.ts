// GET /api/admin/results and /results/options: the results view and its picker options. The view
// is published and audited like every download (publish-results.ts); the tabulation is computed
// by the results worker (export/worker/), off the event loop.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { AdminEnv } from "../admin/admin-auth.ts";
import { adminRoute, jsonResponse, z } from "../admin/admin-route.ts";
import { jsonError } from "../http/errors.ts";
import { validationHook } from "../http/validation-hook.ts";
import { ANALYSIS, createPublisher, notFound, type PublisherDeps } from "./publish-results.ts";
import { type ResultsOptionsDeps, resultsOptions } from "./results-options.ts";
import { ResultsOptionsSchema, ResultsQuerySchema, TabulationSchema } from "./results-schemas.ts";

const optionsRoute = adminRoute(ANALYSIS, {
  method: "get",
  path: "/admin/results/options",
  summary: "What the results pickers offer: versions, banner questions, channels, days",
  request: { query: z.object({ survey: z.string().max(64) }) },
  responses: { 200: jsonResponse(ResultsOptionsSchema, "Options"), 404: notFound },
});

const viewRoute = adminRoute(ANALYSIS, {
  method: "get",
  path: "/admin/results",
  summary: "Banner tables for every question, with groups under k hidden; logged as a view",
  request: { query: ResultsQuerySchema },
  responses: { 200: jsonResponse(TabulationSchema, "The tabulation"), 404: notFound },
});

export function resultsRoutes(deps: PublisherDeps & ResultsOptionsDeps) {
  const app = new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });
  const publish = createPublisher(deps);

  app.openapi(optionsRoute, async (c) => {
    // Versions, channels and days come from responses, not the long table: no catch-up needed.
    const options = await resultsOptions(deps, c.req.valid("query").survey);
    if (!options) return jsonError(c, "not_found", "没有这份问卷");
    return c.json(options, 200);
  });

  app.openapi(viewRoute, async (c) => {
    const result = await publish(c, c.req.valid("query"), "results.view", null);
    if (result instanceof Response) return result;
    // limitTexts(tabulation) as JSON, serialised by the worker: a large object off the event loop.
    if (result.view === null) throw new Error("the results worker sent no view");
    c.header("Content-Type", "application/json");
    return c.body(result.view, 200);
  });

  return app;
}
