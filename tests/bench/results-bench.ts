// Times the full banner (28 questions × 11 categories, shaped, suppression applied) at 1,652 and
// 100,000 responses against one raw GROUP BY over a covering index built from the same data, in the
// same run; then downloads the 100,000-response workbook from a real server and reads its peak RSS.

import { resolve } from "node:path";
import { createAccount, issueApiToken } from "../../server/admin/accounts.ts";
import { createPublicationLedger } from "../../server/tabulate/disclosure/publication-ledger.ts";
import { tabulate } from "../../server/tabulate/tabulate.ts";
import { findCategoryQuestion, isChoice } from "../../surveys/format/answers.ts";
import { startChildServer } from "../support/child-server.ts";
import { seededRandom } from "../support/random-answers.ts";
import { openTabulationStore, type Spec } from "../support/tabulation-store.ts";
import { memoryOf } from "./server-memory.ts";

export interface BannerFigures {
  responses: number;
  answerRows: number;
  fullBannerMs: number;
  baselineMs: number;
  filteredBannerMs: number;
}

export interface WorkbookFigures {
  responses: number;
  seconds: number;
  bytes: number;
  idleRssMb: number;
  peakRssMb: number;
}

export interface ResultsFigures {
  banners: BannerFigures[];
  workbook: WorkbookFigures | { unavailable: string };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
/** Runs one after another, each awaited: the worker runs its jobs so. */
async function timeMedian(runs: number, work: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return median(times);
}

const DAYS = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, "0")}`);
const CHANNELS = ["乡镇党委", "县直单位", "学校", "医院", "村(社区)"];

function fill(store: ReturnType<typeof openTabulationStore>, count: number) {
  const question = findCategoryQuestion(store.version.survey);
  const categories = question && isChoice(question) ? question.options.map((o) => o.code) : ["A"];
  const random = seededRandom(count);
  for (let done = 0; done < count; done += 1000) {
    const specs: Spec[] = Array.from({ length: Math.min(1000, count - done) }, (_, i) => ({
      category: categories[(done + i) % categories.length]!,
      channel: CHANNELS[(done + i) % CHANNELS.length]!,
      day: DAYS[(done + i) % DAYS.length]!,
    }));
    store.add(specs, random);
  }
}

async function timeBanners(
  store: ReturnType<typeof openTabulationStore>,
  count: number,
): Promise<BannerFigures> {
  const { db } = store.storage;
  const request = (banner: string | undefined, from: string | null) => ({
    version: store.version,
    state: "open" as const,
    banner,
    filter: { channels: null, from, to: null },
    asOf: "2026-11-30",
  });
  const full = async () => {
    // A fresh ledger each time: a repeated identical view is what the timing should price.
    const outcome = await tabulate(
      store.results,
      createPublicationLedger(),
      request(undefined, null),
    );
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome;
  };
  const fullBannerMs = await timeMedian(5, full);
  const filteredBannerMs = await timeMedian(3, () =>
    tabulate(store.results, createPublicationLedger(), request("Q2", "2026-11-02")),
  );
  // The baseline: a plain long table that carries the category, with a covering index.
  db.exec(`CREATE TABLE baseline_answers (
             question TEXT NOT NULL, category TEXT NOT NULL, option TEXT NOT NULL,
             response_id TEXT NOT NULL)`);
  db.prepare(
    `INSERT INTO baseline_answers SELECT question, category, option, response_id FROM answers
      WHERE survey_version_id = ?`,
  ).run(store.version.id);
  db.exec("CREATE INDEX baseline_cover ON baseline_answers (question, category, option)");
  const groupBy = db.prepare(
    "SELECT question, category, option, count(*) AS n FROM baseline_answers GROUP BY question, category, option",
  );
  const baselineMs = await timeMedian(5, () => groupBy.all());
  const answerRows = (
    db.prepare("SELECT count(*) AS n FROM baseline_answers").get() as { n: number }
  ).n;
  db.exec("DROP TABLE baseline_answers");
  return { responses: count, answerRows, fullBannerMs, baselineMs, filteredBannerMs };
}

/** Peak and current resident memory of a process, in MB. */
function memoryMbOf(pid: number): { peakMb: number; rssMb: number } {
  const { hwm, rss } = memoryOf(pid);
  return { peakMb: hwm / 1024, rssMb: rss / 1024 };
}

async function downloadWorkbook(dbPath: string, secret: string, count: number) {
  const server = await startChildServer("server/main.ts", {
    DATABASE_PATH: dbPath,
    SURVEYS_DIR: resolve("surveys"),
    DIST_DIR: resolve("dist"),
  });
  try {
    if (server.pid === undefined) throw new Error("no child pid");
    const idle = memoryMbOf(server.pid);
    const started = performance.now();
    const response = await fetch(
      `${server.url}/api/admin/results/export.xlsx?survey=political-ecology`,
      { headers: { Authorization: `Bearer ${secret}` } },
    );
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
    let bytes = 0;
    const reader = response.body.getReader();
    for (let part = await reader.read(); !part.done; part = await reader.read())
      bytes += part.value.byteLength;
    const seconds = (performance.now() - started) / 1000;
    const after = memoryMbOf(server.pid);
    return { responses: count, seconds, bytes, idleRssMb: idle.rssMb, peakRssMb: after.peakMb };
  } finally {
    await server.stop();
  }
}

export async function benchResults(sizes: number[]): Promise<ResultsFigures> {
  const banners: BannerFigures[] = [];
  let workbook: ResultsFigures["workbook"] = { unavailable: "not run" };
  for (const [index, count] of sizes.entries()) {
    const store = openTabulationStore({ keep: false });
    try {
      console.log(`  generating ${count} responses…`);
      fill(store, count);
      banners.push(await timeBanners(store, count));
      if (index !== sizes.length - 1) continue;
      const admin = await createAccount(
        store.stores,
        { username: "bench", displayName: "bench", role: "analyst", password: "bench-password-1" },
        new Date(),
      );
      if (!admin) throw new Error("could not create the bench account");
      const { secret } = await issueApiToken(store.stores, admin, "bench", new Date());
      store.closeStorage();
      console.log(`  downloading the workbook of ${count} responses…`);
      workbook = await downloadWorkbook(store.dbPath, secret, count).catch((error) => ({
        unavailable: String(error),
      }));
    } finally {
      store.close();
    }
  }
  return { banners, workbook };
}
