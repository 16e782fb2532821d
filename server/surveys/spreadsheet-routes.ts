// Console routes for editing a survey in Excel or WPS: read an uploaded .xlsx into a survey (saving
// nothing), and write a stored version or a draft as .xlsx. The API takes JSON only, so the upload
// is base64 inside JSON, under the same body limit as every request.
import { OpenAPIHono } from "@hono/zod-openapi";
import { SurveySchema } from "../../surveys/format/schema.ts";
import type { AdminEnv } from "../admin/admin-auth.ts";
import { adminRoute, jsonBody, jsonResponse, z } from "../admin/admin-route.ts";
import type { RouteDeps } from "../app-deps.ts";
import { jsonError } from "../http/errors.ts";
import { toFieldErrors, validationHook } from "../http/validation-hook.ts";
import type { SurveyStore } from "../storage/storage.ts";
import { surveyToXlsx, xlsxFileName, xlsxToSurvey } from "./spreadsheet/survey-xlsx.ts";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** One character class, so a long hostile string cannot make the check backtrack. */
const BASE64 = /^(data:[\w.+/-]+;base64,)?[A-Za-z0-9+/=\s]*$/;

const ProblemSchema = z.object({
  sheet: z.string(),
  row: z.number().int().nullable().openapi({ description: "1-based, as WPS shows it" }),
  column: z.string().nullable().openapi({ description: "A letter, as WPS shows it, e.g. C" }),
  message: z.string(),
});

const file = { content: { [XLSX_TYPE]: { schema: z.string() } }, description: "The .xlsx file" };

const parseXlsx = adminRoute(["admin"], {
  method: "post",
  path: "/admin/surveys/parse-xlsx",
  summary: "Read an uploaded survey spreadsheet (.xlsx) into a survey; saves nothing",
  description:
    "The file is base64 in JSON (a data: URL prefix is allowed). Every problem names its sheet, row and column as WPS shows them; `survey` is set only when there is none, and has then passed every survey check.",
  request: { body: jsonBody(z.object({ fileBase64: z.string().min(1).regex(BASE64) }).strict()) },
  responses: {
    200: jsonResponse(
      z.object({ survey: z.unknown().nullable(), problems: z.array(ProblemSchema) }),
      "The survey, or the problems found",
    ),
  },
});

const versionXlsx = adminRoute(["admin"], {
  method: "get",
  path: "/admin/surveys/{id}/versions/{version}/xlsx",
  summary: "A stored survey version as a spreadsheet to edit in Excel or WPS",
  request: {
    params: z.object({ id: z.string().max(64), version: z.string().regex(/^[1-9]\d{0,8}$/) }),
  },
  responses: { 200: file, 404: jsonResponse(z.object({}), "No such survey version") },
});

const draftXlsx = adminRoute(["admin"], {
  method: "post",
  path: "/admin/surveys/to-xlsx",
  summary: "A survey being edited (not yet saved) as a spreadsheet",
  description:
    "The survey must have the file format's shape; cross-question checks (one category question, display logic) are left to publishing, so an unfinished draft can be written.",
  request: { body: jsonBody(z.object({ survey: z.unknown() }).strict()) },
  responses: { 200: file },
});

function download(survey: Parameters<typeof surveyToXlsx>[0], name: string) {
  return async () =>
    new Response(new Uint8Array(await surveyToXlsx(survey)), {
      status: 200,
      headers: {
        "Content-Type": XLSX_TYPE,
        "Content-Disposition": `attachment; filename="${name}"`,
      },
    });
}

export function spreadsheetRoutes(
  deps: RouteDeps<never, Pick<SurveyStore, "listVersions" | "getSurveyVersion">>,
) {
  const app = new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });

  app.openapi(parseXlsx, async (c) => {
    const text = c.req.valid("json").fileBase64.replace(/^data:[^,]*,/, "");
    const result = await xlsxToSurvey(Buffer.from(text, "base64"));
    return c.json(result, 200);
  });

  app.openapi(versionXlsx, async (c) => {
    const { id, version } = c.req.valid("param");
    const found = (await deps.storage.listVersions()).find(
      (v) => v.surveyId === id && v.version === Number(version),
    );
    const record = found && (await deps.storage.getSurveyVersion(found.id));
    if (!record) return jsonError(c, "not_found", "没有这份问卷的这个版本");
    // Stored definitions passed every check when registered; parsed again rather than cast.
    const survey = SurveySchema.parse(JSON.parse(record.definition));
    return download(survey, xlsxFileName(record.surveyId, record.version))();
  });

  app.openapi(draftXlsx, async (c) => {
    const parsed = SurveySchema.safeParse(c.req.valid("json").survey);
    if (!parsed.success)
      return jsonError(
        c,
        "invalid",
        "问卷内容不完整，无法生成表格",
        toFieldErrors(parsed.error).map((f) => ({ ...f, field: `survey.${f.field}` })),
      );
    return download(parsed.data, xlsxFileName(parsed.data.id))();
  });
  return app;
}
