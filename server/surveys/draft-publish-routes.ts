// A draft's way out: the diff against the current version, publishing it as a frozen version
// (the import's own path), and the respondent view its phone preview loads. Admins only.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { resolveSurvey } from "../../surveys/format/resolve-survey.ts";
import { surveyForRespondents } from "../../surveys/format/respondent-view.ts";
import type { AdminEnv } from "../admin/admin-auth.ts";
import { adminRoute, jsonBody, jsonResponse, z } from "../admin/admin-route.ts";
import type { RouteDeps } from "../app-deps.ts";
import { dayIn } from "../http/clock.ts";
import { jsonError } from "../http/errors.ts";
import { validationHook } from "../http/validation-hook.ts";
import type { DraftStore } from "../storage/draft-store.ts";
import { type DraftDiffDeps, diffDraft } from "./draft-diff.ts";
import { checkDraft, type DraftProblem } from "./draft-problems.ts";
import { DraftDiffSchema, PublishDraftSchema, PublishedSchema } from "./draft-schemas.ts";
import { draftJson } from "./draft-view.ts";
import { versionAudit } from "./import-version.ts";
import { newVersion } from "./survey-catalog.ts";

const DraftIdParam = z.object({ id: z.string().max(64) });
const notFound = jsonResponse(z.object({}), "No such draft");

/** The same shape as GET /api/links/{linkId}/survey, for a draft: nothing can be submitted to it. */
const PreviewSchema = z
  .object({
    linkId: z.string().openapi({ description: "preview-{draftId}: no link has such an id." }),
    version: z
      .literal(0)
      .openapi({ description: "0: no survey version; a submission is refused." }),
    lockedCategory: z.null(),
    survey: z.unknown().openapi({ description: "The respondent view, variables filled in." }),
  })
  .openapi("DraftPreview");

const diff = adminRoute(["admin"], {
  method: "get",
  path: "/admin/drafts/{id}/diff",
  summary: "What publishing changes against the current version, and what it means for results",
  request: { params: DraftIdParam },
  responses: { 200: jsonResponse(DraftDiffSchema, "The differences"), 404: notFound },
});

const publish = adminRoute(["admin"], {
  method: "post",
  path: "/admin/drafts/{id}/publish",
  summary: "Publish the draft as a new frozen version, now current, and delete the draft",
  description:
    "Exactly as POST /admin/surveys imports the same JSON. 422 lists the problems (fields[].field is the dotted path) and changes nothing.",
  request: { params: DraftIdParam, body: jsonBody(PublishDraftSchema) },
  responses: {
    201: jsonResponse(PublishedSchema, "A new version, now current"),
    200: jsonResponse(PublishedSchema, "The same content was already a version; it is current"),
    404: notFound,
    409: jsonResponse(
      z.object({}),
      "Saved by someone else since `revision`: nothing was published",
    ),
  },
});

const preview = adminRoute(["admin"], {
  method: "get",
  path: "/admin/drafts/{id}/preview-survey",
  summary: "The draft as a respondent's phone would receive it (for the preview page)",
  request: { params: DraftIdParam },
  responses: { 200: jsonResponse(PreviewSchema, "The respondent view"), 404: notFound },
});

const invalid = (c: Context, message: string, problems: DraftProblem[]) =>
  jsonError(
    c,
    "invalid",
    message,
    problems.map((p) => ({ field: p.path, message: p.message })),
  );

/** publishDraft registers the version and writes its audit line in one transaction. */
export type DraftPublishDeps = DraftDiffDeps &
  RouteDeps<"now" | "timeZone", Pick<DraftStore, "getDraft" | "publishDraft">>;

export function draftPublishRoutes(deps: DraftPublishDeps) {
  const app = new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });

  app.openapi(diff, async (c) => {
    const draft = await deps.storage.getDraft(c.req.valid("param").id);
    if (!draft) return jsonError(c, "not_found", "没有这份草稿");
    return c.json(await diffDraft(deps, draft), 200);
  });

  app.openapi(publish, async (c) => {
    const { id } = c.req.valid("param");
    const { revision } = c.req.valid("json");
    const draft = await deps.storage.getDraft(id);
    if (!draft) return jsonError(c, "not_found", "没有这份草稿");
    const check = checkDraft(draftJson(draft));
    if (!check.ok) return invalid(c, "草稿还有问题，未发布", check.problems);
    const actor = c.get("actor").admin.username;
    // The revision is checked again inside the transaction that registers the version.
    const now = deps.now();
    const version = newVersion(check.survey, dayIn(deps.timeZone, now), "always");
    const audit = { actor, action: "survey.publish", note: `（草稿 ${id}）` };
    const outcome = await deps.storage.publishDraft(id, revision, version, (registered) =>
      versionAudit(now, audit, registered),
    );
    if (outcome.kind === "missing") return jsonError(c, "not_found", "没有这份草稿");
    if (outcome.kind === "stale")
      return jsonError(c, "conflict", "这份草稿已被他人修改：请重新打开、检查后再发布", [
        { field: "revision", message: "不是草稿的最新修订号" },
      ]);
    const { record, created } = outcome.value;
    const result = { surveyId: record.surveyId, version: record.version, created };
    return c.json(result, created ? 201 : 200);
  });

  app.openapi(preview, async (c) => {
    const { id } = c.req.valid("param");
    const draft = await deps.storage.getDraft(id);
    if (!draft) return jsonError(c, "not_found", "没有这份草稿");
    const check = checkDraft(draftJson(draft));
    if (!check.ok) return invalid(c, "草稿还有问题，改正后才能预览", check.problems);
    const survey = surveyForRespondents(resolveSurvey(check.survey));
    return c.json(
      { linkId: `preview-${id}`, version: 0 as const, lockedCategory: null, survey },
      200,
    );
  });
  return app;
}
