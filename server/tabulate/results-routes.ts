// GET /api/admin/results…: the results view, its picker options and the four downloads. Every one
// goes through the same disclosure plan, is recorded as published, and is written to the audit log.
import { PassThrough, Readable, type Writable } from "node:stream";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AdminEnv } from "../admin/admin-auth.ts";
import { adminRoute, jsonResponse, z } from "../admin/admin-route.ts";
import { recordAudit } from "../admin/audit.ts";
import type { AppDeps } from "../app-deps.ts";
import { writeCsv } from "../export/csv-table.ts";
import { buildDocxReport } from "../export/docx-report.ts";
import type { ExportInput } from "../export/export-input.ts";
import { rawResponses } from "../export/raw-responses.ts";
import { renderReportPage } from "../export/report-page.ts";
import { writeWorkbook } from "../export/xlsx-workbook.ts";
import { dayIn } from "../http/clock.ts";
import { jsonError } from "../http/errors.ts";
import { validationHook } from "../http/validation-hook.ts";
import type { CatalogVersion } from "../surveys/survey-catalog.ts";
import { limitTexts } from "./limit-texts.ts";
import { resultsOptions } from "./results-options.ts";
import {
  ResultsOptionsSchema,
  type ResultsQuery,
  ResultsQuerySchema,
  type Tabulation,
  TabulationSchema,
} from "./results-schemas.ts";
import { tabulate } from "./tabulate.ts";
import { isCategoryBanner } from "./tally.ts";

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
  file: string;
  write(input: ExportInput, out: Writable): Promise<void>;
}

const DOWNLOADS: Download[] = [
  {
    path: "/admin/results/export.xlsx",
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    summary: "Excel workbook: summary, one sheet per question, raw data, codebook (streamed)",
    file: "xlsx",
    write: writeWorkbook,
  },
  {
    path: "/admin/results/export.csv",
    type: "text/csv; charset=utf-8",
    summary: "Every table cell as one CSV record (UTF-8 with BOM; formulas neutralised)",
    file: "csv",
    write: writeCsv,
  },
  {
    path: "/admin/results/report.docx",
    type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    summary: "Narrative report (Word): the figures in sentences, each followed by its table",
    file: "docx",
    write: async (input, out) => {
      out.end(await buildDocxReport(input));
    },
  },
];

export function resultsRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });

  /** The tabulation for a query, published and logged; or the response refusing it. */
  function publish(c: Context<AdminEnv>, query: ResultsQuery, action: string) {
    const version = findVersion(query);
    if (!version) return jsonError(c, 404, "not_found", "没有这份问卷或这个版本");
    const labels = deps.storage.channelLabels();
    const unknown = (query.channel ?? []).find((id) => !labels.has(id));
    if (unknown !== undefined)
      return jsonError(c, 422, "invalid", `没有这个渠道：${unknown}`, [
        { field: "channel", message: "渠道须是 /admin/results/options 列出的渠道编号" },
      ]);
    deps.upkeep.catchUp();
    const outcome = tabulate(deps.storage, deps.ledger, {
      version,
      state: deps.storage.surveyState(version.surveyId) ?? "open",
      banner: query.banner,
      filter: { channels: query.channel ?? null, from: query.from ?? null, to: query.to ?? null },
      asOf: dayIn(deps.timeZone, deps.now()),
    });
    if (!outcome.ok)
      return jsonError(c, 422, "invalid", outcome.message, [
        { field: outcome.field, message: outcome.message },
      ]);
    // The raw sheet lists exactly the responses this tabulation counted: taken in the same tick,
    // before a release can add any.
    const releasedIds = deps.storage.releasedIds(version.id);
    outcome.publish();
    deps.upkeep.noteChanged(); // the ledger now names these responses: rebuild the file soon
    const t: Tabulation = {
      ...outcome.tabulation,
      filters: {
        ...outcome.tabulation.filters,
        channels: (query.channel ?? []).map((id) => labels.get(id) ?? id),
      },
    };
    recordAudit(deps.storage, deps.now(), {
      actor: c.get("actor").admin.username,
      action,
      target: `${t.survey.id} v${t.survey.version}`,
      detail: describeQuery(t.banner.question, query, labels),
    });
    return { version, tabulation: t, releasedIds };
  }

  function findVersion(query: ResultsQuery) {
    if (query.version === undefined) return deps.catalog.current(query.survey);
    const record = deps.storage
      .listVersions()
      .find((v) => v.surveyId === query.survey && v.version === query.version);
    return record ? deps.catalog.byVersionId(record.id) : undefined;
  }

  app.openapi(optionsRoute, (c) => {
    // Versions, channels and days come from responses, not the long table: no catch-up needed.
    const options = resultsOptions(deps, c.req.valid("query").survey);
    if (!options) return jsonError(c, 404, "not_found", "没有这份问卷");
    return c.json(options, 200);
  });

  app.openapi(viewRoute, (c) => {
    const result = publish(c, c.req.valid("query"), "results.view");
    if (result instanceof Response) return result;
    return c.json(limitTexts(result.tabulation), 200);
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
    app.openapi(route, (c) => {
      const result = publish(c, c.req.valid("query"), `results.download.${download.file}`);
      if (result instanceof Response) return result;
      const input = exportInput(deps, result);
      const out = new PassThrough();
      // Streamed: a 100,000-row workbook is never whole in memory. A failure ends the stream.
      download.write(input, out).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : "unknown";
        deps.log(JSON.stringify({ level: "error", route: "download", error: reason }));
        out.destroy(error instanceof Error ? error : new Error("download failed"));
      });
      c.header("Content-Type", download.type);
      c.header("Content-Disposition", attachment(result.tabulation, download.file));
      return c.body(Readable.toWeb(out) as ReadableStream, 200);
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
  app.openapi(reportRoute, (c) => {
    const result = publish(c, c.req.valid("query"), "results.report.html");
    if (result instanceof Response) return result;
    const input = exportInput(deps, result);
    return c.html(renderReportPage(input), 200);
  });
  return app;
}

interface Published {
  version: CatalogVersion;
  tabulation: Tabulation;
  releasedIds: string[];
}

function exportInput(deps: AppDeps, { version, tabulation, releasedIds }: Published): ExportInput {
  const { survey } = version;
  const category = isCategoryBanner(survey, tabulation.banner.question);
  const release = rawResponses(deps.storage, releasedIds, survey, tabulation, category);
  return {
    tabulation,
    survey,
    raw: release.raw,
    rawNote: release.note,
    generatedOn: tabulation.asOf,
  };
}

/** RFC 6266: an ASCII fallback name, and the Chinese one for browsers that read it. */
function attachment(t: ExportInput["tabulation"], extension: string): string {
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
