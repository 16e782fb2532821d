// A real temporary SQLite store filled with random valid responses to the seed survey, kept
// alongside in memory so tests can count them again with plain loops (the bench keeps none).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nanoid } from "nanoid";
import { toAnswerRows } from "../../server/respondent/answer-rows.ts";
import { createResultsStore } from "../../server/storage/sqlite-results.ts";
import { type FileStores, openSqliteEngine } from "../../server/storage/sqlite-storage.ts";
import { toAsync } from "../../server/storage/synchronous.ts";
import { type CatalogVersion, newVersion } from "../../server/surveys/survey-catalog.ts";
import type { Answers, OtherTexts } from "../../surveys/format/answers.ts";
import { parseSurvey } from "../../surveys/format/parse-survey.ts";
import { resolveSurvey } from "../../surveys/format/resolve-survey.ts";
import type { SurveyInput } from "../../surveys/format/schema.ts";
import { randomAnswers } from "./random-answers.ts";

export interface Generated {
  id: string;
  category: string;
  channel: string;
  day: string;
  locked: string | null;
  answers: Answers;
  otherText: OtherTexts;
}

export interface Spec {
  category: string;
  channel: string;
  day: string;
  locked?: boolean;
}

export interface StoreOptions {
  minBase?: number;
  /** Keep each generated response in memory for counting by hand (tests); the bench does not. */
  keep?: boolean;
  /** Changes the seed survey before it is parsed (an attack's index, grid or label). */
  transform?: (seed: SurveyInput) => SurveyInput;
}

/** The seed survey file as written, for a test to change before the store parses it. */
export const seedSurveyInput = (): SurveyInput =>
  JSON.parse(readFileSync("surveys/political-ecology.json", "utf8"));

export function openTabulationStore({ minBase, keep = true, transform }: StoreOptions = {}) {
  const wanted = transform ? transform(seedSurveyInput()) : seedSurveyInput();
  const parsed = parseSurvey(minBase === undefined ? wanted : { ...wanted, minBase }, "seed");
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  const raw = parsed.survey;
  const dir = mkdtempSync(join(tmpdir(), "survey-tabulate-"));
  const dbPath = join(dir, "t.db");
  // The synchronous engine, to fill the file; tabulation reads `results`, as the worker does.
  const storage = openSqliteEngine(dbPath);
  const { record } = storage.registerSurveyVersion(newVersion(raw, "2026-11-25", "always"));
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
    /** The same database as the async stores the server's routes use (accounts, tokens). */
    stores: toAsync<FileStores>(storage),
    /** What tabulation reads, as the results worker's SQLite reader answers it (chunked stream). */
    results: createResultsStore(storage.db),
    dbPath,
    version,
    generated,
    /**
     * Stores the responses and releases them at once, each on its spec's day (the channel string
     * stands for a channel id): tabulation sees released responses only.
     */
    add(specs: Spec[], random: () => number) {
      const batch = specs.map((spec) => {
        const locked = spec.locked ? spec.category : null;
        const { answers, otherText } = randomAnswers(version.survey, random, spec.category, locked);
        const row: Generated = { id: nanoid(22), ...spec, locked, answers, otherText };
        if (keep) generated.push(row);
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
    /** Closes the store; the file stays until remove(). */
    closeStorage() {
      if (storage.db.open) storage.close();
    },
    close() {
      if (storage.db.open) storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `count` copies of a spec. */
export const times = (count: number, spec: Spec): Spec[] =>
  Array.from({ length: count }, () => spec);
