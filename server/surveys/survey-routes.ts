// The console's survey routes: list surveys with versions and response counts, import a new
// version (checked exactly as files are at start), open or close a survey, set the sample plan.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { parseSurvey } from "../../surveys/format/parse-survey.ts";
import type { AdminEnv } from "../admin/admin-auth.ts";
import { ANY_ROLE, adminRoute, jsonBody, jsonResponse, z } from "../admin/admin-route.ts";
import { recordAudit } from "../admin/audit.ts";
import type { RouteDeps } from "../app-deps.ts";
import { jsonError } from "../http/errors.ts";
import { validationHook } from "../http/validation-hook.ts";
import type { AdminStore } from "../storage/admin-store.ts";
import type { SurveyStore } from "../storage/storage.ts";
import { type ImportDeps, importVersion } from "./import-version.ts";
import {
  ImportResultSchema,
  SurveyStateBodySchema,
  SurveySummarySchema,
  TargetsBodySchema,
} from "./survey-schemas.ts";
import {
  findSurveySummary,
  listSurveySummaries,
  type SurveySummaryDeps,
} from "./survey-summary.ts";

const One = z.object({ survey: SurveySummarySchema });
const IdParam = z.object({ id: z.string().max(64) });
const IMPORT_SOURCE = "上传的问卷";

const list = adminRoute(ANY_ROLE, {
  method: "get",
  path: "/admin/surveys",
  summary: "Surveys with their versions, response counts, state and targets",
  responses: { 200: jsonResponse(z.object({ surveys: z.array(SurveySummarySchema) }), "Surveys") },
});

const importSurvey = adminRoute(["admin"], {
  method: "post",
  path: "/admin/surveys",
  summary: "Import a survey JSON file as a new version (or a new survey)",
  description:
    "The body is the survey file itself (surveys/format/survey.schema.json). It is checked with the same rules as files at start; errors name the JSON path.",
  request: { body: jsonBody(z.unknown().openapi({ description: "A survey file" })) },
  responses: {
    201: jsonResponse(ImportResultSchema, "A new version, now current"),
    200: jsonResponse(ImportResultSchema, "The same content was already a version; it is current"),
  },
});

const setState = adminRoute(["admin"], {
  method: "post",
  path: "/admin/surveys/{id}/state",
  summary:
    "Close a survey for good: no link or code takes responses, and what waits is released. A closed survey is never reopened.",
  request: { params: IdParam, body: jsonBody(SurveyStateBodySchema) },
  responses: {
    200: jsonResponse(One, "Updated"),
    404: jsonResponse(z.object({}), "No such survey"),
    409: jsonResponse(z.object({}), "The survey is closed: it cannot be reopened"),
  },
});

const setTargets = adminRoute(["admin", "distributor"], {
  method: "put",
  path: "/admin/surveys/{id}/targets",
  summary: "Set the sample plan: completed questionnaires wanted in all and per category",
  request: { params: IdParam, body: jsonBody(TargetsBodySchema) },
  responses: {
    200: jsonResponse(One, "Updated"),
    404: jsonResponse(z.object({}), "No such survey"),
  },
});

/** Its own domain whole (import, state, targets); upkeep releases what waits when one closes. */
type SurveyRouteDeps = ImportDeps &
  SurveySummaryDeps &
  RouteDeps<"now" | "upkeep", SurveyStore & Pick<AdminStore, "appendAudit">>;

export function surveyRoutes(deps: SurveyRouteDeps) {
  const app = new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });
  const actorOf = (c: Context<AdminEnv>) => c.get("actor").admin.username;

  app.openapi(list, async (c) => c.json({ surveys: await listSurveySummaries(deps) }, 200));

  app.openapi(importSurvey, async (c) => {
    const parsed = parseSurvey(c.req.valid("json"), IMPORT_SOURCE);
    if (!parsed.ok) {
      const fields = parsed.errors.map((error) => {
        const rest = error.slice(IMPORT_SOURCE.length + 2);
        const cut = rest.indexOf(": ");
        return cut > 0
          ? { field: rest.slice(0, cut), message: rest.slice(cut + 2) }
          : { field: "(body)", message: rest };
      });
      return jsonError(c, "invalid", "问卷文件有错误，未导入", fields);
    }
    const { record, created } = await importVersion(deps, parsed.survey, {
      actor: actorOf(c),
      action: "survey.import",
    });
    const result = { surveyId: record.surveyId, version: record.version, created };
    return c.json(result, created ? 201 : 200);
  });

  app.openapi(setState, async (c) => {
    const { id } = c.req.valid("param");
    const before = await deps.storage.surveyState(id);
    if (!before) return jsonError(c, "not_found", "没有这份问卷");
    const { state } = c.req.valid("json");
    // Closing releases every waiting response, however few; closing and reopening at will would
    // let anyone release one person's response alone. Pausing links stops collection for a while.
    if (before === "closed" && state === "open")
      return jsonError(
        c,
        "conflict",
        "问卷已结束收集，不能重新开放：结束时尚在等待的答卷已全部发布。如需暂停收集，请暂停发放链接；如需继续调查，请导入新的问卷。",
        [{ field: "state", message: "已结束收集的问卷不能重新开放" }],
      );
    await deps.storage.setSurveyState(id, state);
    // Closed: whatever still waits for its cohort is released now (responses/releases.ts).
    if (state === "closed") await deps.upkeep.catchUp();
    await recordAudit(deps.storage, deps.now(), {
      actor: actorOf(c),
      action: "survey.state",
      target: id,
      detail: state,
    });
    const survey = await findSurveySummary(deps, id);
    return survey ? c.json({ survey }, 200) : jsonError(c, "not_found", "没有这份问卷");
  });

  app.openapi(setTargets, async (c) => {
    const { id } = c.req.valid("param");
    const before = await findSurveySummary(deps, id);
    if (!before) return jsonError(c, "not_found", "没有这份问卷");
    const targets = c.req.valid("json");
    const known = new Set(before.categories.map((k) => k.code));
    const unknown = Object.keys(targets.categories).filter((code) => !known.has(code));
    if (unknown.length > 0)
      return jsonError(
        c,
        "invalid",
        "目标中有问卷没有的类别",
        unknown.map((code) => ({ field: `categories.${code}`, message: "不是本问卷的类别代码" })),
      );
    await deps.storage.setTargets(id, targets);
    await recordAudit(deps.storage, deps.now(), {
      actor: actorOf(c),
      action: "survey.targets",
      target: id,
      detail: JSON.stringify(targets),
    });
    const survey = await findSurveySummary(deps, id);
    return survey ? c.json({ survey }, 200) : jsonError(c, "not_found", "没有这份问卷");
  });
  return app;
}
