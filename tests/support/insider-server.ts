// The real server (`server/main.ts`) as a child process, driven only as an insider could: over
// HTTP with a console token, through the CLI, and by reading the files it writes. It can be
// stopped and started again on the same database (an upgrade, a crash, a config change).
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { responseIdFor } from "../../server/ballot-box/response-ids.ts";
import { newSubmissionId, type Posted, postJson } from "./api.ts";
import { type ChildServer, startChildServer } from "./child-server.ts";
import { runCli } from "./submission-loop.ts";

export interface InsiderServer {
  url: string;
  dir: string;
  dbPath: string;
  /** A console request with an admin's API token (made with the CLI). */
  api(method: string, path: string, body?: unknown): Promise<Posted & { text: string }>;
  /** A console download: its status and bytes. */
  download(path: string): Promise<{ status: number; bytes: Buffer }>;
  /** A console request left unread: the caller reads the body at its own pace. */
  open(path: string): Promise<Response>;
  /** Makes a link through the console API; returns its id. */
  createLink(label: string, category?: string): Promise<string>;
  /** Submits `answers` through a link (or a code) as a phone would; returns the stored id. */
  submit(
    entry: { link: string } | { code: string },
    body: { answers: Record<string, unknown>; otherText?: Record<string, string> },
  ): Promise<{ status: number; responseId: string }>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const PASSWORD = "insider passphrase 2026";

/** `surveyId`: the survey its links serve (the seed unless a test asks for another). */
export async function startInsiderServer(
  surveysDir = resolve("surveys"),
  surveyId = "political-ecology",
): Promise<InsiderServer> {
  const dir = mkdtempSync(join(tmpdir(), "insider-"));
  const dbPath = join(dir, "survey.db");
  const env = { DATABASE_PATH: dbPath, SURVEYS_DIR: surveysDir, DIST_DIR: resolve("dist") };
  let child: ChildServer = await startChildServer("server/main.ts", env);
  const made = await runCli(["admin", "create", "--username", "chief", "--role", "admin"], {
    ...env,
    ADMIN_PASSWORD: PASSWORD,
  });
  if (made.code !== 0) throw new Error(`admin create: ${made.stderr}`);
  const issued = await runCli(["admin", "token", "--username", "chief"], env);
  const token = issued.stdout.trim().split("\n").at(-1) ?? "";
  const versions = new Map<string, number>();

  const server: InsiderServer = {
    get url() {
      return child.url;
    },
    dir,
    dbPath,
    async api(method, path, body) {
      const response = await fetch(`${child.url}/api${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // a download or a page: keep the text
      }
      return { status: response.status, body: parsed, text };
    },
    open: (path) =>
      fetch(`${child.url}/api${path}`, { headers: { Authorization: `Bearer ${token}` } }),
    async download(path) {
      const response = await fetch(`${child.url}/api${path}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
    },
    async createLink(label, category) {
      const answer = await server.api("POST", "/admin/links", {
        surveyId,
        label,
        ...(category ? { category } : {}),
      });
      const id = (answer.body as { link?: { id?: string } }).link?.id;
      if (answer.status !== 201 || !id) throw new Error(`link: ${answer.text}`);
      return id;
    },
    async submit(entry, body) {
      const path = "link" in entry ? `links/${entry.link}` : `codes/${entry.code}`;
      let version = versions.get(path);
      if (version === undefined) {
        const boot = await fetch(`${child.url}/api/${path}/survey`);
        version = ((await boot.json()) as { version: number }).version;
        versions.set(path, version);
      }
      const submissionId = newSubmissionId();
      const posted = await postJson(`${child.url}/api/${path}/responses`, {
        submissionId,
        version,
        ...body,
      });
      return { status: posted.status, responseId: responseIdFor(submissionId) };
    },
    async restart() {
      await child.stop();
      child = await startChildServer("server/main.ts", env);
    },
    stop: () => child.stop(),
  };
  return server;
}

/** Every byte of the database and its -wal, as an insider with a copy of the files holds them. */
export function fileBytes(dbPath: string): Buffer {
  const parts = [readFileSync(dbPath)];
  try {
    parts.push(readFileSync(`${dbPath}-wal`));
  } catch {
    // no log file: nothing more to read
  }
  return Buffer.concat(parts);
}

/** Polls `check` every 250 ms until it holds or `ms` passes; returns how long it took, or null. */
export async function within(ms: number, check: () => boolean | Promise<boolean>) {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > ms) return null;
    await new Promise((done) => setTimeout(done, 250));
  }
}
