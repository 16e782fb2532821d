// GET /api/links/{linkId}/survey: what the phone page is given, for scripts and other clients.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { SurveySchema } from "../../surveys/format/schema.ts";
import type { AppDeps } from "../app-deps.ts";
import { jsonError } from "../http/errors.ts";
import { UNAVAILABLE_MESSAGES, unavailableStatus } from "../links/link-availability.ts";
import { ErrorSchema } from "../responses/submission-schema.ts";
import { resolveLink } from "./resolve-link.ts";

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

export function surveyRoute(deps: AppDeps) {
  return new OpenAPIHono().openapi(route, (c) => {
    const found = resolveLink(deps, c.req.valid("param").linkId);
    if (!found.ok) {
      if (found.reason === "unknown")
        return jsonError(c, 404, "not_found", UNAVAILABLE_MESSAGES.unknown);
      return jsonError(
        c,
        unavailableStatus(found.reason),
        "link_unavailable",
        UNAVAILABLE_MESSAGES[found.reason],
      );
    }
    const { link, version } = found;
    return c.json(
      {
        linkId: link.id,
        version: version.id,
        lockedCategory: link.lockedCategory,
        survey: version.survey,
      },
      200,
    );
  });
}
