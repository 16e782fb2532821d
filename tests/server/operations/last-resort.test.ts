// Issue 12, item 1: an error nothing caught (a bug in a timer, a forgotten promise) costs one log
// line, not the server: the process keeps running and answering. Run in a child process, since
// vitest itself (rightly) fails a run on any stray error of its own.
import { spawn } from "node:child_process";
import { expect, it } from "vitest";

const SCRIPT = `
import { keepServingOnStrayErrors } from "./server/http/last-resort.ts";
keepServingOnStrayErrors();
setTimeout(() => { throw new Error("a bug in a timer"); }, 10);
Promise.reject(new Error("a forgotten promise"));
setTimeout(() => console.log("still serving"), 100);
`;

it("logs one line per stray error, without the stack, and keeps the process running", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", SCRIPT], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((done) => child.once("exit", done));
  expect(code).toBe(0);
  expect(stdout).toContain("still serving");
  const lines = stderr
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  expect(lines).toEqual(
    expect.arrayContaining([
      { level: "error", event: "uncaught exception", error: "Error: a bug in a timer" },
      { level: "error", event: "unhandled rejection", error: "Error: a forgotten promise" },
    ]),
  );
  expect(stderr).not.toContain("    at ");
});
