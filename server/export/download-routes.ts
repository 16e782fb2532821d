// GET /api/admin/results/export.xlsx, .csv, report.docx and report.html: the downloads, each
// published and audited like the view (tabulate/publish-results.ts), the file written by the
// results worker (worker/) and streamed, so a 100,000-row workbook is never whole in memory.
import { Readable } from "node:stream";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { AdminEnv } from "../admin/admin-auth.ts";
import { adminRoute, z } from "../admin/admin-route.ts";
import { validationHook } from "../http/validation-hook.ts";
import type { DownloadFormat, PublishedSummary } from "../tabulate/publication.ts";
import {
  ANALYSIS,
  createPublisher,
  notFound,
  type PublisherDeps,
} from "../tabulate/publish-results.ts";
import { ResultsQuerySchema } from "../tabulate/results-schemas.ts";

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

export function downloadRoutes(deps: PublisherDeps) {
  const app = new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });
  const publish = createPublisher(deps);

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
