// The seed report's scale for the print-layout tests: 1,652 random responses to the seed survey
// spread over its 11 categories, tabulated and released like a real download (real SQLite file).

import type { ExportInput, RawRow } from "../../server/export/export-input.ts";
import { rawResponses } from "../../server/export/raw-responses.ts";
import { createPublicationLedger } from "../../server/tabulate/disclosure/publication-ledger.ts";
import { tabulate } from "../../server/tabulate/tabulate.ts";
import { seededRandom } from "./random-answers.ts";
import { openTabulationStore, times } from "./tabulation-store.ts";

/** 1,652 questionnaires (the seed report's part one), by 您的身份是？ option code. */
export const SEED_REPORT_CATEGORIES: Record<string, number> = {
  A: 96,
  B: 88,
  C: 172,
  D: 310,
  E: 64,
  F: 58,
  G: 150,
  H: 120,
  I: 214,
  J: 280,
  K: 100,
};
export const SEED_REPORT_RESPONSES = 1652;

/** Builds the download input; the store's file is removed before it resolves. */
export async function buildSeedReportInput(seed = 2026): Promise<ExportInput> {
  const store = openTabulationStore();
  try {
    const days = ["2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23"];
    store.add(
      Object.entries(SEED_REPORT_CATEGORIES).flatMap(([category, count]) =>
        days.flatMap((day, d) =>
          times(Math.floor(count / days.length) + (d < count % days.length ? 1 : 0), {
            category,
            channel: d % 2 === 0 ? "县直单位" : "乡镇党委",
            day,
          }),
        ),
      ),
      seededRandom(seed),
    );
    const outcome = await tabulate(store.results, createPublicationLedger(), {
      version: store.version,
      state: "closed",
      banner: undefined,
      filter: { channels: null, from: null, to: null },
      asOf: "2026-11-25",
    });
    if (!outcome.ok) throw new Error(outcome.message);
    const { tabulation } = outcome;
    const ids = store.storage.db
      .prepare("SELECT id FROM responses")
      .pluck()
      .all()
      .filter((id): id is string => typeof id === "string");
    const release = rawResponses(store.results, ids, store.version.survey, tabulation, true);
    // Materialised: the rows are read from the store, which is closed below.
    const rows: RawRow[] = [];
    if (release.raw) for await (const row of release.raw.rows) rows.push(row);
    const raw = release.raw ? { header: release.raw.header, rows } : null;
    return {
      tabulation,
      survey: store.version.survey,
      raw,
      rawNote: release.note,
      generatedOn: "2026-11-25",
    };
  } finally {
    store.close();
  }
}
