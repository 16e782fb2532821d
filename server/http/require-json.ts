// Refuses a state-changing request whose body is not JSON with 415, before anything parses it.
import type { MiddlewareHandler } from "hono";
import { discardBody } from "./body-size-limit.ts";
import { jsonError } from "./errors.ts";

export function requireJson(): MiddlewareHandler {
  return async function checkContentType(c, next) {
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS")
      return next();
    // Case-sensitive on purpose: Hono's validator reads only a lower-case "application/json" and
    // would validate an "APPLICATION/JSON" body as {}: a misleading 422 instead of a clear 415.
    const type = (c.req.header("Content-Type") ?? "").split(";")[0]?.trim();
    if (type !== "application/json") {
      // The size limit ran first, so the body drained here is small.
      await discardBody(c);
      return jsonError(
        c,
        "unsupported_media_type",
        "请求体必须是 JSON（Content-Type: application/json）",
      );
    }
    return next();
  };
}
