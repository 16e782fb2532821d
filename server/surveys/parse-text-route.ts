// Reads a questionnaire pasted as text into a survey for the editor: the draft and the problems
// found, each with its line. Saves nothing and audits nothing: it is a reading aid, like a preview.
import { OpenAPIHono } from "@hono/zod-openapi";
import { importSurveyText } from "../../surveys/format/text-import/import-text.ts";
import type { AdminEnv } from "../admin/admin-auth.ts";
import { adminRoute, jsonBody, jsonResponse, z } from "../admin/admin-route.ts";
import { validationHook } from "../http/validation-hook.ts";

/** A long questionnaire is ~15,000 characters; this stays under the body limit in UTF-8. */
export const MAX_TEXT_CHARS = 60_000;

const ParseTextBodySchema = z
  .object({
    text: z
      .string()
      .max(MAX_TEXT_CHARS)
      .openapi({ description: "The questionnaire as typed: title, intro, sections, questions." }),
  })
  .strict()
  .openapi("ParseTextBody");

const ParseTextResultSchema = z
  .object({
    survey: z.unknown().openapi({
      description:
        "A survey in the file format (surveys/format/survey.schema.json); it passes the schema unless a problem says why not.",
    }),
    problems: z.array(
      z.object({
        line: z.number().int().openapi({ description: "1-based; 0 for the text as a whole." }),
        message: z.string(),
      }),
    ),
  })
  .openapi("ParseTextResult");

const parseText = adminRoute(["admin"], {
  method: "post",
  path: "/admin/surveys/parse-text",
  summary: "Read a questionnaire pasted as text into a survey draft; nothing is saved",
  description:
    "Recognises 一、 sections, 1. / 1、 / （1） questions, A. / A、 / （A） / □ options, (可多选，最多选三项), 其他（请注明）, 不作评价 and blanks for written answers. Every line it cannot place is a problem with its line number.",
  request: { body: jsonBody(ParseTextBodySchema) },
  responses: { 200: jsonResponse(ParseTextResultSchema, "The survey read, and the problems") },
});

/** Needs nothing: the parameter keeps the call shape of its siblings in app.ts. */
export function parseTextRoutes(_deps: unknown) {
  const app = new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });
  app.openapi(parseText, (c) => c.json(importSurveyText(c.req.valid("json").text), 200));
  return app;
}
