// Sends fuzz requests byte for byte with node:http (fetch would normalise "..", add a
// Content-Type and refuse odd bytes), as a signed-in admin: session cookie plus our own Origin.
import { Agent, type IncomingHttpHeaders, request } from "node:http";

export interface RawRequest {
  method: string;
  /** Path and query exactly as sent, e.g. "/api/admin/links/%00?survey=x". */
  path: string;
  body?: Uint8Array;
  /** null or undefined: no Content-Type header. */
  contentType?: string | null;
  /** Transfer-Encoding: chunked instead of Content-Length. */
  chunked?: boolean;
}

export type RawAnswer =
  | { status: number; text: string; bytes: number; headers: IncomingHttpHeaders }
  | { status: null; error: string };

export interface FuzzClient {
  /** Sends as the current admin session (if any); keeps the first `keepBytes` of the answer. */
  send(req: RawRequest, keepBytes?: number): Promise<RawAnswer>;
  /** The Cookie header value used for every request, e.g. "survey_admin=…"; null: none. */
  cookie: string | null;
  close(): void;
}

/** By default the first few kilobytes of an answer: enough to read an error envelope. */
const KEEP_BYTES = 4096;

export function createFuzzClient(baseUrl: string, timeoutMs = 120_000): FuzzClient {
  const base = new URL(baseUrl);
  // One kept-alive connection: requests go one after the other, as a fuzzer's should.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const client: FuzzClient = {
    cookie: null,
    send: (req, keepBytes = KEEP_BYTES) =>
      new Promise((resolve) => {
        const headers: Record<string, string> = { Origin: base.origin };
        if (client.cookie) headers.Cookie = client.cookie;
        if (req.contentType !== undefined && req.contentType !== null)
          headers["Content-Type"] = req.contentType;
        if (req.body && !req.chunked) headers["Content-Length"] = String(req.body.length);
        const outgoing = request(
          {
            host: base.hostname,
            port: base.port,
            method: req.method,
            path: req.path,
            headers,
            agent,
            timeout: timeoutMs,
          },
          (incoming) => {
            const kept: Buffer[] = [];
            let bytes = 0;
            incoming.on("data", (chunk: Buffer) => {
              if (bytes < keepBytes) kept.push(chunk);
              bytes += chunk.length;
            });
            incoming.on("end", () =>
              resolve({
                status: incoming.statusCode ?? 0,
                text: Buffer.concat(kept).toString("utf8"),
                bytes,
                headers: incoming.headers,
              }),
            );
            incoming.on("error", (error) => resolve({ status: null, error: String(error) }));
          },
        );
        outgoing.on("timeout", () => outgoing.destroy(new Error(`no answer in ${timeoutMs} ms`)));
        outgoing.on("error", (error) => resolve({ status: null, error: String(error) }));
        if (req.body && req.chunked) {
          // Two chunks, so the server really sees a chunked upload.
          const half = Math.floor(req.body.length / 2);
          outgoing.write(req.body.subarray(0, half));
          outgoing.end(req.body.subarray(half));
        } else outgoing.end(req.body);
      }),
    close: () => agent.destroy(),
  };
  return client;
}

/** A JSON request as the console makes it: the body's text, or an error naming the status. */
export async function sendJson(
  client: FuzzClient,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const answer = await client.send(
    {
      method,
      path,
      ...(body === undefined
        ? {}
        : { body: Buffer.from(JSON.stringify(body)), contentType: "application/json" }),
    },
    Number.POSITIVE_INFINITY,
  );
  if (answer.status === null || answer.status >= 300)
    throw new Error(`${method} ${path}: ${answer.status ?? "error"} ${JSON.stringify(answer)}`);
  const text = answer.text;
  return text.startsWith("{") ? JSON.parse(text) : text;
}
