// Loads survey files into versions at start, and serves each version parsed and resolved from memory.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseSurvey, parseSurveyText } from "../../surveys/format/parse-survey.ts";
import { resolveSurvey } from "../../surveys/format/resolve-survey.ts";
import type { Survey } from "../../surveys/format/schema.ts";
import type { Storage } from "../storage/storage.ts";

export interface CatalogVersion {
  id: number;
  surveyId: string;
  version: number;
  /** Variables filled in: what respondents read. */
  survey: Survey;
}

export interface LoadReport {
  loaded: { file: string; surveyId: string; version: number }[];
  errors: string[];
}

export interface SurveyCatalog {
  current(surveyId: string): CatalogVersion | undefined;
  byVersionId(id: number): CatalogVersion | undefined;
}

/** Every `*.json` directly in `dir` is a survey; an invalid one is refused with precise errors. */
export function loadSurveyFiles(storage: Storage, dir: string, today: string): LoadReport {
  const report: LoadReport = { loaded: [], errors: [] };
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort();
  for (const name of files) {
    const file = join(dir, name);
    const source = relative(process.cwd(), file) || file;
    const parsed = parseSurveyText(readFileSync(file, "utf8"), source);
    if (!parsed.ok) {
      report.errors.push(...parsed.errors);
      continue;
    }
    const { record } = registerSurvey(storage, parsed.survey, today, "if-new");
    report.loaded.push({ file: source, surveyId: record.surveyId, version: record.version });
  }
  return report;
}

/** Stores a checked survey as a version: unchanged content keeps its version number. */
export function registerSurvey(
  storage: Storage,
  survey: Survey,
  today: string,
  makeCurrent: "always" | "if-new",
) {
  const { $schema: _editorHint, ...content } = survey;
  const definition = JSON.stringify(content);
  const hash = createHash("sha256").update(definition).digest("hex");
  return storage.registerSurveyVersion(survey.id, hash, definition, today, makeCurrent);
}

export function createSurveyCatalog(storage: Storage): SurveyCatalog {
  const cache = new Map<number, CatalogVersion>();
  const byVersionId = (id: number): CatalogVersion | undefined => {
    const cached = cache.get(id);
    if (cached) return cached;
    const record = storage.getSurveyVersion(id);
    if (!record) return undefined;
    // Stored definitions were validated when registered; parse again rather than trust a cast.
    const parsed = parseSurvey(JSON.parse(record.definition), `survey version ${id}`);
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    const version = {
      id,
      surveyId: record.surveyId,
      version: record.version,
      survey: resolveSurvey(parsed.survey),
    };
    cache.set(id, version);
    return version;
  };
  return {
    byVersionId,
    current(surveyId) {
      const id = storage.currentVersionId(surveyId);
      return id === undefined ? undefined : byVersionId(id);
    },
  };
}
