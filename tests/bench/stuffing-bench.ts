// What the stuffing defences cost honest respondents (npm run bench -- stuffing): how long 500
// phones behind one NAT address take to all be stored under the default per-address limit, each
// retrying after Retry-After as the phone page does; and how long the optional proof-of-work takes
// the real phone page in Chromium slowed 6× (CDP Emulation.setCPUThrottlingRate), median of runs.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { readConfig } from "../../server/config.ts";
import { button, openPhone, seedDraft } from "../e2e/respondent-steps.ts";
import { launchBrowser } from "../support/browser.ts";
import { startChildServer } from "../support/child-server.ts";
import { fullAnswers, loadSeedSurvey } from "../support/survey-answers.ts";
import { fetchLinkSurvey, submissionBodies } from "./submission-body.ts";

const PHONES = Number(process.env.BENCH_PHONES ?? 500);
const POW_MAX = Number(process.env.BENCH_POW ?? 50_000);
const POW_RUNS = Number(process.env.BENCH_POW_RUNS ?? 15);
const CPU_SLOWDOWN = 6;

export interface StuffingFigures {
  phones: number;
  limitPerMinute: number;
  /** From the moment all phones press Submit together until the last is stored. */
  allStoredSeconds: number;
  /** Stored after each whole minute. */
  storedByMinute: number[];
  refusals: number;
  proofOfWork: {
    maxNumber: number;
    cpuSlowdown: number;
    runs: number;
    medianMs: number;
    maxMs: number;
  };
}

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function startServer(dir: string, name: string, env: Record<string, string>) {
  const server = await startChildServer("server/main.ts", {
    DATABASE_PATH: join(dir, `${name}.db`),
    SURVEYS_DIR: resolve("surveys"),
    DIST_DIR: resolve("dist"),
    ...env,
  });
  const linkId = (await server.waitForOutput(/\/s\/([A-Za-z0-9_-]{21,64})/))[1] ?? "";
  return { server, linkId };
}

/** Every phone submits at t = 0 and, on 429, waits Retry-After plus up to 1 s, like the page. */
async function benchMeetingHall(dir: string, limit: number) {
  const { server, linkId } = await startServer(dir, "hall", {
    SUBMIT_LIMIT_PER_ADDRESS: String(limit),
  });
  try {
    const nextBody = submissionBodies(await fetchLinkSurvey(server.url, linkId));
    const url = `${server.url}/api/links/${linkId}/responses`;
    const storedAt: number[] = [];
    let refusals = 0;
    const start = Date.now();
    const phone = async () => {
      const body = nextBody();
      for (;;) {
        const response = await fetch(url, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body,
        });
        await response.arrayBuffer();
        if (response.status === 201) return storedAt.push(Date.now() - start);
        if (response.status !== 429) throw new Error(`phone refused: HTTP ${response.status}`);
        refusals += 1;
        await wait(Number(response.headers.get("Retry-After") ?? 5) * 1000 + Math.random() * 1000);
      }
    };
    await Promise.all(Array.from({ length: PHONES }, phone));
    const last = Math.max(...storedAt);
    const minutes = Math.ceil(last / 60_000);
    return {
      allStoredSeconds: Math.round(last / 100) / 10,
      storedByMinute: Array.from(
        { length: minutes },
        (_, m) => storedAt.filter((t) => t <= (m + 1) * 60_000).length,
      ),
      refusals,
    };
  } finally {
    await server.stop();
  }
}

/** The real phone page solving real puzzles: from the puzzle's arrival to the POST it allows. */
async function benchProofOfWork(dir: string) {
  const { server, linkId } = await startServer(dir, "pow", {
    SUBMIT_PROOF_OF_WORK: String(POW_MAX),
    PUBLIC_URL: "https://survey.example.test",
  });
  const browser = await launchBrowser();
  try {
    const survey = loadSeedSurvey();
    const phone = await openPhone(browser);
    const { page } = phone;
    const cdp = await page.context().newCDPSession(page);
    const url = `${server.url}/s/${linkId}`;
    const times: number[] = [];
    for (let run = 0; run < POW_RUNS; run++) {
      await seedDraft(page, url, linkId, fullAnswers(survey, "A"), survey.sections.length - 1);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
      let puzzleAt = 0;
      let postedAt = 0;
      const onResponse = (r: { url(): string }) => {
        if (r.url().endsWith("/challenge")) puzzleAt = Date.now();
      };
      const onRequest = (r: { method(): string }) => {
        if (r.method() === "POST") postedAt = Date.now();
      };
      page.on("response", onResponse);
      page.on("request", onRequest);
      await button(page, "提交问卷").click();
      await page.getByText("提交成功，感谢您的参与！").waitFor({ timeout: 300_000 });
      page.off("response", onResponse);
      page.off("request", onRequest);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
      times.push(postedAt - puzzleAt);
    }
    await phone.close();
    return { runs: times.length, medianMs: median(times), maxMs: Math.max(...times) };
  } finally {
    await browser.close();
    await server.stop();
  }
}

export async function benchStuffing(): Promise<StuffingFigures> {
  const dir = mkdtempSync(join(tmpdir(), "survey-stuffing-"));
  const limit = Number(
    process.env.SUBMIT_LIMIT_PER_ADDRESS ?? readConfig({}).submitLimitPerAddress,
  );
  try {
    console.log(`${PHONES} phones behind one address, limit ${limit}/min: submitting…`);
    const hall = await benchMeetingHall(dir, limit);
    console.log(
      `Proof-of-work ${POW_MAX} in Chromium at ${CPU_SLOWDOWN}× CPU slowdown, ${POW_RUNS} runs…`,
    );
    const pow = await benchProofOfWork(dir);
    return {
      phones: PHONES,
      limitPerMinute: limit,
      ...hall,
      proofOfWork: { maxNumber: POW_MAX, cpuSlowdown: CPU_SLOWDOWN, ...pow },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printStuffingFigures(f: StuffingFigures) {
  console.log(`\nStuffing defences`);
  console.log(
    `  ${f.phones} phones, one address, ${f.limitPerMinute}/min: all stored in ${f.allStoredSeconds} s` +
      ` (stored by minute: ${f.storedByMinute.join(", ")}; ${f.refusals} answers were 429)`,
  );
  const p = f.proofOfWork;
  console.log(
    `  proof-of-work ≤ ${p.maxNumber} on the phone page, CPU ${p.cpuSlowdown}× slower: median ${(p.medianMs / 1000).toFixed(1)} s, worst ${(p.maxMs / 1000).toFixed(1)} s of ${p.runs}`,
  );
}

/** `npm run bench -- stuffing`: the figures above, also written to results/latest-stuffing.json. */
export async function mainStuffingOnly() {
  if (!existsSync("dist/.vite/manifest.json")) throw new Error("run npm run build first");
  const figures = await benchStuffing();
  printStuffingFigures(figures);
  const file = resolve("tests/bench/results/latest-stuffing.json");
  mkdirSync(resolve(file, ".."), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), figures }, null, 2)}\n`);
  console.log(`\nFigures written to ${file}`);
}
