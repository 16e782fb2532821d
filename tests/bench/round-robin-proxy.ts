// A bench-only round-robin HTTP proxy on loopback, run as its own process (child-server.ts): each
// request goes to the next of UPSTREAMS (comma-separated base URLs), as nginx's default upstream does.
import { Agent, createServer, request } from "node:http";

const upstreams = (process.env.UPSTREAMS ?? "")
  .split(",")
  .filter((entry) => entry !== "")
  .map((entry) => new URL(entry));
if (upstreams.length === 0) throw new Error("UPSTREAMS names no server");

// Kept-alive connections to the upstreams, as nginx's `keepalive`: no TCP handshake per request.
const agent = new Agent({ keepAlive: true });
let turn = 0;

const server = createServer((incoming, outgoing) => {
  const upstream = upstreams[turn++ % upstreams.length];
  if (!upstream) throw new Error("no upstream");
  const forwarded = request(
    {
      hostname: upstream.hostname,
      port: upstream.port,
      method: incoming.method,
      path: incoming.url,
      headers: incoming.headers,
      agent,
    },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    },
  );
  // An upstream that fails answers 502, as nginx would; the client may already be gone.
  forwarded.on("error", () => {
    if (!outgoing.headersSent) outgoing.writeHead(502);
    outgoing.end();
  });
  incoming.on("aborted", () => forwarded.destroy());
  incoming.pipe(forwarded);
});
// autocannon keeps its connections open for the whole run.
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? "127.0.0.1");
process.on("SIGTERM", () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
