// Makes a checked survey the current version and audits it: the one path shared by importing a
// file in the console and publishing a draft, so both freeze exactly the same version.
import type { Survey } from "../../surveys/format/schema.ts";
import { auditEntry } from "../admin/audit.ts";
import type { RouteDeps } from "../app-deps.ts";
import { dayIn } from "../http/clock.ts";
import type { AdminStore } from "../storage/admin-store.ts";
import type { RegisteredVersion, SurveyStore } from "../storage/storage.ts";
import { registerSurvey } from "./survey-catalog.ts";

export interface ImportAudit {
  actor: string;
  /** survey.import or survey.publish */
  action: string;
  /** Appended to the detail, e.g. “（草稿 k3J…）”. */
  note?: string;
}

/** The audit entry for a registered version: "v3", "v3 (已存在)" when its content was known. */
export function versionAudit(
  now: Date,
  audit: ImportAudit,
  { record, created }: RegisteredVersion,
) {
  return auditEntry(now, {
    actor: audit.actor,
    action: audit.action,
    target: record.surveyId,
    detail: `v${record.version}${created ? "" : " (已存在)"}${audit.note ?? ""}`,
  });
}

export type ImportDeps = RouteDeps<
  "now" | "timeZone",
  Pick<SurveyStore, "registerSurveyVersion"> & Pick<AdminStore, "appendAudit">
>;

export async function importVersion(
  deps: ImportDeps,
  survey: Survey,
  audit: ImportAudit,
): Promise<RegisteredVersion> {
  const now = deps.now();
  const result = await registerSurvey(deps.storage, survey, dayIn(deps.timeZone, now), "always");
  await deps.storage.appendAudit(versionAudit(now, audit, result));
  return result;
}
