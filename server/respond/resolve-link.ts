// Finds a link and the survey version it serves, or the reason a respondent cannot use it.
import type { AppDeps } from "../app-deps.ts";
import {
  checkLinkAvailability,
  isLinkId,
  type LinkUnavailable,
} from "../links/link-availability.ts";
import type { LinkRecord } from "../storage/storage.ts";
import type { CatalogVersion } from "../surveys/survey-catalog.ts";

export type LinkResolution =
  | { ok: true; link: LinkRecord; version: CatalogVersion }
  | { ok: false; reason: LinkUnavailable | "unknown" };

export function resolveLink(deps: AppDeps, linkId: string): LinkResolution {
  const link = isLinkId(linkId) ? deps.storage.getLink(linkId) : undefined;
  const version = link ? deps.catalog.current(link.surveyId) : undefined;
  if (!link || !version) return { ok: false, reason: "unknown" };
  const reason = checkLinkAvailability(link, deps.now().toISOString());
  return reason ? { ok: false, reason } : { ok: true, link, version };
}
