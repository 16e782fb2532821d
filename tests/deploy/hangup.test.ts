// an office runs `npm start` (or bin/survey start) in an SSH session, and the
// connection drops or the terminal window is closed: the server gets SIGHUP. Only SIGTERM and
// SIGINT are handled (server/http/graceful-shutdown.ts), so Node's default ends it at once, like
// kill -9: requests in flight cut off, no final rebuild of the file in key order, no "Bye".
import { resolve } from "node:path";
import { afterAll, expect, it } from "vitest";
import { type ChildServer, startChildCommand } from "../support/child-server.ts";
import { freshDatabase } from "../support/fresh-database.ts";

const servers: ChildServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop().catch(() => undefined);
});

it("SIGHUP shuts down as gracefully as SIGTERM: exit 0 after committing and closing", async () => {
  const { env } = freshDatabase("hangup-");
  const server = await startChildCommand([process.execPath, resolve("dist/server/main.js")], env, {
    keepOutput: true,
  });
  servers.push(server);
  const exit = await server.kill("SIGHUP");
  expect(server.output()).toContain("Pending responses committed, database closed. Bye.");
  expect(exit).toEqual({ code: 0, signal: null });
}, 60_000);
