// Runs a server as a child process on a free loopback port: spawn, wait for /healthz, stop or kill.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ChildServer {
  url: string;
  /** The child's process id, e.g. to read its peak memory from /proc. */
  pid: number | undefined;
  /** Resolves once the child has exited, with its exit code or the signal that ended it. */
  exited: Promise<ChildExit>;
  /**
   * Resolves with the first match of `pattern` in the child's stdout (already seen or to come):
   * in its first 64 KB, or anywhere with `keepOutput`.
   */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Access-log lines with a 5xx status, and everything the child wrote to stderr. */
  problems(): { serverErrors: number; stderr: string };
  /** Everything written to stdout and stderr, in arrival order; only with `keepOutput`. */
  output(): string;
  /** Sends `signal` (e.g. SIGKILL for a crash) and resolves when the child has exited. */
  kill(signal: NodeJS.Signals): Promise<ChildExit>;
  stop(): Promise<void>;
}

export interface ChildServerOptions {
  /**
   * Keep every byte of output for later searching (e.g. for ids that must never be logged).
   * Off by default: a long benchmark's access log would otherwise grow without bound.
   */
  keepOutput?: boolean;
}

const running = new Set<ChildProcess>();
// A crashed bench must not leave servers behind holding ports and temp files.
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});
process.on("SIGINT", () => process.exit(130));

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, "127.0.0.1", done));
  const address = probe.address();
  await new Promise<void>((done) => probe.close(() => done()));
  if (address === null || typeof address === "string") throw new Error("no free port");
  return address.port;
}

/** Starts `node --import tsx <script>` with `env` added to ours, and waits until it is healthy. */
export function startChildServer(
  script: string,
  env: Record<string, string>,
  options: ChildServerOptions = {},
): Promise<ChildServer> {
  return startChildCommand([process.execPath, "--import", "tsx", script], env, options);
}

/**
 * Starts any command that runs the server (`npm start`, a release's `bin/survey start`) the same
 * way: a free loopback port in PORT, `env` added to ours, healthy before it resolves.
 */
export async function startChildCommand(
  [command, ...args]: [string, ...string[]],
  env: Record<string, string>,
  options: ChildServerOptions & { cwd?: string; detached?: boolean } = {},
): Promise<ChildServer> {
  const script = [command, ...args].join(" ");
  const port = await freePort();
  const child = spawn(command, args, {
    cwd: options.cwd,
    // Its own process group, so a test can signal the group as a terminal's Ctrl+C does.
    detached: options.detached ?? false,
    // Load runs submit thousands through one link from this one address: no per-address limit
    // unless a test asks for one (tests/server/respondent/stuffing.test.ts does).
    env: {
      ...process.env,
      SUBMIT_LIMIT_PER_ADDRESS: "0",
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  const exited = new Promise<ChildExit>((done) =>
    child.once("exit", (code, signal) => done({ code, signal })),
  );
  void exited.then(() => running.delete(child));

  // Keep the head of stdout for waitForOutput; afterwards only count 5xx access-log lines,
  // so a chatty access log never fills the pipe and stalls the server.
  let head = "";
  let stdout = "";
  let partialLine = "";
  let serverErrors = 0;
  let stderr = "";
  const transcript: string[] = [];
  const listeners = new Set<() => void>();
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    if (head.length < 64 * 1024) head += chunk;
    if (options.keepOutput) {
      stdout += chunk;
      transcript.push(chunk);
    }
    const lines = (partialLine + chunk).split("\n");
    partialLine = lines.pop() ?? "";
    serverErrors += lines.filter((line) => /"status":5\d\d,/.test(line)).length;
    for (const listener of listeners) listener();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    if (stderr.length < 64 * 1024) stderr += chunk;
    if (options.keepOutput) transcript.push(chunk);
  });

  const url = `http://127.0.0.1:${port}`;
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  const server: ChildServer = {
    url,
    pid: child.pid,
    exited,
    waitForOutput(pattern, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = (options.keepOutput ? stdout : head).match(pattern);
          if (!match) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve(match);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`${script} never printed ${pattern}:\n${head}${stderr}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    problems: () => ({ serverErrors, stderr }),
    output: () => transcript.join(""),
    async kill(signal) {
      if (!hasExited()) child.kill(signal);
      return exited;
    },
    async stop() {
      if (!hasExited()) {
        child.kill("SIGTERM");
        const forced = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(forced);
      }
      // A quiet failure is a failure: an error the server caught only at its last resort, or a
      // crash trace, fails the test that ran it (the server kept serving, so nothing else would).
      const stray = stderr.match(
        /"event":"(uncaught exception|unhandled rejection)".*|^Node\.js v\d+.*/m,
      );
      if (stray) throw new Error(`${script} printed a stray error: ${stray[0]}\n${stderr}`);
    },
  };
  try {
    await waitUntilHealthy(url, child);
  } catch (error) {
    await server.stop().catch(() => undefined); // its stderr goes into the error below
    throw new Error(`${String(error)}\n${head}${stderr}`);
  }
  return server;
}

async function waitUntilHealthy(url: string, child: ChildProcess, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms`);
}
