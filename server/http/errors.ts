// The one error envelope, { error: { code, message, fields? } }, and how codes map to statuses.

import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { routePath } from "hono/route";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorBody, FieldError } from "../responses/submission-schema.ts";

export type ErrorCode =
  | "invalid"
  | "malformed"
  | "not_found"
  | "link_unavailable"
  | "payload_too_large"
  | "unsupported_media_type"
  | "unavailable"
  | "unauthorized"
  | "forbidden"
  | "conflict"
  | "too_many_requests"
  | "gone"
  | "internal";

export function errorBody(code: ErrorCode, message: string, fields?: FieldError[]): ErrorBody {
  return { error: fields ? { code, message, fields } : { code, message } };
}

export function jsonError<S extends ContentfulStatusCode>(
  c: Context,
  status: S,
  code: ErrorCode,
  message: string,
  fields?: FieldError[],
) {
  return c.json(errorBody(code, message, fields), status);
}

/** Hono's own exceptions keep their status; anything else is a bug: logged by name, answered 500. */
export function handleError(error: Error, c: Context, log: (line: string) => void = console.error) {
  if (error instanceof HTTPException) {
    const status = error.status;
    if (status === 400) return jsonError(c, 400, "malformed", "请求体不是有效的 JSON");
    if (status === 413) return jsonError(c, 413, "payload_too_large", "请求体过大");
    // Hono's validator refuses a JSON type it cannot parse (e.g. "application/json;").
    if (status === 415)
      return jsonError(
        c,
        415,
        "unsupported_media_type",
        "请求体必须是 JSON（Content-Type: application/json）",
      );
    return jsonError(c, status, "invalid", error.message || "请求无效");
  }
  // The message only: stack traces and request data stay out of the log and the response.
  log(
    JSON.stringify({
      level: "error",
      route: routePath(c),
      error: `${error.name}: ${error.message}`,
    }),
  );
  return jsonError(c, 500, "internal", "服务器内部错误，请稍后再试");
}
