// GET /api/links/{linkId}/survey: what the phone page is given, for scripts and other clients.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { surveyForRespondents } from "../../surveys/format/respondent-view.ts";
import { SurveySchema } from "../../surveys/format/schema.ts";
import { ErrorSchema } from "../http/errors.ts";
import { refuseEntry } from "./entry-refusal.ts";
import { type EntryDeps, type EntryKind, rawSegment, resolveEntry } from "./resolve-entry.ts";

const BootstrapSchema = z
  .object({
    linkId: z.string(),
    version: z
      .number()
      .int()
      .openapi({ description: "Send this back as `version` when submitting." }),
    lockedCategory: z
      .string()
      .nullable()
      .openapi({ description: "Set by the link: the category question is not shown." }),
    survey: SurveySchema.describe("The survey with its variables filled in."),
  })
  .openapi("LinkSurvey");

const route = createRoute({
  method: "get",
  path: "/links/{linkId}/survey",
  summary: "The survey an anonymous link serves",
  request: { params: z.object({ linkId: z.string() }) },
  responses: {
    200: {
      content: { "application/json": { schema: BootstrapSchema } },
      description: "The survey",
    },
    403: {
      content: { "application/json": { schema: ErrorSchema } },
      description: "Paused or not yet open",
    },
    404: { content: { "application/json": { schema: ErrorSchema } }, description: "Unknown link" },
    410: {
      content: { "application/json": { schema: ErrorSchema } },
      description: "Closed, expired or full",
    },
  },
});

const codeRoute = createRoute({
  ...route,
  path: "/codes/{code}/survey",
  summary: "The survey a single-use code opens (reading it does not consume the code)",
  request: { params: z.object({ code: z.string() }) },
  responses: {
    ...route.responses,
    404: {
      content: { "application/json": { schema: ErrorSchema } },
      description: "A code unknown, already used or revoked: one answer for all three",
    },
    429: {
      content: { "application/json": { schema: ErrorSchema } },
      description: "Too many code lookups from this address or in all; see Retry-After",
    },
  },
});

export function surveyRoute(deps: EntryDeps) {
  const app = new OpenAPIHono();
  const serve = async (c: Context, kind: EntryKind, id: string) => {
    const found = await resolveEntry(deps, kind, id);
    if (!found.ok) return refuseEntry(c, kind, found.reason);
    const { entry, version } = found;
    return c.json(
      {
        linkId: entry.id,
        version: version.id,
        lockedCategory: entry.lockedCategory,
        survey: surveyForRespondents(version.survey),
      },
      200,
    );
  };
  app.openapi(route, async (c) =>
    serve(c, "link", rawSegment(c.req.url, "/api/links/", "/survey")),
  );
  app.openapi(codeRoute, async (c) =>
    serve(c, "code", rawSegment(c.req.url, "/api/codes/", "/survey")),
  );
  return app;
}
