// What the results pickers offer for one survey: versions with counts, banner questions, and the
// channels and days present. Counts and labels only.
import { listQuestions } from "../../surveys/format/answers.ts";
import type { RouteDeps } from "../app-deps.ts";
import type { LinkStore, ResponseStore, SurveyStore } from "../storage/storage.ts";
import type { ResultsOptions } from "./results-schemas.ts";
import { minBaseOf } from "./tabulate.ts";

export type ResultsOptionsDeps = RouteDeps<
  "catalog",
  Pick<LinkStore, "channelLabels"> &
    Pick<ResponseStore, "responseChannels" | "responseDays"> &
    Pick<SurveyStore, "listVersions">
>;

/** Channel ids present in released responses, with their current labels, in label order. */
async function channelsOf(deps: ResultsOptionsDeps, versionId: number) {
  const labels = await deps.storage.channelLabels();
  return (await deps.storage.responseChannels(versionId))
    .map((id) => ({ id, label: labels.get(id) ?? id }))
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

export async function resultsOptions(
  deps: ResultsOptionsDeps,
  surveyId: string,
): Promise<ResultsOptions | null> {
  const current = await deps.catalog.current(surveyId);
  if (!current) return null;
  const versions = (await deps.storage.listVersions()).filter((v) => v.surveyId === surveyId);
  return {
    survey: surveyId,
    versions: versions.map((v) => ({ version: v.version, responses: v.responses })),
    current: current.version,
    banners: listQuestions(current.survey)
      .filter((q) => q.kind === "single")
      .map((q) => ({ question: q.code, text: q.text })),
    channels: await channelsOf(deps, current.id),
    days: await deps.storage.responseDays(current.id),
    minBase: minBaseOf(current.survey),
  };
}
