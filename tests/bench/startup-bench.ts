// Start-up to the first served page (npm run bench -- startup): from spawning the server to the
// first 200 for a respondent page, on a fresh database and on one with 1,652 responses. Compared
// in one run: the compiled server (`npm start` runs it), the release's `bin/survey start`, the old
// `npm start` (a Vite build, then tsx), and the baseline: the TypeScript sources under tsx alone.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startChildCommand } from "../support/child-server.ts";
import { readLinks } from "../support/cli-links.ts";
import { preloadStore } from "./preload-store.ts";

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

interface Way {
  name: string;
  command: [string, ...string[]];
  /** `--import tsx` is resolved from here; the others start from / like a service. */
  cwd: string;
  env?: Record<string, string>;
}

/** Milliseconds from spawn to the first 200 on a respondent page. */
async function timeToFirstPage(way: Way, db: string): Promise<number> {
  const started = performance.now();
  const server = await startChildCommand(
    way.command,
    { ...way.env, DATABASE_PATH: db },
    {
      cwd: way.cwd,
    },
  );
  const link = readLinks(db)[0]!;
  const page = await fetch(`${server.url}/s/${link.id}`);
  const ms = performance.now() - started;
  if (page.status !== 200) throw new Error(`${way.name}: page answered ${page.status}`);
  await server.stop();
  return ms;
}

export interface StartupRow {
  way: string;
  freshMs: number;
  withResponsesMs: number;
  ratioToBaseline: number;
}

export async function benchStartup(withResponses: string): Promise<StartupRow[]> {
  const work = mkdtempSync(join(tmpdir(), "survey-startup-"));
  try {
    execFileSync(process.execPath, ["server/deploy/make-release.mjs", "--out", work]);
    const archive = readdirSync(work).find((name) => name.endsWith(".tar.gz"))!;
    execFileSync("tar", ["-xzf", join(work, archive), "-C", work]);
    const top = join(work, archive.replace(/\.tar\.gz$/, ""));
    const vite = resolve("node_modules/vite/bin/vite.js");
    const pages = join(work, "pages");
    const ways: Way[] = [
      {
        // The old `npm start`: `vite build && tsx server/main.ts` (into its own folder here, so
        // the compiled server beside it keeps its dist/).
        name: "npm start before (vite build, then tsx)",
        command: [
          "sh",
          "-c",
          `"${process.execPath}" "${vite}" build --logLevel warn --outDir "${pages}" --emptyOutDir && exec "${process.execPath}" --import tsx server/main.ts`,
        ],
        cwd: process.cwd(),
        env: { DIST_DIR: pages },
      },
      {
        name: "tsx on the sources (before)",
        command: [process.execPath, "--import", "tsx", resolve("server/main.ts")],
        cwd: process.cwd(),
      },
      {
        name: "compiled (npm start)",
        command: [process.execPath, resolve("dist/server/main.js")],
        cwd: "/",
      },
      { name: "release (bin/survey start)", command: [join(top, "bin/survey"), "start"], cwd: "/" },
    ];
    const times = new Map(
      ways.map((way) => [way.name, { fresh: [] as number[], full: [] as number[] }]),
    );
    // Interleaved, so a slow moment of the machine falls on every way alike.
    for (let run = 0; run < RUNS; run++) {
      for (const way of ways) {
        const fresh = join(work, `fresh-${run}-${ways.indexOf(way)}`, "survey.db");
        mkdirSync(join(fresh, ".."));
        times.get(way.name)!.fresh.push(await timeToFirstPage(way, fresh));
        const full = join(work, `full-${run}-${ways.indexOf(way)}.db`);
        copyFileSync(withResponses, full);
        times.get(way.name)!.full.push(await timeToFirstPage(way, full));
      }
    }
    // The baseline is tsx on the sources alone: what the compiled start replaces at run time.
    const baseline = median(times.get(ways[1]!.name)!.fresh);
    return ways.map((way) => {
      const t = times.get(way.name)!;
      return {
        way: way.name,
        freshMs: median(t.fresh),
        withResponsesMs: median(t.full),
        ratioToBaseline: median(t.fresh) / baseline,
      };
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function printStartup(rows: StartupRow[]) {
  console.log(`\nStart-up to the first served page (median of ${RUNS}, spawn → 200 on /s/<link>)`);
  console.log("| how it runs | fresh database | 1,652 responses | ratio to tsx (fresh) |");
  console.log("|---|---:|---:|---:|");
  for (const row of rows)
    console.log(
      `| ${row.way} | ${row.freshMs.toFixed(0)} ms | ${row.withResponsesMs.toFixed(0)} ms | ${row.ratioToBaseline.toFixed(2)} |`,
    );
}

export async function mainStartupOnly() {
  const results = resolve("tests/bench/results/latest-startup.json");
  // The seed report's 1,652 questionnaires, released on one day, in a file the server reopens.
  const store = preloadStore(1652, () => "2026-11-20");
  try {
    store.closeStorage();
    const rows = await benchStartup(store.dbPath);
    printStartup(rows);
    mkdirSync(resolve(results, ".."), { recursive: true });
    writeFileSync(
      results,
      `${JSON.stringify({ date: new Date().toISOString(), rows }, null, 2)}\n`,
    );
    console.log(`\nFigures written to ${results}`);
  } finally {
    store.close();
  }
}
