// POST /api/links/{linkId}/responses and /api/codes/{code}/responses: check against the exact
// survey version, then store once (and, for a code, consume it in the same transaction). Links
// also pass the per-address limit and, when it is on, the proof-of-work (stuffing-guard.ts).
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { categoryOf, checkAnswers } from "../../surveys/format/answers.ts";
import { describeProblem } from "../../surveys/format/messages.ts";
import type { AppDeps as AppDepsOf, RouteDeps } from "../app-deps.ts";
import { receiptFor, responseIdFor } from "../ballot-box/response-ids.ts";
import { dayIn } from "../http/clock.ts";
import { ErrorSchema, jsonError } from "../http/errors.ts";
import { rateLimit } from "../http/rate-limit.ts";
import { validationHook } from "../http/validation-hook.ts";
import type { LinkStore } from "../storage/link-store.ts";
import type { ResponseStore } from "../storage/response-store.ts";
import { toAnswerRows } from "./answer-rows.ts";
import { refuseEntry } from "./entry-refusal.ts";
import type { ProofCheck } from "./proof-of-work.ts";
import { receiveAnswers } from "./received-answers.ts";
import { type EntryDeps, type EntryKind, rawSegment, resolveEntry } from "./resolve-entry.ts";
import { ReceiptSchema, type SubmissionBody, SubmissionBodySchema } from "./submission-schema.ts";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

const responses = {
  201: json(ReceiptSchema, "Stored"),
  200: json(ReceiptSchema, "Already stored under this submissionId: the same receipt"),
  403: json(ErrorSchema, "Link paused or not yet open"),
  404: json(
    ErrorSchema,
    "Unknown link; a code unknown, used or revoked (one answer for all three)",
  ),
  410: json(ErrorSchema, "Closed, expired or full"),
  413: json(ErrorSchema, "Body too large"),
  415: json(ErrorSchema, "Not application/json"),
  422: json(ErrorSchema, "Invalid answers; nothing was stored"),
};
const body = { required: true, ...json(SubmissionBodySchema, "The answers") };

const linkRoute = createRoute({
  method: "post",
  path: "/links/{linkId}/responses",
  summary: "Submit one response through an anonymous link",
  request: { params: z.object({ linkId: z.string() }), body },
  responses: {
    ...responses,
    422: json(
      ErrorSchema,
      "Invalid answers, or (when required) a missing, bad or used proofOfWork",
    ),
    429: json(
      ErrorSchema,
      "Too many submissions from this address; nothing stored; see Retry-After",
    ),
  },
});

const codeRoute = createRoute({
  method: "post",
  path: "/codes/{code}/responses",
  summary: "Submit one response with a single-use code (consumed with it)",
  request: { params: z.object({ code: z.string() }), body },
  responses: {
    ...responses,
    429: json(ErrorSchema, "Too many code requests from this address or in all; see Retry-After"),
  },
});

const INVALID = "提交的内容不符合要求";
const QUEUED = "同一网络的提交太多，已排队，请稍后自动重试";

/**
 * SUBMIT_LIMIT_PER_ADDRESS for POST /api/links/{linkId}/responses: a 429 with Retry-After stores
 * nothing, and raises that link's burst alert (responses/burst-watch.ts) if the link exists.
 */
/** The limit refuses before any work, and tells the burst watch only of links that exist. */
type LimitDeps = RouteDeps<"stuffing" | "trustedProxies" | "now", Pick<LinkStore, "getLink">>;

/** What storing a submission takes: the entry's rules, the replay check and the group commit. */
type SubmitDeps = EntryDeps &
  RouteDeps<
    "stuffing" | "timeZone" | "submissions",
    EntryDeps["storage"] & Pick<ResponseStore, "hasResponse">
  >;

export function submitLimit(deps: LimitDeps): MiddlewareHandler {
  return rateLimit(
    () => deps.stuffing.limiter,
    async (c) => {
      const linkId = rawSegment(c.req.url, "/api/links/", "/responses");
      if (await deps.storage.getLink(linkId))
        await deps.stuffing.bursts.noteRefused(linkId, deps.now().getTime());
      return jsonError(c, "too_many_requests", QUEUED);
    },
    deps.trustedProxies,
    () => deps.now().getTime(),
  );
}

export function submitRoute(deps: SubmitDeps) {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.openapi(linkRoute, async (c) =>
    submit(
      deps,
      c,
      "link",
      rawSegment(c.req.url, "/api/links/", "/responses"),
      c.req.valid("json"),
    ),
  );
  app.openapi(codeRoute, async (c) =>
    submit(
      deps,
      c,
      "code",
      rawSegment(c.req.url, "/api/codes/", "/responses"),
      c.req.valid("json"),
    ),
  );
  return app;
}

async function submit(
  deps: SubmitDeps,
  c: Context,
  kind: EntryKind,
  id: string,
  body: SubmissionBody,
) {
  // zod silently drops a "__proto__" key from records; refuse it like any unknown question.
  const smuggled = protoKeyFields(await c.req.json());
  if (smuggled.length > 0) return jsonError(c, "invalid", INVALID, smuggled);

  const responseId = responseIdFor(body.submissionId);
  const receipt = receiptFor(body.submissionId);
  const found = await resolveEntry(deps, kind, id);
  if (!found.ok && found.reason === "unknown") return refuseEntry(c, kind, "unknown");
  // A retry whose first attempt was stored gets the same receipt, even if the link filled up
  // (or the code was consumed by that very first attempt) since.
  // The receipt's day is today's: nothing about a response's time is stored to answer with.
  const submittedOn = dayIn(deps.timeZone, deps.now());
  if (await deps.storage.hasResponse(responseId)) return c.json({ receipt, submittedOn }, 200);
  if (!found.ok) return refuseEntry(c, kind, found.reason);

  const { entry } = found;
  const proof = await checkProof(deps, kind, entry.id, body);
  if (!proof.ok) {
    return jsonError(c, "invalid", INVALID, [{ field: "proofOfWork", message: proof.message }]);
  }
  const version = await deps.catalog.byVersionId(body.version);
  if (!version || version.surveyId !== entry.surveyId) {
    return jsonError(c, "invalid", INVALID, [
      { field: "version", message: "问卷版本与链接不符，请刷新页面后重新填写" },
    ]);
  }
  const received = receiveAnswers(body.answers);
  if (!received.ok) return jsonError(c, "invalid", INVALID, received.fields);
  const { answers } = received;
  const problems = checkAnswers(version.survey, answers, body.otherText, entry);
  if (problems.length > 0) {
    const fields = problems.map((p) => ({
      field: p.row === undefined ? `answers.${p.question}` : `answers.${p.question}.${p.row}`,
      question: p.question,
      message: describeProblem(p),
    }));
    return jsonError(c, "invalid", INVALID, fields);
  }
  const category = categoryOf(version.survey, answers, entry);
  if (category === undefined)
    throw new Error("checkAnswers let a response without category through");
  // Spent here, after every check, so the same solution cannot pay for two responses, on this
  // instance or another; a refusal above leaves it unspent for the corrected submission.
  const spent = await proof.spend();
  if (!spent.ok)
    return jsonError(c, "invalid", INVALID, [{ field: "proofOfWork", message: spent.message }]);
  const outcome = await deps.submissions.submit({
    responseId,
    via: { kind, id },
    surveyVersionId: version.id,
    channelId: entry.channelId,
    category,
    rows: toAnswerRows(version.survey, answers, body.otherText, entry.lockedCategory),
  });
  switch (outcome.kind) {
    case "created":
      if (kind === "link") await deps.stuffing.bursts.noteStored(entry.id, deps.now().getTime());
      return c.json({ receipt, submittedOn }, 201);
    case "replayed":
      return c.json({ receipt, submittedOn }, 200);
    case "unavailable":
      return refuseEntry(c, kind, outcome.reason);
    case "failed":
      throw new Error("a checked response could not be stored");
  }
}

/** Codes need none (each stores one response at most); links only when SUBMIT_PROOF_OF_WORK is on. */
function checkProof(
  deps: Pick<AppDepsOf, "stuffing" | "now">,
  kind: EntryKind,
  id: string,
  body: SubmissionBody,
): Promise<ProofCheck> {
  const work = deps.stuffing.proofOfWork;
  if (kind === "code" || !work) return Promise.resolve(NO_PROOF_NEEDED);
  return work.check(id, body.proofOfWork, deps.now().getTime());
}

const NO_PROOF_NEEDED: ProofCheck = { ok: true, spend: async () => NO_PROOF_NEEDED };

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
    if (part === "answers" && value !== null && typeof value === "object")
      fields.push(...protoRowFields(value));
  }
  return fields;
}

/** The same one level down: a grid's answer with a "__proto__" row. */
function protoRowFields(answers: object) {
  const fields = [];
  for (const [question, grid] of Object.entries(answers)) {
    if (grid === null || typeof grid !== "object" || !Object.hasOwn(grid, "__proto__")) continue;
    fields.push({
      field: `answers.${question}.__proto__`,
      question,
      message: "本题没有这一行",
    });
  }
  return fields;
}
