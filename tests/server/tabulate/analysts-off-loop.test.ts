// Analysts never stall respondents: on 20,000 responses, results are computed by the worker while
// the server keeps answering; a crashed worker costs one clean 503, and the next request works;
// the long table is caught up in slices that let other work run between them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUpkeep } from "../../../server/ballot-box/upkeep.ts";
import { findCategoryQuestion, isChoice } from "../../../surveys/format/answers.ts";
import { addAccount, sessionCookie } from "../../support/admin-session.ts";
import { seededRandom } from "../../support/random-answers.ts";
import { openTabulationStore, type Spec } from "../../support/tabulation-store.ts";
import {
  dropTestStore,
  startTestServer,
  storeHolding,
  type TestServer,
  type TestStore,
} from "../../support/test-server.ts";

const RESPONSES = 20_000;
const DAYS = ["2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23"];
/** Any banner but the category: every stored response is parsed and tallied again. */
const HEAVY_VIEW = "/api/admin/results?survey=political-ecology&banner=Q2";
const VIEW = "/api/admin/results?survey=political-ecology";

let store: ReturnType<typeof openTabulationStore>;
let held: TestStore | undefined;
let server: TestServer;
let cookie: string;

beforeAll(async () => {
  // Stored straight into the file, as the bench does: 20,000 submissions over HTTP would take minutes.
  store = openTabulationStore({ keep: false });
  const question = findCategoryQuestion(store.version.survey);
  const categories = question && isChoice(question) ? question.options.map((o) => o.code) : ["A"];
  const random = seededRandom(12);
  for (let done = 0; done < RESPONSES; done += 1000) {
    const specs: Spec[] = Array.from({ length: 1000 }, (_, i) => ({
      category: categories[(done + i) % categories.length] ?? "A",
      channel: "t",
      day: DAYS[(done + i) % DAYS.length] ?? "2026-11-20",
    }));
    store.add(specs, random);
  }
  store.closeStorage();
  // On PostgreSQL, the file's rows copied into a database of the test's own.
  held = await storeHolding(store.dbPath);
  server = await startTestServer({ store: held });
  cookie = await sessionCookie(server, await addAccount(server, "fenxi", "analyst"));
}, 180_000);
afterAll(async () => {
  await server?.close();
  if (held) await dropTestStore(held);
  store?.close();
});

const get = (path: string) => fetch(`${server.url}${path}`, { headers: { Cookie: cookie } });

/** Resolves once a results request has reached its handler (it reads the channel labels first). */
function whenHandlerStarts(): Promise<void> {
  const { storage } = server.system.deps;
  const labels = storage.channelLabels;
  return new Promise((started) => {
    storage.channelLabels = () => {
      storage.channelLabels = labels;
      started();
      return labels();
    };
  });
}

describe("while the worker computes results", () => {
  it("answers /healthz before the results view arrives", async () => {
    const events: string[] = [];
    const started = whenHandlerStarts();
    const view = get(HEAVY_VIEW).then(async (response) => {
      await response.text();
      events.push(`results ${response.status}`);
    });
    await started;
    // Computed inline, the handler would hold this very process until the view was written.
    const health = await fetch(`${server.url}/healthz`);
    events.push(`healthz ${health.status}`);
    await view;
    expect(events).toEqual(["healthz 200", "results 200"]);
  });

  it("answers /healthz before a Word report's response begins, and the report is whole", async () => {
    const events: string[] = [];
    const started = whenHandlerStarts();
    const report = get(`${VIEW.replace("results?", "results/report.docx?")}&from=2026-11-21`).then(
      (response) => {
        events.push(`report ${response.status}`);
        return response.arrayBuffer();
      },
    );
    await started;
    const health = await fetch(`${server.url}/healthz`);
    events.push(`healthz ${health.status}`);
    const bytes = Buffer.from(await report);
    expect(events).toEqual(["healthz 200", "report 200"]);
    expect(bytes.subarray(0, 2).toString()).toBe("PK"); // a zip, as a .docx is
  });
});

describe("a crashed worker", () => {
  it("costs one clean 503, is logged in one line, and the next request works", async () => {
    const before = await get(VIEW);
    expect(before.status).toBe(200);
    const first = (await before.json()) as { respondents: number };
    const thread = server.system.deps.results.thread();
    if (!thread) throw new Error("the worker should be running after a view");
    // The worker dies as soon as it is handed the next job, as an out-of-memory kill would.
    const post = thread.postMessage.bind(thread);
    thread.postMessage = (message: unknown) => {
      post(message);
      void thread.terminate();
    };
    const crashed = await get(VIEW);
    expect(crashed.status).toBe(503);
    expect(await crashed.json()).toMatchObject({ error: { code: "unavailable" } });
    expect(server.logs.filter((line) => line.includes('"route":"results-worker"'))).toHaveLength(1);

    const after = await get(VIEW);
    expect(after.status).toBe(200);
    expect(((await after.json()) as { respondents: number }).respondents).toBe(first.respondents);
    expect(server.system.deps.results.thread()).not.toBe(thread);
  });
});

describe("a download the client abandons", () => {
  it("stops the file and leaves the worker serving", async () => {
    const crashes = () => server.logs.filter((line) => line.includes('"route":"results-worker"'));
    const before = crashes().length;
    await get(VIEW); // the worker is running
    const thread = server.system.deps.results.thread();
    const abort = new AbortController();
    const response = await fetch(
      `${server.url}/api/admin/results/export.xlsx?survey=political-ecology`,
      {
        headers: { Cookie: cookie },
        signal: abort.signal,
      },
    );
    expect(response.status).toBe(200);
    const reader = response.body?.getReader();
    await reader?.read();
    abort.abort();
    await reader?.cancel().catch(() => {});
    const after = await get(VIEW);
    expect(after.status).toBe(200);
    expect(server.system.deps.results.thread()).toBe(thread);
    expect(crashes()).toHaveLength(before);
  });
});

describe("catching up the long table", () => {
  it("expands at most 500 responses per slice and lets other work run between slices", async () => {
    let pending = 2_000;
    const slices: number[] = [];
    const between: number[] = [];
    const upkeep = createUpkeep({
      release: async () => 0,
      async expand(limit) {
        const n = Math.min(limit, pending);
        pending -= n;
        slices.push(n);
        return n;
      },
      pending: async () => pending,
      truncateLog: async () => true,
      rebuildFile: async () => {},
      log: () => {},
    });
    // Other work queued meanwhile (a submission's I/O, say) runs before the catch-up ends.
    setImmediate(() => between.push(slices.length));
    await upkeep.catchUpInSlices();
    upkeep.stop();
    expect(pending).toBe(0);
    expect(Math.max(...slices)).toBeLessThanOrEqual(500);
    expect(between).toHaveLength(1);
    expect(between[0]).toBeLessThan(slices.length);
  });
});
