// `systemctl stop`, `docker stop` and Ctrl+C signal the process that `npm start` started, not node
// itself: the compiled server must still get the signal and shut down gracefully (exit 0, every
// request in flight answered, the database closed), and no node may be left serving the port.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, expect, test } from "vitest";
import { responseIdFor } from "../../server/ballot-box/response-ids.ts";
import { type ChildServer, startChildCommand } from "../support/child-server.ts";
import { readLinks } from "../support/cli-links.ts";
import { startLoad } from "../support/load-driver.ts";
import { checkStored, integrityCheck } from "../support/stored-check.ts";
import { createSubmissionMaker, loadTargets } from "../support/unique-submissions.ts";

const dirs: string[] = [];
const servers: ChildServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop().catch(() => undefined);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** The processes `pid` started (Linux): npm's child is node when the script execs it. */
function childrenOf(pid: number): number[] {
  const text = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
  return text === "" ? [] : text.split(" ").map(Number);
}

function commandOf(pid: number): string {
  return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function startWithNpm() {
  const dir = mkdtempSync(join(tmpdir(), "survey-npm-start-"));
  dirs.push(dir);
  const dbPath = join(dir, "survey.db");
  const server = await startChildCommand(
    ["npm", "start", "--silent"],
    { DATABASE_PATH: dbPath, SURVEYS_DIR: resolve("surveys"), DIST_DIR: resolve("dist") },
    { keepOutput: true, detached: true },
  );
  servers.push(server);
  const npmPid = server.pid!;
  const [node] = childrenOf(npmPid);
  return { server, dbPath, npmPid, nodePid: node };
}

test("npm start runs the compiled server with plain node, as npm's own child", async () => {
  const { server, nodePid } = await startWithNpm();
  expect(nodePid).toBeDefined();
  // Not `sh -c …` (which would swallow the signal) and not tsx: node on the build.
  expect(commandOf(nodePid!)).toBe("node dist/server/main.js");
  expect(server.output()).not.toMatch(/tsx/);
});

for (const { signal, to } of [
  { signal: "SIGTERM", to: "npm" },
  // Ctrl+C in a terminal: the whole foreground group gets SIGINT, and npm forwards it once more.
  { signal: "SIGINT", to: "group" },
] as const) {
  test(`${signal} to ${to === "npm" ? "the npm start process" : "npm start's process group"} mid-load: in-flight answered, exit 0, nothing left serving`, {
    timeout: 60_000,
  }, async () => {
    const { server, dbPath, npmPid, nodePid } = await startWithNpm();
    const targets = await loadTargets(server.url, readLinks(dbPath));
    const maker = createSubmissionMaker(targets, 23);
    const load = startLoad({
      url: server.url,
      connections: 8,
      total: 100_000,
      submission: (i) => maker.make(i),
    });
    while (load.progress().acked < 100) await sleep(20);

    const inFlight = load.inFlight();
    process.kill(to === "npm" ? npmPid : -npmPid, signal);
    const exit = await server.exited;
    load.stop();
    const report = await load.done;

    const context = JSON.stringify({ exit, output: server.output().slice(-800) });
    expect(exit, context).toEqual({ code: 0, signal: null });
    expect(server.output(), context).toContain(
      `${signal}: no new connections; finishing in-flight requests…`,
    );
    expect(server.output(), context).toContain(
      "Pending responses committed, database closed. Bye.",
    );
    expect(inFlight.length, context).toBeGreaterThan(0);
    expect(inFlight.filter((r) => !r.acked).map((r) => `${r.status} ${r.error}`)).toEqual([]);
    expect(report.serverErrors).toBe(0);
    // Before the fix, npm and sh died and node went on serving: here it is gone, port closed.
    await sleep(200);
    expect(isAlive(nodePid!), `node ${nodePid} still running`).toBe(false);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();

    const acked = new Set(report.ackedIds.map(responseIdFor));
    const stored = checkStored(dbPath, maker.byResponseId, acked);
    expect(stored.lost).toEqual([]);
    expect(stored.ackedChecked).toBeGreaterThanOrEqual(100);
    expect(integrityCheck(dbPath)).toBe("ok");
  });
}
