// Makes a checked survey the current version and audits it: the one path shared by importing a
// file in the console and publishing a draft, so both freeze exactly the same version.
import type { Survey } from "../../surveys/format/schema.ts";
import { recordAudit } from "../admin/audit.ts";
import type { AppDeps } from "../app-deps.ts";
import { dayIn } from "../http/clock.ts";
import { registerSurvey } from "./survey-catalog.ts";

export interface ImportAudit {
  actor: string;
  /** survey.import or survey.publish */
  action: string;
  /** Appended to the detail, e.g. “（草稿 k3J…）”. */
  note?: string;
}

export function importVersion(deps: AppDeps, survey: Survey, audit: ImportAudit) {
  const now = deps.now();
  const result = registerSurvey(deps.storage, survey, dayIn(deps.timeZone, now), "always");
  const { record, created } = result;
  recordAudit(deps.storage, now, {
    actor: audit.actor,
    action: audit.action,
    target: record.surveyId,
    detail: `v${record.version}${created ? "" : " (已存在)"}${audit.note ?? ""}`,
  });
  return result;
}
