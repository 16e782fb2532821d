// Access log: one JSON line per request naming the route pattern, never the path, so a link id
// or a code never reaches a log.
import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";

/** What one access-log line holds; nothing else is written per request. */
export interface AccessLogLine {
  method: string;
  /** The matched pattern, e.g. "/api/links/:linkId/responses"; "*" for unmatched paths. */
  route: string;
  status: number;
  ms: number;
}

export function formatAccessLine(line: AccessLogLine): string {
  return JSON.stringify(line);
}

export function accessLog(write: (line: string) => void = console.log): MiddlewareHandler {
  return async function logAccess(c, next) {
    const started = performance.now();
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    // No time of day, query string, body, address or user agent: the pattern and the outcome only.
    // The process supervisor stamps lines if the office wants times; a submit's exact time is
    // exactly what the responses table refuses to keep.
    write(
      formatAccessLine({ method: c.req.method, route: routePath(c), status: c.res.status, ms }),
    );
  };
}
