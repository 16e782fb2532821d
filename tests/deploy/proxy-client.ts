// A browser's requests through the test nginx, from a chosen loopback address (Linux routes all of
// 127/8 to lo), so nginx sees distinct clients; https trusts only the test certificate.
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import { connect as http2Connect } from "node:http2";
import { request as httpsRequest } from "node:https";
import { connect as tlsConnect } from "node:tls";
import { SERVER_NAME } from "./nginx-process.ts";

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body as JSON; undefined when it is not JSON. */
  json: unknown;
}

export interface Call {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** The client's own address; default 127.0.0.1. */
  from?: string;
}

/** Where to send: nginx's https port (with its CA), or any plain http port. */
export type Target = { port: number; ca: Buffer } | { port: number; ca?: undefined };

/**
 * One request on a fresh connection (so `from` holds for it); Host is the site's name and port,
 * as a browser would send it. HTTP/1.1: this client offers no ALPN.
 */
export function send(target: Target, call: Call): Promise<Reply> {
  const options = {
    host: "127.0.0.1",
    port: target.port,
    localAddress: call.from ?? "127.0.0.1",
    method: call.method ?? "GET",
    path: call.path,
    headers: {
      Host: `${SERVER_NAME}:${target.port}`,
      ...(call.body === undefined ? {} : { "Content-Type": "application/json" }),
      ...call.headers,
    },
    agent: false,
  } as const;
  return new Promise((resolve, reject) => {
    const done = (response: IncomingMessage) => {
      let text = "";
      response.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text,
          json: parsed(text),
        }),
      );
      response.on("error", reject);
    };
    const req = target.ca
      ? httpsRequest({ ...options, ca: target.ca, servername: SERVER_NAME }, done)
      : httpRequest(options, done);
    req.on("error", reject);
    req.end(call.body);
  });
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The protocol nginx picks when a client offers HTTP/2 and HTTP/1.1 (ALPN). */
export function negotiatedProtocol(port: number, ca: Buffer): Promise<string | false | null> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect(
      { host: "127.0.0.1", port, servername: SERVER_NAME, ca, ALPNProtocols: ["h2", "http/1.1"] },
      () => {
        resolve(socket.alpnProtocol ?? null);
        socket.end();
      },
    );
    socket.on("error", reject);
  });
}

/** A GET over HTTP/2: its status and headers. */
export function getOverHttp2(port: number, ca: Buffer, path: string) {
  return new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
    const session = http2Connect(`https://${SERVER_NAME}:${port}`, {
      ca,
      createConnection: () =>
        tlsConnect({ host: "127.0.0.1", port, servername: SERVER_NAME, ca, ALPNProtocols: ["h2"] }),
    });
    session.on("error", reject);
    const stream = session.request({ ":path": path });
    stream.on("response", (headers) => {
      stream.resume();
      stream.on("end", () => {
        session.close();
        resolve({ status: Number(headers[":status"]), headers });
      });
    });
    stream.on("error", reject);
    stream.end();
  });
}
