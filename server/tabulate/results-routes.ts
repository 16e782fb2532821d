// GET /api/admin/results…: the results view, its picker options and the four downloads. Every one
// goes through the same disclosure plan, is recorded as published, and is written to the audit log.
// The tabulation and the files are computed by the results worker (worker/), off the event loop.
import { Readable } from "node:stream";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AdminEnv } from "../admin/admin-auth.ts";
import { adminRoute, jsonResponse, z } from "../admin/admin-route.ts";
import { recordAudit } from "../admin/audit.ts";
import type { AppDeps } from "../app-deps.ts";
import { dayIn } from "../http/clock.ts";
import { jsonError } from "../http/errors.ts";
import { validationHook } from "../http/validation-hook.ts";
import { heldFor } from "../responses/releases.ts";
import { resultsOptions } from "./results-options.ts";
import {
  ResultsOptionsSchema,
  type ResultsQuery,
  ResultsQuerySchema,
  TabulationSchema,
} from "./results-schemas.ts";
import type { DownloadFormat, PublishedSummary } from "./worker/results-messages.ts";
import { ResultsUnavailableError } from "./worker/results-pool.ts";

const ANALYSIS = ["admin", "analyst"] as const;
const notFound = jsonResponse(z.object({}), "No such survey or version");

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

interface Download {
  path: string;
  type: string;
  summary: string;
  /** The worker's writer (worker/export-writers.ts) and the file name's extension. */
  file: Exclude<DownloadFormat, "html">;
}

const DOWNLOADS: Download[] = [
  {
    path: "/admin/results/export.xlsx",
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    summary: "Excel workbook: summary, one sheet per question, raw data, codebook (streamed)",
    file: "xlsx",
  },
  {
    path: "/admin/results/export.csv",
    type: "text/csv; charset=utf-8",
    summary: "Every table cell as one CSV record (UTF-8 with BOM; formulas neutralised)",
    file: "csv",
  },
  {
    path: "/admin/results/report.docx",
    type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    summary: "Narrative report (Word): the figures in sentences, each followed by its table",
    file: "docx",
  },
];

export function resultsRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });

  /** The tabulation for a query (and its file), published and logged; or the response refusing it. */
  async function publish(
    c: Context<AdminEnv>,
    query: ResultsQuery,
    action: string,
    download: DownloadFormat | null,
  ) {
    const version = await findVersion(query);
    if (!version) return jsonError(c, "not_found", "没有这份问卷或这个版本");
    const labels = await deps.storage.channelLabels();
    const unknown = (query.channel ?? []).find((id) => !labels.has(id));
    if (unknown !== undefined)
      return jsonError(c, "invalid", `没有这个渠道：${unknown}`, [
        { field: "channel", message: "渠道须是 /admin/results/options 列出的渠道编号" },
      ]);
    const state = (await deps.storage.surveyState(version.surveyId)) ?? "open";
    const request = {
      version,
      state,
      // Closed: whatever still waits is held for good (responses/releases.ts); say how many.
      held: state === "closed" ? await heldFor(deps.storage, deps.catalog, version.id) : 0,
      banner: query.banner,
      filter: { channels: query.channel ?? null, from: query.from ?? null, to: query.to ?? null },
      asOf: dayIn(deps.timeZone, deps.now()),
    };
    const channelLabels = (query.channel ?? []).map((id) => labels.get(id) ?? id);
    // The worker catches the long table up first, publishes, and the ledger write is on disk
    // before this resolves.
    let outcome: Awaited<ReturnType<typeof deps.results.run>>;
    try {
      outcome = await deps.results.run(request, channelLabels, download);
    } catch (error) {
      if (!(error instanceof ResultsUnavailableError)) throw error;
      return jsonError(c, "unavailable", "结果暂时无法计算，请稍后重试");
    }
    if (!outcome.ok)
      return jsonError(c, "invalid", outcome.message, [
        { field: outcome.field, message: outcome.message },
      ]);
    deps.upkeep.noteChanged(); // the ledger now names these responses: rebuild the file soon
    const { published } = outcome;
    try {
      await recordAudit(deps.storage, deps.now(), {
        actor: c.get("actor").admin.username,
        action,
        target: `${published.survey.id} v${published.survey.version}`,
        detail: describeQuery(published.banner, query, labels),
      });
    } catch (error) {
      outcome.file?.destroy(); // stops the worker writing a file no one will read
      throw error;
    }
    return outcome;
  }

  async function findVersion(query: ResultsQuery) {
    if (query.version === undefined) return await deps.catalog.current(query.survey);
    const record = (await deps.storage.listVersions()).find(
      (v) => v.surveyId === query.survey && v.version === query.version,
    );
    return record ? await deps.catalog.byVersionId(record.id) : undefined;
  }

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

  for (const download of DOWNLOADS) {
    const route = adminRoute(ANALYSIS, {
      method: "get",
      path: download.path,
      summary: download.summary,
      request: { query: ResultsQuerySchema },
      responses: {
        200: { content: { [download.type]: { schema: z.string() } }, description: "The file" },
        404: notFound,
      },
    });
    app.openapi(route, async (c) => {
      const query = c.req.valid("query");
      const result = await publish(c, query, `results.download.${download.file}`, download.file);
      if (result instanceof Response) return result;
      c.header("Content-Type", download.type);
      c.header("Content-Disposition", attachment(result.published, download.file));
      return c.body(webStream(result.file), 200);
    });
  }

  const reportRoute = adminRoute(ANALYSIS, {
    method: "get",
    path: "/admin/results/report.html",
    summary: "Printable narrative report (A4 HTML): the same content as the Word report",
    request: { query: ResultsQuerySchema },
    responses: {
      200: { content: { "text/html": { schema: z.string() } }, description: "The report" },
      404: notFound,
    },
  });
  app.openapi(reportRoute, async (c) => {
    const result = await publish(c, c.req.valid("query"), "results.report.html", "html");
    if (result instanceof Response) return result;
    c.header("Content-Type", "text/html; charset=UTF-8");
    return c.body(webStream(result.file), 200);
  });
  return app;
}

/** The worker's file as a response body; streamed, so a 100,000-row workbook is never whole. */
function webStream(file: Readable | null): ReadableStream {
  if (!file) throw new Error("the results worker sent no file for a download");
  return Readable.toWeb(file) as ReadableStream;
}

/** RFC 6266: an ASCII fallback name, and the Chinese one for browsers that read it. */
function attachment(t: PublishedSummary, extension: string): string {
  const name = encodeURIComponent(`${t.survey.title}-结果-${t.asOf}.${extension}`);
  return `attachment; filename="results-${t.survey.id}-${t.asOf}.${extension}"; filename*=UTF-8''${name}`;
}

/**
 * What was asked, for the audit log: the banner and the filters. Never how many responses it
 * covered: a log of counts with times would time the submissions between two views.
 */
function describeQuery(banner: string, query: ResultsQuery, labels: Map<string, string>): string {
  const parts = [`列=${banner}`];
  if (query.channel)
    parts.push(`渠道=${query.channel.map((id) => labels.get(id) ?? id).join("、")}`);
  if (query.from || query.to) parts.push(`日期=${query.from ?? "…"}~${query.to ?? "…"}`);
  return parts.join(" ");
}
