// Prints the scale bench: durable submissions per setup with the ratio to the SQLite instance, the
// proxy's own cost, and the banner and workbook per engine with their ratio to SQLite.
import { printTable, storedMatches } from "./print-results.ts";
import type { EngineResults } from "./scale-results.ts";
import type { SetupRuns } from "./scale-throughput.ts";

const ms = (x: number) => `${x.toFixed(0)} ms`;
const percent = (x: number) => `${(x * 100).toFixed(0)} %`;
/** Acknowledged (201) submissions per second of the measured run: each one is in the database. */
export const durablePerSecond = (run: SetupRuns["runs"][number]) =>
  (run.statusCounts["201"] ?? 0) / Math.max(run.seconds, 1e-9);

export function printScaleThroughput(setups: SetupRuns[], seconds: number) {
  const sqlite = setups.find((s) => s.engine === "sqlite");
  printTable(
    `Scale: durable submissions (${seconds} s per run after a 2 s warm-up; latency in ms)`,
    ["setup", "connections", "durable/s", "p50", "p99", "stored", "check", "vs SQLite"],
    setups.flatMap((setup) =>
      setup.runs.map((run, i) => {
        const base = sqlite?.runs[i];
        return [
          setup.name,
          String(run.connections),
          durablePerSecond(run).toFixed(0),
          run.p50Ms.toFixed(0),
          run.p99Ms.toFixed(0),
          String(run.stored),
          storedMatches(run) ? "OK" : "MISMATCH",
          base ? percent(durablePerSecond(run) / Math.max(durablePerSecond(base), 1e-9)) : "",
        ];
      }),
    ),
  );
  const direct = setups.find((s) => s.engine === "postgres" && !s.proxy);
  const proxied = setups.find((s) => s.engine === "postgres" && s.proxy && s.instances === 1);
  if (direct && proxied)
    console.log(
      `proxy's own cost (1 PostgreSQL instance behind it / direct): ${proxied.runs
        .map((run, i) => {
          const plain = direct.runs[i];
          const ratio = plain ? durablePerSecond(run) / Math.max(durablePerSecond(plain), 1e-9) : 0;
          return `${percent(ratio)} at ${run.connections}`;
        })
        .join(", ")}`,
    );
  for (const setup of setups) {
    const failures = setup.runs.map((r) => r.non2xx + r.errors).reduce((a, b) => a + b, 0);
    const stderr = setup.stderr ? `; stderr ${setup.stderr.slice(0, 300)}` : "";
    console.log(
      `${setup.name}: ${failures} non-2xx or errors, ${setup.serverErrors} × 5xx logged${stderr}`,
    );
  }
  console.log(
    "durable/s: 201s per second, each counted in the database (stored ≥ 201s, stored ≤ sent: OK).\n" +
      "proxy: the bench's Node round-robin on loopback (tests/bench/round-robin-proxy.ts).",
  );
}

export function printScaleResults(engines: EngineResults[]) {
  const sqlite = engines.find((e) => e.engine === "sqlite");
  const ratio = (x: number, base: number | undefined) =>
    base === undefined ? "" : `${(x / Math.max(base, 1e-9)).toFixed(2)}×`;
  const sqliteWorkbook = sqlite && "seconds" in sqlite.workbook ? sqlite.workbook : undefined;
  printTable(
    `Scale: full category banner and workbook over HTTP, ${engines[0]?.responses ?? 0} responses, one instance`,
    [
      "engine",
      "preload",
      "first view",
      "banner (median of 5)",
      "vs SQLite",
      "XLSX",
      "size",
      "peak RSS",
      "vs SQLite",
    ],
    engines.map((e) => {
      const w = e.workbook;
      const workbook =
        "seconds" in w
          ? [
              `${w.seconds.toFixed(1)} s`,
              `${(w.bytes / 1024 / 1024).toFixed(1)} MB`,
              `${w.peakRssMb.toFixed(0)} MB`,
              ratio(w.seconds, sqliteWorkbook?.seconds),
            ]
          : [`unavailable: ${w.unavailable}`, "", "", ""];
      return [
        e.engine === "sqlite" ? "SQLite" : "PostgreSQL",
        `${e.preloadSeconds.toFixed(1)} s`,
        ms(e.firstViewMs),
        ms(e.bannerMs),
        ratio(e.bannerMs, sqlite?.bannerMs),
        ...workbook,
      ];
    }),
  );
  console.log(
    "banner: GET /api/admin/results?survey=political-ecology as an analyst (API token), after the\n" +
      "start's file rebuild; first view not in the median. XLSX: export.xlsx, streamed, read whole.",
  );
}
