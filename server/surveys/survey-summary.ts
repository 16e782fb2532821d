// One survey as the console lists it: title, state, categories, versions with counts, targets.
import { findCategoryQuestion, isChoice } from "../../surveys/format/answers.ts";
import type { AppDeps } from "../app-deps.ts";
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

/** The label of a category code in the survey's current version, or null for none. */
export function categoryLabel(deps: AppDeps, surveyId: string, code: string | null): string | null {
  if (code === null) return null;
  const version = deps.catalog.current(surveyId);
  return (version && categoriesOf(version).find((k) => k.code === code)?.label) ?? code;
}

export function listSurveySummaries(deps: AppDeps): SurveySummary[] {
  const versions = deps.storage.listVersions();
  const ids = [...new Set(versions.map((v) => v.surveyId))];
  return ids.flatMap((id) => {
    const current = deps.catalog.current(id);
    if (!current) return [];
    return [
      {
        id,
        title: current.survey.title,
        state: deps.storage.surveyState(id) ?? "open",
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
        targets: deps.storage.getTargets(id),
      },
    ];
  });
}

export function findSurveySummary(deps: AppDeps, id: string): SurveySummary | undefined {
  return listSurveySummaries(deps).find((s) => s.id === id);
}
