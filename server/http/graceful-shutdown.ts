// SIGTERM, SIGINT, SIGHUP: stop accepting, answer what is in flight, commit what is pending, close.
import type { Server } from "node:http";

/** How long in-flight requests get before the process gives up on them and exits non-zero. */
const GRACE_MS = 10_000;

export interface Shutdown {
  /** Wraps the app's fetch: once stopping, every answer says `Connection: close`. */
  fetch<A extends unknown[]>(
    inner: (request: Request, ...rest: A) => Response | Promise<Response>,
  ): (request: Request, ...rest: A) => Promise<Response>;
  /** Installs the signal handlers on a listening server. */
  install(server: Server): void;
}

export function gracefulShutdown(
  closeSystem: () => Promise<void>,
  say: (line: string) => void,
): Shutdown {
  let stopping = false;
  return {
    fetch(inner) {
      return async (request, ...rest) => {
        const response = await inner(request, ...rest);
        // A keep-alive client would otherwise keep sending on a connection that is about to go.
        if (!stopping) return response;
        try {
          response.headers.set("Connection", "close");
          return response;
        } catch {
          // Some responses have immutable headers (e.g. Response.redirect): copy, then mark.
          const copy = new Response(response.body, response);
          copy.headers.set("Connection", "close");
          return copy;
        }
      };
    },
    install(server) {
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        say(`${signal}: no new connections; finishing in-flight requests…`);
        // Every response acknowledged so far is already committed (group commit answers after
        // COMMIT); close() waits for in-flight requests, then the pending batch is drained.
        server.close(async () => {
          await closeSystem();
          say("Pending responses committed, database closed. Bye.");
          process.exit(0);
        });
        server.closeIdleConnections();
        setTimeout(() => {
          say(`Requests still open after ${GRACE_MS / 1000} s: exiting without them.`);
          process.exit(1);
        }, GRACE_MS).unref();
      };
      process.on("SIGTERM", () => stop("SIGTERM"));
      process.on("SIGINT", () => stop("SIGINT"));
      // A dropped SSH session or a closed terminal under `npm start`: Node's default would end
      // the process at once, cutting requests in flight.
      process.on("SIGHUP", () => stop("SIGHUP"));
    },
  };
}
