// The seed survey store (tests/support/tabulation-store.ts) with the survey passed through
// `transform` first (hostile labels, extra indices), and the main table's download input.
import type { ExportInput } from "../../server/export/export-input.ts";
import { createPublicationLedger } from "../../server/tabulate/disclosure/publication-ledger.ts";
import { tabulate } from "../../server/tabulate/tabulate.ts";
import type { SurveyInput } from "../../surveys/format/schema.ts";
import { openTabulationStore } from "./tabulation-store.ts";

export { seedSurveyInput } from "./tabulation-store.ts";
export type Transform = (seed: SurveyInput) => SurveyInput;

export function openCustomStore(transform: Transform, minBase?: number) {
  const store = openTabulationStore({ transform, ...(minBase === undefined ? {} : { minBase }) });
  return {
    ...store,
    /** The main table's download input, as the worker hands it to the writers (no raw sheet). */
    async exportInput(): Promise<ExportInput> {
      const outcome = await tabulate(store.results, createPublicationLedger(), {
        version: store.version,
        state: "closed",
        banner: undefined,
        filter: { channels: null, from: null, to: null },
        asOf: "2026-11-25",
      });
      if (!outcome.ok) throw new Error(outcome.message);
      return {
        tabulation: outcome.tabulation,
        survey: store.version.survey,
        raw: null,
        rawNote: "",
        generatedOn: "2026-11-25",
      };
    },
  };
}

export type CustomStore = ReturnType<typeof openCustomStore>;
