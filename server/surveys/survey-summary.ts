// One survey as the console lists it: title, state, categories, versions with counts, targets.
import { findCategoryQuestion, isChoice } from "../../surveys/format/answers.ts";
import type { AppDeps, RouteDeps } from "../app-deps.ts";
import type { SurveyStore } from "../storage/storage.ts";
import type { CatalogVersion } from "./survey-catalog.ts";
import type { SurveySummary } from "./survey-schemas.ts";

export function categoriesOf(version: CatalogVersion): { code: string; label: string }[] {
  const question = findCategoryQuestion(version.survey);
  return question && isChoice(question)
    ? question.options.map((o) => ({ code: o.code, label: o.label }))
    : [];
}

/** Why `code` cannot be a link's or batch's locked category, or null when it can. */
export function categoryCodeProblem(version: CatalogVersion, code: string): string | null {
  const categories = categoriesOf(version);
  if (categories.some((k) => k.code === code)) return null;
  const known = categories.map((k) => `${k.code}=${k.label}`).join(", ");
  return `"${code}" 不是类别代码；可选：${known}`;
}

/** The label of a category code in a survey version (its current one), or null for none. */
export function categoryLabel(
  version: CatalogVersion | undefined,
  code: string | null,
): string | null {
  if (code === null) return null;
  return (version && categoriesOf(version).find((k) => k.code === code)?.label) ?? code;
}

/** The current version of each survey in `surveyIds`, read once each (for labelling a list). */
export async function currentVersions(deps: Pick<AppDeps, "catalog">, surveyIds: Iterable<string>) {
  const found = new Map<string, CatalogVersion | undefined>();
  for (const id of new Set(surveyIds)) found.set(id, await deps.catalog.current(id));
  return found;
}

export type SurveySummaryDeps = RouteDeps<
  "catalog",
  Pick<SurveyStore, "listVersions" | "surveyState" | "getTargets">
>;

export async function listSurveySummaries(deps: SurveySummaryDeps): Promise<SurveySummary[]> {
  const versions = await deps.storage.listVersions();
  const ids = [...new Set(versions.map((v) => v.surveyId))];
  const summaries: SurveySummary[] = [];
  for (const id of ids) {
    const current = await deps.catalog.current(id);
    if (!current) continue;
    summaries.push({
      id,
      title: current.survey.title,
      state: (await deps.storage.surveyState(id)) ?? "open",
      currentVersion: current.version,
      categories: categoriesOf(current),
      versions: versions
        .filter((v) => v.surveyId === id)
        .map(({ id: versionId, version, createdOn, current: isCurrent, responses }) => ({
          id: versionId,
          version,
          createdOn,
          current: isCurrent,
          responses,
        })),
      targets: await deps.storage.getTargets(id),
    });
  }
  return summaries;
}

export async function findSurveySummary(
  deps: SurveySummaryDeps,
  id: string,
): Promise<SurveySummary | undefined> {
  return (await listSurveySummaries(deps)).find((s) => s.id === id);
}
