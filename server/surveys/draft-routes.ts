// The console's survey drafts: list, create (blank, from a version, from parsed JSON), read, save
// with a revision check, delete. Admins only, every change audited. Drafts are never live.
import { randomBytes } from "node:crypto";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AdminEnv } from "../admin/admin-auth.ts";
import { adminRoute, jsonBody, jsonResponse, z } from "../admin/admin-route.ts";
import { recordAudit } from "../admin/audit.ts";
import type { RouteDeps } from "../app-deps.ts";
import { jsonError } from "../http/errors.ts";
import { validationHook } from "../http/validation-hook.ts";
import type { AdminStore } from "../storage/admin-store.ts";
import type { DraftStore } from "../storage/draft-store.ts";
import type { SurveyStore } from "../storage/storage.ts";
import { draftText } from "./draft-problems.ts";
import { type DraftPublishDeps, draftPublishRoutes } from "./draft-publish-routes.ts";
import {
  DraftSchema,
  DraftSummarySchema,
  NewDraftSchema,
  SaveDraftSchema,
} from "./draft-schemas.ts";
import { type DraftViewDeps, summarizeDraft, viewDraft } from "./draft-view.ts";

const DraftIdParam = z.object({ id: z.string().max(64) });
const One = z.object({ draft: DraftSchema });
const notFound = jsonResponse(z.object({}), "No such draft");

/** What a blank draft starts from: one empty section; the editor fills in the rest. */
const BLANK = {
  id: "",
  title: "",
  variables: {},
  sections: [{ code: "S1", title: "", questions: [] }],
};

/** The audit log's and a draft's time: to the minute. */
export const minuteOf = (now: Date) => `${now.toISOString().slice(0, 16)}Z`;

const list = adminRoute(["admin"], {
  method: "get",
  path: "/admin/drafts",
  summary: "Survey drafts, newest first, each with its number of problems",
  responses: { 200: jsonResponse(z.object({ drafts: z.array(DraftSummarySchema) }), "Drafts") },
});

const create = adminRoute(["admin"], {
  method: "post",
  path: "/admin/drafts",
  summary: "Start a draft: blank, from a survey version, or from any survey JSON",
  request: { body: jsonBody(NewDraftSchema) },
  responses: { 201: jsonResponse(One, "Created"), 404: notFound },
});

const read = adminRoute(["admin"], {
  method: "get",
  path: "/admin/drafts/{id}",
  summary: "One draft: its JSON, its problems (as `survey check` words them) and its revision",
  request: { params: DraftIdParam },
  responses: { 200: jsonResponse(One, "The draft"), 404: notFound },
});

const save = adminRoute(["admin"], {
  method: "put",
  path: "/admin/drafts/{id}",
  summary: "Save the whole survey JSON; it may still be invalid",
  request: { params: DraftIdParam, body: jsonBody(SaveDraftSchema) },
  responses: {
    200: jsonResponse(One, "Saved, with its problems"),
    404: notFound,
    409: jsonResponse(z.object({}), "Saved by someone else since `revision`: nothing was changed"),
  },
});

const remove = adminRoute(["admin"], {
  method: "delete",
  path: "/admin/drafts/{id}",
  summary: "Delete a draft (a published version is never affected)",
  description: "The body is `{}`: every state change here is JSON (415 otherwise).",
  request: { params: DraftIdParam, body: jsonBody(z.object({}).strict()) },
  responses: { 200: jsonResponse(z.object({ id: z.string() }), "Deleted"), 404: notFound },
});

/** Its own domain whole; a version to start from; the audit (read back to fold repeated saves). */
type DraftRouteDeps = DraftPublishDeps &
  DraftViewDeps &
  RouteDeps<
    "now",
    DraftStore &
      Pick<SurveyStore, "listVersions" | "getSurveyVersion"> &
      Pick<AdminStore, "appendAudit" | "listAudit">
  >;

export function draftRoutes(deps: DraftRouteDeps) {
  const app = new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });
  const actorOf = (c: Context<AdminEnv>) => c.get("actor").admin.username;
  const tooBig = (c: Context, reason: string) =>
    jsonError(c, "invalid", `问卷内容${reason}，未保存`, [{ field: "survey", message: reason }]);

  app.openapi(list, async (c) => {
    const drafts = [];
    for (const draft of await deps.storage.listDrafts())
      drafts.push(await summarizeDraft(deps, draft));
    return c.json({ drafts }, 200);
  });

  app.openapi(create, async (c) => {
    const body = c.req.valid("json");
    let survey: unknown = BLANK;
    let basedOnVersionId: number | null = null;
    let detail = "空白";
    if (body.source === "version") {
      const found = (await deps.storage.listVersions()).find(
        (v) => v.surveyId === body.surveyId && v.version === body.version,
      );
      const record = found && (await deps.storage.getSurveyVersion(found.id));
      if (!record) return jsonError(c, "not_found", "没有这份问卷或这个版本");
      survey = JSON.parse(record.definition);
      basedOnVersionId = record.id;
      detail = `由 ${record.surveyId} v${record.version}`;
    } else if (body.source === "survey") {
      survey = body.survey;
      detail = "由导入的内容";
    }
    const text = draftText(survey);
    if (!text.ok) return tooBig(c, text.reason);
    const now = deps.now();
    const draft = await deps.storage.createDraft({
      id: randomBytes(12).toString("base64url"),
      definition: text.text,
      basedOnVersionId,
      updatedAt: minuteOf(now),
    });
    await recordAudit(deps.storage, now, {
      actor: actorOf(c),
      action: "draft.create",
      target: draft.id,
      detail,
    });
    return c.json({ draft: await viewDraft(deps, draft) }, 201);
  });

  app.openapi(read, async (c) => {
    const draft = await deps.storage.getDraft(c.req.valid("param").id);
    if (!draft) return jsonError(c, "not_found", "没有这份草稿");
    return c.json({ draft: await viewDraft(deps, draft) }, 200);
  });

  app.openapi(save, async (c) => {
    const { id } = c.req.valid("param");
    const { survey, revision } = c.req.valid("json");
    if (!(await deps.storage.getDraft(id))) return jsonError(c, "not_found", "没有这份草稿");
    const text = draftText(survey);
    if (!text.ok) return tooBig(c, text.reason);
    const now = deps.now();
    const saved = await deps.storage.saveDraft(id, revision, text.text, minuteOf(now));
    if (saved.kind === "missing") return jsonError(c, "not_found", "没有这份草稿");
    if (saved.kind === "stale")
      return jsonError(c, "conflict", "这份草稿已被他人修改：请重新打开，再做修改", [
        { field: "revision", message: "不是草稿的最新修订号" },
      ]);
    await auditSave(deps, now, actorOf(c), id);
    return c.json({ draft: await viewDraft(deps, saved.value) }, 200);
  });

  app.openapi(remove, async (c) => {
    const { id } = c.req.valid("param");
    if (!(await deps.storage.deleteDraft(id))) return jsonError(c, "not_found", "没有这份草稿");
    await recordAudit(deps.storage, deps.now(), {
      actor: actorOf(c),
      action: "draft.delete",
      target: id,
    });
    return c.json({ id }, 200);
  });

  app.route("/", draftPublishRoutes(deps));
  return app;
}

/**
 * One line per draft, account and minute: an editor saving every few seconds would otherwise
 * bury everything else in the log. The minute is all the log keeps anyway.
 */
async function auditSave(
  deps: RouteDeps<never, Pick<AdminStore, "appendAudit" | "listAudit">>,
  now: Date,
  actor: string,
  id: string,
) {
  const [last] = await deps.storage.listAudit(1, null);
  const same = last?.action === "draft.save" && last.actor === actor && last.target === id;
  if (same && last.at === minuteOf(now)) return;
  await recordAudit(deps.storage, now, { actor, action: "draft.save", target: id });
}
