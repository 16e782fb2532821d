// Prints the results bench: full-banner time against the raw GROUP BY baseline, and the
// streamed workbook's time and memory, with PASS/FAIL against the goals.
import { printTable } from "./print-results.ts";
import type { ResultsFigures } from "./results-bench.ts";

/** The full banner may take at most this multiple of the baseline GROUP BY. */
export const BANNER_RATIO_GOAL = 2;
export const SMALL_BANNER_MS_GOAL = 50;
export const WORKBOOK_RSS_MB_GOAL = 300;

const ms = (x: number) => `${x.toFixed(0)} ms`;
const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");

export function printResultsFigures(f: ResultsFigures) {
  printTable(
    "Results: full banner (28 questions × 11 categories, shaped, disclosure control applied), median of 5",
    [
      "responses",
      "answer rows",
      "full banner",
      "baseline GROUP BY",
      "ratio",
      "goal",
      "",
      "filtered (Q2, days)",
    ],
    f.banners.map((b) => {
      const ratio = b.fullBannerMs / b.baselineMs;
      const small = b.responses <= 2000;
      const ok = small ? b.fullBannerMs <= SMALL_BANNER_MS_GOAL : ratio <= BANNER_RATIO_GOAL;
      return [
        String(b.responses),
        String(b.answerRows),
        ms(b.fullBannerMs),
        ms(b.baselineMs),
        `${ratio.toFixed(2)}×`,
        small ? `≤ ${SMALL_BANNER_MS_GOAL} ms` : `≤ ${BANNER_RATIO_GOAL}×`,
        verdict(ok),
        ms(b.filteredBannerMs),
      ];
    }),
  );
  console.log(
    "baseline: SELECT question, category, option, count(*) over a plain long table (question,\n" +
      "category, option, response_id) with a covering index, built from the same answers, same run.",
  );
  const w = f.workbook;
  if ("unavailable" in w) {
    console.log(`\nWorkbook download: unavailable (${w.unavailable})`);
    return;
  }
  printTable(
    `Workbook download over HTTP from a real server (${w.responses} responses, raw data sheet included)`,
    ["time", "size", "server RSS idle", "server peak RSS", "goal", ""],
    [
      [
        `${w.seconds.toFixed(1)} s`,
        `${(w.bytes / 1024 / 1024).toFixed(1)} MB`,
        `${w.idleRssMb.toFixed(0)} MB`,
        `${w.peakRssMb.toFixed(0)} MB`,
        `≤ ${WORKBOOK_RSS_MB_GOAL} MB`,
        verdict(w.peakRssMb <= WORKBOOK_RSS_MB_GOAL),
      ],
    ],
  );
}
