// POST /api/links/{linkId}/responses: check against the exact survey version, then store once.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { categoryOf, checkAnswers } from "../../surveys/format/answers.ts";
import { describeProblem } from "../../surveys/format/messages.ts";
import type { AppDeps } from "../app-deps.ts";
import { dayIn } from "../http/clock.ts";
import { jsonError } from "../http/errors.ts";
import { validationHook } from "../http/validation-hook.ts";
import {
  checkLinkAvailability,
  isLinkId,
  UNAVAILABLE_MESSAGES,
  unavailableStatus,
} from "../links/link-availability.ts";
import { toAnswerRows } from "./answer-rows.ts";
import { receiptFor, responseIdFor } from "./response-ids.ts";
import { ErrorSchema, ReceiptSchema, SubmissionBodySchema } from "./submission-schema.ts";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

const route = createRoute({
  method: "post",
  path: "/links/{linkId}/responses",
  summary: "Submit one response through an anonymous link",
  request: {
    params: z.object({ linkId: z.string() }),
    body: { required: true, ...json(SubmissionBodySchema, "The answers") },
  },
  responses: {
    201: json(ReceiptSchema, "Stored"),
    200: json(ReceiptSchema, "Already stored under this submissionId: the same receipt"),
    403: json(ErrorSchema, "Link paused or not yet open"),
    404: json(ErrorSchema, "Unknown link"),
    410: json(ErrorSchema, "Link closed, expired or full"),
    413: json(ErrorSchema, "Body too large"),
    415: json(ErrorSchema, "Not application/json"),
    422: json(ErrorSchema, "Invalid answers; nothing was stored"),
  },
});

const INVALID = "提交的内容不符合要求";

export function submitRoute(deps: AppDeps) {
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(route, async (c) => {
    const { linkId } = c.req.valid("param");
    const body = c.req.valid("json");
    // zod silently drops a "__proto__" key from records; refuse it like any unknown question.
    const smuggled = protoKeyFields(await c.req.json());
    if (smuggled.length > 0) return jsonError(c, 422, "invalid", INVALID, smuggled);
    const link = isLinkId(linkId) ? deps.storage.getLink(linkId) : undefined;
    if (!link) return jsonError(c, 404, "not_found", UNAVAILABLE_MESSAGES.unknown);

    const responseId = responseIdFor(body.submissionId);
    const receipt = receiptFor(body.submissionId);
    // A retry whose first attempt was stored gets the same receipt, even if the link filled up since.
    const stored = deps.storage.findResponse(responseId);
    if (stored) return c.json({ receipt, submittedOn: stored.submittedOn }, 200);

    const unavailable = checkLinkAvailability(link, deps.now().toISOString());
    if (unavailable) {
      return jsonError(
        c,
        unavailableStatus(unavailable),
        "link_unavailable",
        UNAVAILABLE_MESSAGES[unavailable],
      );
    }
    const version = deps.catalog.byVersionId(body.version);
    if (!version || version.surveyId !== link.surveyId) {
      return jsonError(c, 422, "invalid", INVALID, [
        { field: "version", message: "问卷版本与链接不符，请刷新页面后重新填写" },
      ]);
    }
    const problems = checkAnswers(version.survey, body.answers, body.otherText, link);
    if (problems.length > 0) {
      const fields = problems.map((p) => ({
        field: `answers.${p.question}`,
        question: p.question,
        message: describeProblem(p),
      }));
      return jsonError(c, 422, "invalid", INVALID, fields);
    }
    const category = categoryOf(version.survey, body.answers, link);
    if (category === undefined)
      throw new Error("checkAnswers let a response without category through");
    const outcome = await deps.submissions.submit({
      responseId,
      linkId: link.id,
      surveyVersionId: version.id,
      channel: link.label,
      category,
      submittedOn: dayIn(deps.timeZone, deps.now()),
      rows: toAnswerRows(version.survey, body.answers, body.otherText, link.lockedCategory),
    });
    switch (outcome.kind) {
      case "created":
        return c.json({ receipt, submittedOn: outcome.submittedOn }, 201);
      case "replayed":
        return c.json({ receipt, submittedOn: outcome.submittedOn }, 200);
      case "unavailable":
        if (outcome.reason === "unknown")
          return jsonError(c, 404, "not_found", UNAVAILABLE_MESSAGES.unknown);
        return jsonError(
          c,
          unavailableStatus(outcome.reason),
          "link_unavailable",
          UNAVAILABLE_MESSAGES[outcome.reason],
        );
      case "failed":
        throw new Error("a checked response could not be stored");
    }
  });
}

function protoKeyFields(raw: unknown) {
  const fields = [];
  for (const part of ["answers", "otherText"] as const) {
    const value =
      raw !== null && typeof raw === "object" && Object.hasOwn(raw, part)
        ? Reflect.get(raw, part)
        : null;
    if (value !== null && typeof value === "object" && Object.hasOwn(value, "__proto__")) {
      fields.push({
        field: `${part}.__proto__`,
        question: "__proto__",
        message: "问卷中没有这道题",
      });
    }
  }
  return fields;
}
