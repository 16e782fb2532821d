// A real temporary SQLite store like tests/support/tabulation-store.ts, but for any survey: the seed
// survey passed through `transform` (hostile labels, extra indices), filled with random answers.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nanoid } from "nanoid";
import type { ExportInput } from "../../server/export/export-input.ts";
import { toAnswerRows } from "../../server/responses/answer-rows.ts";
import { openSqliteStorage } from "../../server/storage/sqlite-storage.ts";
import { type CatalogVersion, registerSurvey } from "../../server/surveys/survey-catalog.ts";
import { createPublicationLedger } from "../../server/tabulate/disclosure/publication-ledger.ts";
import { tabulate } from "../../server/tabulate/tabulate.ts";
import { parseSurvey } from "../../surveys/format/parse-survey.ts";
import { resolveSurvey } from "../../surveys/format/resolve-survey.ts";
import type { SurveyInput } from "../../surveys/format/schema.ts";
import { randomAnswers } from "./random-answers.ts";
import type { Generated, Spec } from "./tabulation-store.ts";

export type Transform = (seed: SurveyInput) => SurveyInput;

export const seedSurveyInput = (): SurveyInput =>
  JSON.parse(readFileSync("surveys/political-ecology.json", "utf8"));

export function openCustomStore(transform: Transform, minBase?: number) {
  const wanted = transform(seedSurveyInput());
  const parsed = parseSurvey(minBase === undefined ? wanted : { ...wanted, minBase }, "custom");
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  const raw = parsed.survey;
  const dir = mkdtempSync(join(tmpdir(), "adv15-store-"));
  const dbPath = join(dir, "t.db");
  const storage = openSqliteStorage(dbPath);
  const { record } = registerSurvey(storage, raw, "2026-11-25", "always");
  const version: CatalogVersion = {
    id: record.id,
    surveyId: record.surveyId,
    version: record.version,
    survey: resolveSurvey(raw),
  };
  const linkId = nanoid();
  storage.createLink({
    id: linkId,
    surveyId: record.surveyId,
    channelId: "t",
    label: "t",
    lockedCategory: null,
    cap: null,
    opensAt: null,
    closesAt: null,
    state: "open",
    createdAt: new Date().toISOString(),
  });
  const generated: Generated[] = [];
  return {
    storage,
    dbPath,
    version,
    generated,
    add(specs: Spec[], random: () => number) {
      const batch = specs.map((spec) => {
        const locked = spec.locked ? spec.category : null;
        const { answers, otherText } = randomAnswers(version.survey, random, spec.category, locked);
        const row: Generated = { id: nanoid(22), ...spec, locked, answers, otherText };
        generated.push(row);
        return {
          responseId: row.id,
          via: { kind: "link" as const, id: linkId },
          surveyVersionId: version.id,
          channelId: spec.channel,
          category: spec.category,
          rows: toAnswerRows(version.survey, answers, otherText, locked),
        };
      });
      for (const day of new Set(specs.map((spec) => spec.day))) {
        const onDay = batch.filter((_, i) => specs[i]?.day === day);
        storage.storeResponses(onDay, new Date().toISOString());
        const cells = new Map(onDay.map((r) => [`${r.category}\u0000${r.channelId}`, r] as const));
        storage.releaseCells(
          [...cells.values()].map((r) => ({
            versionId: version.id,
            category: r.category,
            channelId: r.channelId,
          })),
          day,
        );
      }
      while (storage.expandPendingAnswers(1000) > 0);
    },
    /** The main table's download input, as the worker hands it to the writers (no raw sheet). */
    exportInput(): ExportInput {
      const outcome = tabulate(storage, createPublicationLedger(), {
        version,
        state: "closed",
        banner: undefined,
        filter: { channels: null, from: null, to: null },
        asOf: "2026-11-25",
      });
      if (!outcome.ok) throw new Error(outcome.message);
      return {
        tabulation: outcome.tabulation,
        survey: version.survey,
        raw: null,
        rawNote: "",
        generatedOn: "2026-11-25",
      };
    },
    close() {
      if (storage.db.open) storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type CustomStore = ReturnType<typeof openCustomStore>;
