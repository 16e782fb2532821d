// The one error envelope, { error: { code, message, fields? } }: its schema, and the one map from a
// code to its HTTP status. No route picks a status; it picks a code (server/domain/error-codes.ts).
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { routePath } from "hono/route";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import {
  ERROR_CODES,
  type ErrorBody,
  type ErrorCode,
  type FieldError,
} from "../domain/error-codes.ts";

/** Each code's one status; a new code without a status fails to compile. */
export const ERROR_STATUS = {
  malformed: 400,
  unauthorized: 401,
  forbidden: 403,
  link_not_open: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  link_unavailable: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid: 422,
  too_many_requests: 429,
  internal: 500,
  unavailable: 503,
} as const satisfies Record<ErrorCode, ContentfulStatusCode>;

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      fields: z
        .array(
          z.object({ field: z.string(), question: z.string().optional(), message: z.string() }),
        )
        .optional(),
    }),
  })
  .openapi("Error");

export function errorBody(code: ErrorCode, message: string, fields?: FieldError[]): ErrorBody {
  return { error: fields ? { code, message, fields } : { code, message } };
}

export function jsonError<C extends ErrorCode>(
  c: Context,
  code: C,
  message: string,
  fields?: FieldError[],
) {
  return c.json(errorBody(code, message, fields), ERROR_STATUS[code]);
}

/** The first code with each status, for exceptions that arrive with a status and no code. */
const CODE_OF_STATUS = new Map<number, ErrorCode>();
for (const code of ERROR_CODES)
  if (!CODE_OF_STATUS.has(ERROR_STATUS[code])) CODE_OF_STATUS.set(ERROR_STATUS[code], code);

/**
 * Hono's own exceptions (bad JSON, too large, wrong type) keep their status, under its code;
 * anything else, or a status no code has, is a bug: logged by name, answered 500.
 */
export function handleError(error: Error, c: Context, log: (line: string) => void = console.error) {
  if (error instanceof HTTPException) {
    const status = error.status;
    if (status === 400) return jsonError(c, "malformed", "请求体不是有效的 JSON");
    if (status === 413) return jsonError(c, "payload_too_large", "请求体过大");
    // Hono's validator refuses a JSON type it cannot parse (e.g. "application/json;").
    if (status === 415)
      return jsonError(
        c,
        "unsupported_media_type",
        "请求体必须是 JSON（Content-Type: application/json）",
      );
    const code = status < 500 ? CODE_OF_STATUS.get(status) : undefined;
    if (code) return jsonError(c, code, error.message || "请求无效");
  }
  // The message only: stack traces and request data stay out of the log and the response.
  log(
    JSON.stringify({
      level: "error",
      route: routePath(c),
      error: `${error.name}: ${error.message}`,
    }),
  );
  return jsonError(c, "internal", "服务器内部错误，请稍后再试");
}
