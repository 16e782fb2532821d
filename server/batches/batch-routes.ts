// The console's code batch routes: create N single-use codes, print their slips, revoke them.
// Only counts leave this module: which codes were used is never shown.
import { OpenAPIHono } from "@hono/zod-openapi";
import { compress } from "hono/compress";
import { nanoid } from "nanoid";
import type { AdminEnv } from "../admin/admin-auth.ts";
import { adminRoute, jsonBody, jsonResponse, z } from "../admin/admin-route.ts";
import { recordAudit } from "../admin/audit.ts";
import type { RouteDeps } from "../app-deps.ts";
import { type ReleasedCount, releasedCounts } from "../collection-progress/released-counts.ts";
import { dayIn } from "../http/clock.ts";
import { jsonError } from "../http/errors.ts";
import { validationHook } from "../http/validation-hook.ts";
import type { BatchRecord } from "../storage/admin-records.ts";
import type { AdminStore } from "../storage/admin-store.ts";
import type { BatchStore } from "../storage/batch-store.ts";
import type { ResponseStore } from "../storage/storage.ts";
import type { CatalogVersion } from "../surveys/survey-catalog.ts";
import { categoryLabel, currentVersions } from "../surveys/survey-summary.ts";
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

/** Its own domain whole; released counts per channel (never the codes used) and the audit. */
type BatchRouteDeps = RouteDeps<
  "catalog" | "now" | "publicBase" | "timeZone",
  BatchStore & Pick<ResponseStore, "countByChannel"> & Pick<AdminStore, "appendAudit">
>;

export function batchRoutes(deps: BatchRouteDeps) {
  const app = new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });
  // 1,652 slips are ~3.7 MB of inline SVG, ~0.5 MB gzipped.
  app.use("/admin/batches/:id/slips", compress());
  /** Each survey's counts and current version are read once for the whole list. */
  const views = async (batches: BatchRecord[]): Promise<BatchView[]> => {
    const surveyIds = batches.map((b) => b.surveyId);
    const released = await releasedCounts(deps.storage, surveyIds);
    const versions = await currentVersions(deps, surveyIds);
    return batches.map((batch) => view(batch, released, versions.get(batch.surveyId)));
  };
  const viewOne = async (batch: BatchRecord) =>
    view(
      batch,
      await releasedCounts(deps.storage, [batch.surveyId]),
      await deps.catalog.current(batch.surveyId),
    );
  const view = (
    batch: BatchRecord,
    released: ReleasedCount,
    version: CatalogVersion | undefined,
  ): BatchView => ({
    id: batch.id,
    surveyId: batch.surveyId,
    label: batch.label,
    category: batch.lockedCategory,
    categoryLabel: categoryLabel(version, batch.lockedCategory),
    issued: batch.issued,
    // Released responses, like the returns monitor: never the exact number of codes used.
    used: released(batch.surveyId, batch.channelId),
    revoked: batch.revoked,
    state: batch.state,
    createdAt: batch.createdAt,
  });

  app.openapi(list, async (c) => {
    const { survey } = c.req.valid("query");
    const batches = (await deps.storage.listBatches()).filter(
      (b) => !survey || b.surveyId === survey,
    );
    return c.json({ batches: await views(batches) }, 200);
  });

  app.openapi(create, async (c) => {
    const body = c.req.valid("json");
    const problem = await checkBatchRequest(deps.catalog, body);
    if (problem) return jsonError(c, "invalid", problem.message, [problem]);
    const now = deps.now();
    const batch = await deps.storage.createBatch(
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
    await recordAudit(deps.storage, now, {
      actor: c.get("actor").admin.username,
      action: "batch.create",
      target: batch.label,
      detail: `${batch.issued} 个码 category=${batch.lockedCategory ?? "-"}`,
    });
    return c.json({ batch: await viewOne(batch) }, 201);
  });

  app.openapi(slips, async (c) => {
    const batch = await deps.storage.getBatch(c.req.valid("param").id);
    if (!batch) return jsonError(c, "not_found", "没有这个批次");
    const now = deps.now();
    // Whoever holds the slips can answer: printing them is worth a line in the audit log.
    await recordAudit(deps.storage, now, {
      actor: c.get("actor").admin.username,
      action: "batch.slips",
      target: batch.label,
      detail: `${batch.issued} 张`,
    });
    const version = await deps.catalog.current(batch.surveyId);
    const codes = await deps.storage.batchCodes(batch.id);
    const page = renderSlipSheet({
      surveyTitle: version?.survey.title ?? batch.surveyId,
      batchLabel: batch.label,
      categoryLabel: categoryLabel(version, batch.lockedCategory),
      urls: codes.map((code) => codeUrl(deps.publicBase, code)),
      printedOn: dayIn(deps.timeZone, now),
    });
    return c.html(page, 200);
  });

  app.openapi(revoke, async (c) => {
    const batch = await deps.storage.getBatch(c.req.valid("param").id);
    if (!batch) return jsonError(c, "not_found", "没有这个批次");
    const { codes } = c.req.valid("json");
    let matched = batch.issued;
    if (codes === undefined) await deps.storage.revokeBatch(batch.id);
    else matched = await deps.storage.revokeCodes(batch.id, codes.map(codeFromInput));
    await recordAudit(deps.storage, deps.now(), {
      actor: c.get("actor").admin.username,
      action: codes === undefined ? "batch.revoke" : "batch.revoke-codes",
      target: batch.label,
      detail: codes === undefined ? "整批作废" : `${matched} 个码`,
    });
    const after = (await deps.storage.getBatch(batch.id)) ?? batch;
    return c.json({ batch: await viewOne(after), matched }, 200);
  });
  return app;
}
