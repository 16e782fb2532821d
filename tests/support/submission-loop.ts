// Shared by the backup test and bench: phones submitting in a loop, the CLI run as a child, and
// which acknowledged responses a database file holds.
import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import { nanoid } from "nanoid";
import { responseIdFor } from "../../server/ballot-box/response-ids.ts";
import { findCategoryQuestion, isChoice } from "../../surveys/format/answers.ts";
import type { Survey } from "../../surveys/format/schema.ts";
import { randomAnswers, seededRandom } from "./random-answers.ts";
import { loadSeedSurvey } from "./survey-answers.ts";

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

/** Runs the CLI as a child without blocking this process, so a load loop here keeps going. */
export function runCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "server/cli/main.ts", ...args], {
    env: { ...process.env, ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((done) =>
    child.once("close", (code) =>
      done({ code, stdout, stderr, seconds: (performance.now() - started) / 1000 }),
    ),
  );
}

export interface Submissions {
  /** Submission ids answered with a 2xx, in the order the answers arrived. */
  acked: string[];
  failures(): number;
  stop(): Promise<void>;
}

/** `concurrency` loops, each posting random valid answers with a fresh submissionId, until stopped. */
export function startSubmissions(
  url: string,
  linkId: string,
  version: number,
  concurrency: number,
  survey: Survey = loadSeedSurvey(),
): Submissions {
  const random = seededRandom(concurrency);
  const question = findCategoryQuestion(survey);
  const categories = question && isChoice(question) ? question.options.map((o) => o.code) : ["A"];
  const acked: string[] = [];
  let failures = 0;
  let running = true;
  const loop = async () => {
    while (running) {
      const submissionId = nanoid();
      const category = categories[Math.floor(random() * categories.length)]!;
      const body = { submissionId, version, ...randomAnswers(survey, random, category) };
      try {
        const response = await fetch(`${url}/api/links/${linkId}/responses`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body),
        });
        await response.arrayBuffer();
        if (response.ok) acked.push(submissionId);
        else failures++;
      } catch {
        failures++;
      }
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  return {
    acked,
    failures: () => failures,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** The version a link serves, read the way a phone reads it. */
export async function linkVersion(url: string, linkId: string): Promise<number> {
  const json: unknown = await (await fetch(`${url}/api/links/${linkId}/survey`)).json();
  if (typeof json !== "object" || json === null || !("version" in json))
    throw new Error("GET survey: no version");
  if (typeof json.version !== "number") throw new Error("GET survey: version is not a number");
  return json.version;
}

/** Ids of `submissionIds` whose response is not in the database at `path`. */
export function missingResponses(path: string, submissionIds: string[]): string[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const find = db.prepare<[string], { id: string }>("SELECT id FROM responses WHERE id = ?");
    return submissionIds.filter((s) => find.get(responseIdFor(s)) === undefined);
  } finally {
    db.close();
  }
}
