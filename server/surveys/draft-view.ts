// A stored draft as the console sees it: its JSON, its problems, and the version it came from.
import type { RouteDeps } from "../app-deps.ts";
import type { DraftRecord } from "../storage/draft-records.ts";
import type { SurveyStore } from "../storage/storage.ts";
import { checkDraft, problemsOf } from "./draft-problems.ts";
import type { DraftSummary, DraftView } from "./draft-schemas.ts";

/** Stored drafts were written by JSON.stringify (draft-problems.ts draftText). */
export const draftJson = (draft: DraftRecord): unknown => JSON.parse(draft.definition);

/** The version a draft was started from, if any: one read. */
export type DraftViewDeps = RouteDeps<never, Pick<SurveyStore, "getSurveyVersion">>;

export async function basedOnOf(deps: DraftViewDeps, draft: DraftRecord) {
  const version =
    draft.basedOnVersionId === null
      ? undefined
      : await deps.storage.getSurveyVersion(draft.basedOnVersionId);
  return version ? { surveyId: version.surveyId, version: version.version } : null;
}

export async function viewDraft(deps: DraftViewDeps, draft: DraftRecord): Promise<DraftView> {
  const survey = draftJson(draft);
  return {
    id: draft.id,
    survey,
    problems: problemsOf(checkDraft(survey)),
    updatedAt: draft.updatedAt,
    revision: draft.revision,
    basedOn: await basedOnOf(deps, draft),
  };
}

const field = (value: unknown, key: string) => {
  const found = typeof value === "object" && value !== null ? Object.entries(value) : [];
  const text = found.find(([k]) => k === key)?.[1];
  return typeof text === "string" ? text : "";
};

export async function summarizeDraft(
  deps: DraftViewDeps,
  draft: DraftRecord,
): Promise<DraftSummary> {
  const survey = draftJson(draft);
  return {
    id: draft.id,
    surveyId: field(survey, "id"),
    title: field(survey, "title"),
    updatedAt: draft.updatedAt,
    basedOn: await basedOnOf(deps, draft),
    problemCount: problemsOf(checkDraft(survey)).length,
  };
}
