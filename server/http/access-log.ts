// Access log that names the route pattern, never the path: a link id or code must not reach a log.
import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";

export function accessLog(write: (line: string) => void = console.log): MiddlewareHandler {
  return async function logAccess(c, next) {
    const started = performance.now();
    await next();
    const ms = (performance.now() - started).toFixed(1);
    // No query string, no body, no address, no user agent: only the pattern and the outcome.
    write(`${c.req.method} ${routePath(c)} ${c.res.status} ${ms}ms`);
  };
}
