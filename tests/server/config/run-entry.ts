// Runs the server or the CLI as an operator would, from any folder, with only the settings a test
// gives (none leak in from the shell that runs the tests), and collects what it prints.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { SETTING_KEYS } from "../../../server/config.ts";

export const REPO = fileURLToPath(new URL("../../../", import.meta.url));
/** By URL, so a child started in a folder without node_modules still loads tsx. */
const TSX = import.meta.resolve("tsx");

function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = { ...process.env };
  for (const key of [...SETTING_KEYS, "SURVEY_CONFIG"]) delete clean[key];
  return { ...clean, ...env };
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string>, cwd = REPO): Run {
  const ran = spawnSync(process.execPath, ["--import", TSX, `${REPO}server/cli/main.ts`, ...args], {
    env: cleanEnv(env),
    cwd,
    encoding: "utf8",
  });
  return { status: ran.status, stdout: ran.stdout, stderr: ran.stderr };
}

/** The last line a start on a fresh database prints (after the one-time setup link). */
export const ADMIN_SETUP_PRINTED = /or without a browser: .*\n/;

export interface Started {
  /** Everything printed up to the line `until` waited for. */
  stdout: string;
  stop(): Promise<void>;
}

/**
 * Starts server/main.ts and resolves once it has printed `until`; rejects with its output when
 * it exits first (a refused start), so a test can read the refusal.
 */
export function startServerMain(
  args: string[],
  env: Record<string, string>,
  cwd = REPO,
  until = ADMIN_SETUP_PRINTED,
): Promise<Started> {
  const child = spawn(process.execPath, ["--import", TSX, `${REPO}server/main.ts`, ...args], {
    env: cleanEnv(env),
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let ready = false;
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    const exited = (code: number | null) => {
      clearTimeout(timer);
      reject(Object.assign(new Error(`exited ${code}`), { run: { status: code, stdout, stderr } }));
    };
    child.once("exit", exited);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (ready || !until.test(stdout)) return;
      ready = true;
      clearTimeout(timer);
      child.off("exit", exited);
      resolve({ stdout, stop: () => stop(child) });
    });
  });
}

/** The refusal a start ended with: its exit status and what it printed. */
export async function refusedStart(args: string[], env: Record<string, string>): Promise<Run> {
  try {
    const started = await startServerMain(args, env);
    await started.stop();
    throw new Error(`started instead of refusing:\n${started.stdout}`);
  } catch (error) {
    const run = (error as { run?: Run }).run;
    if (!run) throw error;
    return run;
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once("exit", () => done());
    child.kill("SIGTERM");
  });
}
