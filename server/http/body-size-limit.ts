// Refuses bodies over the limit with 413. A declared Content-Length is checked from the header
// alone: touching the body stream here would make @hono/node-server build a full web Request
// for every submission, which costs more than everything else the route does.
import type { Readable } from "node:stream";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

/** Past this, a refused body is not read at all; the connection is simply closed after the 413. */
const DRAIN_FACTOR = 16;

export function bodySizeLimit(
  maxSize: number,
  onError: (c: Context) => Response,
): MiddlewareHandler {
  // Chunked bodies have no length up front: count them as they stream in. The unread rest
  // cannot be skipped cheaply, so the connection is closed rather than reused with it pending.
  const streamed = bodyLimit({ maxSize, onError: (c) => closeAfter(onError(c)) });
  return async function limitBodySize(c, next) {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const length = c.req.header("Content-Length");
    if (length === undefined || c.req.header("Transfer-Encoding") !== undefined)
      return streamed(c, next);
    const bytes = Number(length);
    if (Number.isSafeInteger(bytes) && bytes >= 0 && bytes <= maxSize) return next();
    if (!Number.isSafeInteger(bytes) || bytes > maxSize * DRAIN_FACTOR)
      return closeAfter(onError(c));
    // Read and discard a moderately oversized body, so the client, still sending, can read the 413.
    await discardBody(c);
    return onError(c);
  };
}

function closeAfter(response: Response): Response {
  response.headers.set("Connection", "close");
  return response;
}

/**
 * Reads and drops the request body. A refusal that leaves the body unread makes the server close
 * the keep-alive connection under a client that is still sending, which then sees no answer.
 */
export function discardBody(c: Context): Promise<void> {
  return drain(incomingOf(c));
}

function incomingOf(c: Context): Readable | undefined {
  const env: unknown = c.env;
  if (typeof env !== "object" || env === null || !("incoming" in env)) return undefined;
  const incoming = env.incoming;
  return incoming !== null && typeof incoming === "object" && "resume" in incoming
    ? (incoming as Readable)
    : undefined;
}

function drain(stream: Readable | undefined): Promise<void> {
  if (!stream || stream.readableEnded) return Promise.resolve();
  return new Promise((done) => {
    stream
      .once("end", done)
      .once("error", () => done())
      .once("close", done);
    stream.resume();
  });
}
