// What the results pickers offer for one survey: versions with counts, banner questions, and the
// channels and days present. Counts and labels only.
import { listQuestions } from "../../surveys/format/answers.ts";
import type { AppDeps } from "../app-deps.ts";
import type { ResultsOptions } from "./results-schemas.ts";
import { minBaseOf } from "./tabulate.ts";

export function resultsOptions(deps: AppDeps, surveyId: string): ResultsOptions | null {
  const current = deps.catalog.current(surveyId);
  if (!current) return null;
  const versions = deps.storage.listVersions().filter((v) => v.surveyId === surveyId);
  return {
    survey: surveyId,
    versions: versions.map((v) => ({ version: v.version, responses: v.responses })),
    current: current.version,
    banners: listQuestions(current.survey)
      .filter((q) => q.kind === "single")
      .map((q) => ({ question: q.code, text: q.text })),
    channels: deps.storage.responseChannels(current.id),
    days: deps.storage.responseDays(current.id),
    minBase: minBaseOf(current.survey),
  };
}
