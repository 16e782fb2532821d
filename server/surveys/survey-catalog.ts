// Loads survey files into versions at start, and serves each version parsed and resolved from memory.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseSurvey, parseSurveyText } from "../../surveys/format/parse-survey.ts";
import { resolveSurvey } from "../../surveys/format/resolve-survey.ts";
import type { Survey } from "../../surveys/format/schema.ts";
import type { RegisteredVersion, SurveyStore } from "../storage/storage.ts";

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
  /** Read from the database each time: another instance may have published a version since. */
  current(surveyId: string): Promise<CatalogVersion | undefined>;
  /** A version never changes, so it is parsed once and kept. */
  byVersionId(id: number): Promise<CatalogVersion | undefined>;
}

/**
 * Every `*.json` directly in `dir` is a survey. If any file is invalid, none is registered: a start
 * that is refused (server/start-server.ts) must leave the database as it found it.
 */
export async function loadSurveyFiles(
  storage: Pick<SurveyStore, "registerSurveyVersion">,
  dir: string,
  today: string,
): Promise<LoadReport> {
  const report: LoadReport = { loaded: [], errors: [] };
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith(".json"));
  } catch (error) {
    report.errors.push(
      `${dir}: cannot read the surveys folder (${(error as NodeJS.ErrnoException).code})`,
    );
    return report;
  }
  const parsed = names.sort().map((name) => {
    const file = join(dir, name);
    const source = relative(process.cwd(), file) || file;
    return { source, result: parseSurveyText(readFileSync(file, "utf8"), source) };
  });
  for (const { result } of parsed) if (!result.ok) report.errors.push(...result.errors);
  if (report.errors.length > 0) return report;
  for (const { source, result } of parsed) {
    if (!result.ok) continue;
    const { record } = await registerSurvey(storage, result.survey, today, "if-new");
    report.loaded.push({ file: source, surveyId: record.surveyId, version: record.version });
  }
  return report;
}

/** The text a version stores for a survey: the same content always gives the same text. */
export function versionDefinition(survey: Survey): string {
  const { $schema: _editorHint, ...content } = survey;
  return JSON.stringify(content);
}

/** What registering a checked survey stores: unchanged content keeps its version number. */
export function newVersion(survey: Survey, today: string, makeCurrent: "always" | "if-new") {
  const definition = versionDefinition(survey);
  const contentHash = createHash("sha256").update(definition).digest("hex");
  return { surveyId: survey.id, contentHash, definition, today, makeCurrent };
}

/** Stores a checked survey as a version: unchanged content keeps its version number. */
export function registerSurvey(
  storage: Pick<SurveyStore, "registerSurveyVersion">,
  survey: Survey,
  today: string,
  makeCurrent: "always" | "if-new",
): Promise<RegisteredVersion> {
  return storage.registerSurveyVersion(newVersion(survey, today, makeCurrent));
}

export function createSurveyCatalog(
  storage: Pick<SurveyStore, "getSurveyVersion" | "currentVersionId">,
): SurveyCatalog {
  const cache = new Map<number, CatalogVersion>();
  const byVersionId = async (id: number): Promise<CatalogVersion | undefined> => {
    const cached = cache.get(id);
    if (cached) return cached;
    const record = await storage.getSurveyVersion(id);
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
    async current(surveyId) {
      const id = await storage.currentVersionId(surveyId);
      return id === undefined ? undefined : byVersionId(id);
    },
  };
}
