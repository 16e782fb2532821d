// The console's code batch routes: create N single-use codes, print their slips, revoke them.
// Only counts leave this module: which codes were used is never shown.
import { OpenAPIHono } from "@hono/zod-openapi";
import { compress } from "hono/compress";
import { nanoid } from "nanoid";
import type { AdminEnv } from "../admin/admin-auth.ts";
import { adminRoute, jsonBody, jsonResponse, z } from "../admin/admin-route.ts";
import { recordAudit } from "../admin/audit.ts";
import type { AppDeps } from "../app-deps.ts";
import { dayIn } from "../http/clock.ts";
import { jsonError } from "../http/errors.ts";
import { validationHook } from "../http/validation-hook.ts";
import { releasedCounts } from "../returns/released-counts.ts";
import type { BatchRecord } from "../storage/admin-records.ts";
import { categoryLabel } from "../surveys/survey-summary.ts";
import {
  type BatchView,
  BatchViewSchema,
  NewBatchBodySchema,
  RevokeBodySchema,
  RevokeResultSchema,
} from "./batch-schemas.ts";
import { checkBatchRequest, codeFromInput, codeUrl, newCodes } from "./code-batches.ts";
import { renderSlipSheet } from "./slip-sheet.ts";

const DISTRIBUTION = ["admin", "distributor"] as const;
const IdParam = z.object({ id: z.string().max(64) });
const notFound = jsonResponse(z.object({}), "No such batch");

const list = adminRoute(DISTRIBUTION, {
  method: "get",
  path: "/admin/batches",
  summary: "Code batches with issued, used and revoked counts",
  request: { query: z.object({ survey: z.string().max(64).optional() }) },
  responses: { 200: jsonResponse(z.object({ batches: z.array(BatchViewSchema) }), "Batches") },
});

const create = adminRoute(DISTRIBUTION, {
  method: "post",
  path: "/admin/batches",
  summary: "Create a batch of single-use codes (each a URL that opens the survey once)",
  request: { body: jsonBody(NewBatchBodySchema) },
  responses: { 201: jsonResponse(z.object({ batch: BatchViewSchema }), "Created") },
});

const slips = adminRoute(DISTRIBUTION, {
  method: "get",
  path: "/admin/batches/{id}/slips",
  summary: "A4 print page of the batch's slips: QR code, short URL and instructions, cut marks",
  request: { params: IdParam },
  responses: {
    200: { content: { "text/html": { schema: z.string() } }, description: "The slip sheet" },
    404: notFound,
  },
});

const revoke = adminRoute(DISTRIBUTION, {
  method: "post",
  path: "/admin/batches/{id}/revoke",
  summary: "Revoke the whole batch, or the listed codes (lost slips); used codes stay counted",
  request: { params: IdParam, body: jsonBody(RevokeBodySchema) },
  responses: { 200: jsonResponse(RevokeResultSchema, "Revoked"), 404: notFound },
});

export function batchRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });
  // 1,652 slips are ~3.7 MB of inline SVG, ~0.5 MB gzipped.
  app.use("/admin/batches/:id/slips", compress());
  const view = (batch: BatchRecord, released = releasedCounts(deps.storage)): BatchView => ({
    id: batch.id,
    surveyId: batch.surveyId,
    label: batch.label,
    category: batch.lockedCategory,
    categoryLabel: categoryLabel(deps, batch.surveyId, batch.lockedCategory),
    issued: batch.issued,
    // Released responses, like the returns monitor: never the exact number of codes used.
    used: released(batch.surveyId, batch.channelId),
    revoked: batch.revoked,
    state: batch.state,
    createdAt: batch.createdAt,
  });

  app.openapi(list, (c) => {
    const { survey } = c.req.valid("query");
    const batches = deps.storage.listBatches().filter((b) => !survey || b.surveyId === survey);
    const released = releasedCounts(deps.storage);
    return c.json({ batches: batches.map((batch) => view(batch, released)) }, 200);
  });

  app.openapi(create, (c) => {
    const body = c.req.valid("json");
    const problem = checkBatchRequest(deps.catalog, body);
    if (problem) return jsonError(c, 422, "invalid", problem.message, [problem]);
    const now = deps.now();
    const batch = deps.storage.createBatch(
      {
        id: nanoid(),
        surveyId: body.surveyId,
        // What its responses carry instead of the label (README: What is stored).
        channelId: nanoid(),
        label: body.label,
        lockedCategory: body.category ?? null,
        issued: body.count,
        createdAt: now.toISOString(),
      },
      newCodes(body.count),
    );
    recordAudit(deps.storage, now, {
      actor: c.get("actor").admin.username,
      action: "batch.create",
      target: batch.label,
      detail: `${batch.issued} 个码 category=${batch.lockedCategory ?? "-"}`,
    });
    return c.json({ batch: view(batch) }, 201);
  });

  app.openapi(slips, (c) => {
    const batch = deps.storage.getBatch(c.req.valid("param").id);
    if (!batch) return jsonError(c, 404, "not_found", "没有这个批次");
    const now = deps.now();
    // Whoever holds the slips can answer: printing them is worth a line in the audit log.
    recordAudit(deps.storage, now, {
      actor: c.get("actor").admin.username,
      action: "batch.slips",
      target: batch.label,
      detail: `${batch.issued} 张`,
    });
    const page = renderSlipSheet({
      surveyTitle: deps.catalog.current(batch.surveyId)?.survey.title ?? batch.surveyId,
      batchLabel: batch.label,
      categoryLabel: categoryLabel(deps, batch.surveyId, batch.lockedCategory),
      urls: deps.storage.batchCodes(batch.id).map((code) => codeUrl(deps.publicBase, code)),
      printedOn: dayIn(deps.timeZone, now),
    });
    return c.html(page, 200);
  });

  app.openapi(revoke, (c) => {
    const batch = deps.storage.getBatch(c.req.valid("param").id);
    if (!batch) return jsonError(c, 404, "not_found", "没有这个批次");
    const { codes } = c.req.valid("json");
    let matched = batch.issued;
    if (codes === undefined) deps.storage.revokeBatch(batch.id);
    else matched = deps.storage.revokeCodes(batch.id, codes.map(codeFromInput));
    recordAudit(deps.storage, deps.now(), {
      actor: c.get("actor").admin.username,
      action: codes === undefined ? "batch.revoke" : "batch.revoke-codes",
      target: batch.label,
      detail: codes === undefined ? "整批作废" : `${matched} 个码`,
    });
    const after = deps.storage.getBatch(batch.id) ?? batch;
    return c.json({ batch: view(after), matched }, 200);
  });
  return app;
}
