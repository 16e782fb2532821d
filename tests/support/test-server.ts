// Starts the real app on a temporary SQLite file and a free loopback port, for route and browser tests.
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { serve } from "@hono/node-server";
import Database from "better-sqlite3";
import { createApp } from "../../server/app.ts";
import type { UpkeepOptions } from "../../server/ballot-box/upkeep.ts";
import { composeSystem, type System } from "../../server/compose.ts";
import { readConfig } from "../../server/config.ts";
import { createLink, type LinkRequest } from "../../server/links/create-link.ts";
import { parseStoredRows } from "../../server/storage/stored-rows.ts";

export interface TestLinkOptions {
  surveyId?: string;
  label?: string;
  category?: string;
  cap?: number;
  state?: "open" | "paused" | "closed";
  opensAt?: string;
  closesAt?: string;
}

export interface TestServer {
  url: string;
  dbPath: string;
  system: System;
  /** Every access-log line the server wrote. */
  logs: string[];
  createLink(o?: TestLinkOptions): Promise<{ id: string; url: string; channelId: string }>;
  /** The channel id responses through the link or batch with this label carry. */
  channelOf(label: string): string;
  /** A fresh one-time setup link, as `npm start` prints when there is no admin. */
  setupUrl(): string;
  countResponses(): number;
  responseCategories(): string[];
  /** Every stored response's answer rows, from its durable record (released or waiting). */
  answerRows(): { question: string; option: string; text: string | null }[];
  /** The long table's rows: released responses only. */
  longTableRows(): Promise<{ question: string; option: string; text: string | null }[]>;
  /** Runs a read-only query on a second connection, as an auditor would (after a catch-up). */
  query<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  surveysDir?: string;
  env?: Record<string, string>;
  /** Start even if a survey file is refused (to test the refusal). */
  allowErrors?: boolean;
  /** The server's clock, e.g. to expire sessions; default: real time. */
  now?: () => Date;
  /** e.g. a shorter quiet time before the file is rebuilt; default: the server's own. */
  upkeep?: UpkeepOptions;
  /** Reuse this folder's survey.db (a restart), and leave it there on close; default: a new one. */
  dir?: string;
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), "survey-test-"));
  const config = readConfig({
    DATABASE_PATH: join(dir, "survey.db"),
    SURVEYS_DIR: opts.surveysDir ?? resolve("surveys"),
    DIST_DIR: resolve("dist"),
    // Tests submit hundreds through one link from 127.0.0.1; the stuffing tests set their own.
    SUBMIT_LIMIT_PER_ADDRESS: "0",
    ...opts.env,
  });
  const dbPath = config.databasePath;
  const logs: string[] = [];
  const system = await composeSystem(
    config,
    { log: (line) => logs.push(line), ...(opts.now ? { now: opts.now } : {}) },
    opts.upkeep,
  );
  if (system.report.errors.length > 0 && !opts.allowErrors)
    throw new Error(system.report.errors.join("\n"));
  const server = serve({ fetch: createApp(system.deps).fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((done) => server.once("listening", done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Printed links and slips point at this test server.
  system.deps.publicBase = url;
  const reader = new Database(dbPath, { readonly: true });
  // Tests read the long answers table: expand what the indexer has not reached yet.
  const catchUp = () => system.deps.upkeep.catchUp();
  const firstSurvey = system.report.loaded[0]?.surveyId ?? "political-ecology";

  return {
    url,
    dbPath,
    system,
    logs,
    async createLink(o = {}) {
      const request: LinkRequest = {
        surveyId: o.surveyId ?? firstSurvey,
        label: o.label ?? "测试渠道",
        category: o.category,
        cap: o.cap,
        state: o.state,
        opensAt: o.opensAt,
        closesAt: o.closesAt,
      };
      const made = await createLink(system.deps.storage, system.deps.catalog, request, new Date());
      if (!made.ok) throw new Error(`${made.field}: ${made.message}`);
      return { id: made.link.id, url: `${url}/s/${made.link.id}`, channelId: made.link.channelId };
    },
    channelOf(label) {
      const found = reader
        .prepare<[string, string], { id: string }>(
          `SELECT channel_id AS id FROM links WHERE label = ?
           UNION ALL SELECT channel_id FROM code_batches WHERE label = ?`,
        )
        .all(label, label);
      if (found.length !== 1) throw new Error(`${found.length} channels are labelled ${label}`);
      return found[0]?.id ?? "";
    },
    setupUrl: () => `${url}/admin/#setup=${system.deps.setupLink.issue(system.deps.now())}`,
    countResponses: () =>
      (reader.prepare("SELECT count(*) AS n FROM responses").get() as { n: number }).n,
    responseCategories: () =>
      (reader.prepare("SELECT category FROM responses").all() as { category: string }[]).map(
        (r) => r.category,
      ),
    answerRows: () =>
      reader
        .prepare<[], string>("SELECT answers FROM responses")
        .pluck()
        .all()
        .flatMap((json) => parseStoredRows(json))
        .map(([question, option, text]) => ({ question, option, text }))
        .sort((a, b) => (a.question + a.option < b.question + b.option ? -1 : 1)),
    longTableRows: async () =>
      (await catchUp()) ??
      (reader
        .prepare("SELECT question, option, text FROM answers ORDER BY question, option")
        .all() as {
        question: string;
        option: string;
        text: string | null;
      }[]),
    query: async <T>(sql: string, ...params: unknown[]) => {
      await catchUp();
      return reader.prepare(sql).all(...params) as T[];
    },
    async close() {
      await new Promise<void>((done) => server.close(() => done()));
      reader.close();
      await system.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
