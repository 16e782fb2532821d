// Prints the bench figures as plain-text tables with PASS/FAIL against the budgets and goal.

import type { MeasuredRun, ServerRuns } from "./load.ts";
import { BUDGET_JS_CSS_GZIP, BUDGET_TOTAL_GZIP, type PageBytes } from "./page-bytes.ts";
import type { SheetRun, SlipSheetFigures } from "./slip-sheet.ts";
import type { TabulationFigures } from "./tabulation-query.ts";

export interface ThroughputRow {
  connections: number;
  durable: MeasuredRun;
  baseline: MeasuredRun;
}

/** The durable server should reach this share of the baseline's requests per second. */
export const RATIO_GOAL = 0.8;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");

export function printTable(title: string, header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
}

export function printPageBytes(page: PageBytes | { unavailable: string }) {
  if ("unavailable" in page) {
    console.log(`\nPage bytes: unavailable (${page.unavailable})`);
    return;
  }
  printTable(
    "Page bytes (1 KB = 1024 bytes)",
    ["download", "raw", "gzip", "budget (gzip)", ""],
    [
      ...page.files.map((f) => [
        f.path,
        kb(f.raw),
        kb(f.gzip),
        "",
        f.compressed ? "" : "NOT GZIPPED",
      ]),
      ["= HTML (inlines the survey)", kb(page.html.raw), kb(page.html.gzip), "", ""],
      [
        "= JS+CSS (/assets/*)",
        kb(page.jsCss.raw),
        kb(page.jsCss.gzip),
        `≤ ${kb(BUDGET_JS_CSS_GZIP)}`,
        verdict(page.jsCss.gzip <= BUDGET_JS_CSS_GZIP),
      ],
      [
        "= total downloaded",
        kb(page.total.raw),
        kb(page.total.gzip),
        `≤ ${kb(BUDGET_TOTAL_GZIP)}`,
        verdict(page.total.gzip <= BUDGET_TOTAL_GZIP),
      ],
    ],
  );
}

/** Every 201 is in the database; the only extra rows are requests sent but never answered. */
export function storedMatches(run: MeasuredRun): boolean {
  const acked = run.statusCounts["201"] ?? 0;
  return run.stored >= acked && run.stored <= run.sent;
}

const runCells = (run: MeasuredRun) => [
  run.requestsPerSecond.toFixed(0),
  run.p50Ms.toFixed(0),
  run.p99Ms.toFixed(0),
];

export function printThroughput(rows: ThroughputRow[], durable: ServerRuns, baseline: ServerRuns) {
  printTable(
    "Submissions (req/s, latency in ms)",
    ["connections", "durable req/s", "p50", "p99", "baseline req/s", "p50", "p99", "ratio", ""],
    rows.map((r) => {
      const ratio = r.durable.requestsPerSecond / r.baseline.requestsPerSecond;
      const pass = verdict(ratio >= RATIO_GOAL);
      return [
        String(r.connections),
        ...runCells(r.durable),
        ...runCells(r.baseline),
        `${(ratio * 100).toFixed(0)} %`,
        `${pass} (goal ≥ ${RATIO_GOAL * 100} %)`,
      ];
    }),
  );
  printTable(
    "Acknowledged vs stored (measured runs only)",
    [
      "server, connections",
      "sent",
      "201",
      "200",
      "non-2xx",
      "errors",
      "stored",
      "unacked",
      "check",
    ],
    rows.flatMap((r) =>
      (["durable", "baseline"] as const).map((name) => {
        const run = r[name];
        const non2xx = Object.entries(run.statusCounts).filter(([code]) => !code.startsWith("2"));
        return [
          `${name}, ${r.connections}`,
          String(run.sent),
          String(run.statusCounts["201"] ?? 0),
          String(run.statusCounts["200"] ?? 0),
          non2xx.length === 0 ? "0" : non2xx.map(([code, n]) => `${n}×${code}`).join(" "),
          String(run.errors),
          String(run.stored),
          String(run.stored - (run.statusCounts["201"] ?? 0)),
          storedMatches(run) ? "OK" : "MISMATCH",
        ];
      }),
    ),
  );
  for (const [name, server] of [
    ["durable", durable],
    ["baseline", baseline],
  ] as const) {
    const stderr = server.stderr.trim();
    console.log(`${name} server: ${server.serverErrors} × 5xx logged; stderr ${stderr || "empty"}`);
  }
  console.log(
    "errors: timeouts (10 s) and connection errors. unacked: stored but never answered with 201,\n" +
      "i.e. timed out or still in flight when autocannon stopped. OK: every 201 stored, stored ≤ sent.",
  );
}

export function printTabulation(t: TabulationFigures) {
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  printTable(
    `Tabulation query: every question × category × option count, ${t.responses} responses (${t.answerRows} answer rows)`,
    ["query", "median of 3", "vs join"],
    [
      [
        "long table, clustered by (version, question, category, option)",
        ms(t.groupByMs),
        `${(t.joinMs / t.groupByMs).toFixed(1)}× faster`,
      ],
      ["baseline: same counts through a join to responses", ms(t.joinMs), ""],
    ],
  );
  console.log(`plan: ${t.plan}`);
  console.log(
    `loading: ${t.storeSeconds.toFixed(1)} s to store (batches of 500), ${t.expandSeconds.toFixed(1)} s to expand into the long table`,
  );
}

export function printSlipSheet(f: SlipSheetFigures | { unavailable: string }) {
  if ("unavailable" in f) {
    console.log(`\nSlip sheet: unavailable (${f.unavailable})`);
    return;
  }
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  const ratio = (pick: (r: SheetRun) => number) =>
    `${(pick(f.withQr) / Math.max(pick(f.textOnly), 1e-9)).toFixed(1)}×`;
  const rows: [string, (r: SheetRun) => number, (x: number) => string][] = [
    ["server render (median of 3)", (r) => r.renderMs, ms],
    ["HTML raw", (r) => r.htmlBytes, kb],
    ["HTML gzip", (r) => r.gzipBytes, kb],
    ["Chromium load + layout", (r) => r.loadMs, ms],
    ["page.pdf (A4)", (r) => r.pdfMs, ms],
    ["PDF size", (r) => r.pdfBytes, kb],
    ["PDF pages", (r) => r.pdfPages, String],
  ];
  printTable(
    `Code slip sheet: ${f.slips} slips, ${f.slipsPerPage} per A4 page`,
    ["", "with QR", "text only", "QR / text"],
    rows.map(([name, pick, show]) => [
      name,
      show(pick(f.withQr)),
      show(pick(f.textOnly)),
      ratio(pick),
    ]),
  );
  const pages = Math.ceil(f.slips / f.slipsPerPage);
  console.log(`pages: ${verdict(f.withQr.pdfPages === pages)} (expected ${pages})`);
}
