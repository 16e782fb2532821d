// GET /admin/drafts/{id}/diff's answer: the changes against the current version of the same
// survey id, what publishing would give, and sentences for the whole survey.
import type { RouteDeps } from "../app-deps.ts";
import type { DraftRecord } from "../storage/draft-records.ts";
import type { SurveyStore } from "../storage/storage.ts";
import { checkDraft } from "./draft-problems.ts";
import type { DraftDiff } from "./draft-schemas.ts";
import { basedOnOf, draftJson } from "./draft-view.ts";
import { versionDefinition } from "./survey-catalog.ts";
import { diffSurveys } from "./survey-diff.ts";
import { readShape } from "./survey-shape.ts";

/** Reads only: the survey's versions, to compare with and to number the next one. */
export type DraftDiffDeps = RouteDeps<
  never,
  Pick<SurveyStore, "listVersions" | "getSurveyVersion" | "currentVersionId">
>;

/** The version publishing would give: an earlier one with the same content, or the next number. */
async function publishesAs(deps: DraftDiffDeps, surveyId: string, definition: string) {
  const versions = (await deps.storage.listVersions()).filter((v) => v.surveyId === surveyId);
  for (const v of versions)
    if ((await deps.storage.getSurveyVersion(v.id))?.definition === definition)
      return { version: v.version, created: false };
  return { version: Math.max(0, ...versions.map((v) => v.version)) + 1, created: true };
}

export async function diffDraft(deps: DraftDiffDeps, draft: DraftRecord): Promise<DraftDiff> {
  const raw = draftJson(draft);
  const shape = readShape(raw);
  const check = checkDraft(raw);
  const currentId = shape.id ? await deps.storage.currentVersionId(shape.id) : undefined;
  const current =
    currentId === undefined ? undefined : await deps.storage.getSurveyVersion(currentId);
  const basedOn = await basedOnOf(deps, draft);
  const after = check.ok
    ? await publishesAs(deps, shape.id, versionDefinition(check.survey))
    : null;
  const changes = current ? diffSurveys(readShape(JSON.parse(current.definition)), shape) : [];

  const notes: string[] = [];
  if (!shape.id) notes.push("草稿还没有问卷编号（id）：填写后才能与已有问卷比较。");
  else if (!current) notes.push(`“${shape.id}”是一份新问卷：发布后成为它的第 1 版。`);
  if (!check.ok) notes.push("草稿还有问题，改正后才能发布。");
  if (current && basedOn && basedOn.surveyId === shape.id && basedOn.version !== current.version)
    notes.push(
      `这份草稿基于第 ${basedOn.version} 版，而当前已是第 ${current.version} 版：以下列出的是与第 ${current.version} 版的差别，发布将取代第 ${current.version} 版。`,
    );
  if (current && after && !after.created)
    notes.push(
      after.version === current.version
        ? `内容与当前第 ${current.version} 版完全相同：发布不会产生新版本。`
        : `内容与第 ${after.version} 版完全相同：发布将恢复第 ${after.version} 版为当前版本，不产生新版本。`,
    );
  if (current && after && after.version !== current.version)
    notes.push(
      `发布后，所有链接和答题码改为提供第 ${after.version} 版；已在手机上打开第 ${current.version} 版的人仍按第 ${current.version} 版提交。`,
      `结果按版本分别统计：已收到的答卷留在各自版本的结果中，不会并入第 ${after.version} 版；在结果页的“版本”中选择查看。`,
    );
  return {
    surveyId: shape.id,
    current: current ? { version: current.version } : null,
    basedOn,
    publishesAs: after,
    changes,
    notes,
  };
}
