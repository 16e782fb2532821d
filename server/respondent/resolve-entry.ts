// Finds what a respondent opened (a link or a single-use code), the survey version it serves,
// or the reason they cannot use it now.
import type { RouteDeps } from "../app-deps.ts";
import { checkLinkAvailability, isLinkId } from "../domain/link-availability.ts";
import type { EntryUnavailable } from "../domain/refusals.ts";
import type { BatchStore } from "../storage/batch-store.ts";
import type { LinkStore, SurveyStore } from "../storage/storage.ts";
import type { CatalogVersion } from "../surveys/survey-catalog.ts";

/** A link, its survey's state, or a code: reads only, and nothing about who asks. */
export type EntryDeps = RouteDeps<
  "catalog" | "now",
  Pick<LinkStore, "getLink"> & Pick<SurveyStore, "surveyState"> & Pick<BatchStore, "findCode">
>;

export type EntryKind = "link" | "code";

/** What a response inherits from the way in: its channel id and any locked category. */
export interface Entry {
  kind: EntryKind;
  id: string;
  surveyId: string;
  channelId: string;
  lockedCategory: string | null;
}

export type EntryResolution =
  | { ok: true; entry: Entry; version: CatalogVersion }
  | { ok: false; reason: EntryUnavailable; window?: LinkWindow };

/** A link's opening and closing times, so its page can say when it opens (or when it closed). */
export interface LinkWindow {
  opensAt: string | null;
  closesAt: string | null;
}

/** Codes are 22-character nanoids (132 bits); case-changed or %-encoded forms never match. */
export function isCode(value: string): boolean {
  return /^[A-Za-z0-9_-]{22}$/.test(value);
}

/** `id` must be the raw path segment, not a decoded one: "%41…" is not the code "A…". */
export function resolveEntry(
  deps: EntryDeps,
  kind: EntryKind,
  id: string,
): Promise<EntryResolution> {
  return kind === "link" ? resolveLink(deps, id) : resolveCode(deps, id);
}

async function resolveLink(deps: EntryDeps, id: string): Promise<EntryResolution> {
  const link = isLinkId(id) ? await deps.storage.getLink(id) : undefined;
  const version = link ? await deps.catalog.current(link.surveyId) : undefined;
  if (!link || !version) return { ok: false, reason: "unknown" };
  if ((await deps.storage.surveyState(link.surveyId)) === "closed")
    return { ok: false, reason: "closed" };
  const reason = checkLinkAvailability(link, deps.now().toISOString());
  if (reason)
    return { ok: false, reason, window: { opensAt: link.opensAt, closesAt: link.closesAt } };
  const { surveyId, channelId, lockedCategory } = link;
  return { ok: true, entry: { kind: "link", id, surveyId, channelId, lockedCategory }, version };
}

async function resolveCode(deps: EntryDeps, id: string): Promise<EntryResolution> {
  const found = isCode(id) ? await deps.storage.findCode(id) : undefined;
  const version = found ? await deps.catalog.current(found.batch.surveyId) : undefined;
  if (!found || !version) return { ok: false, reason: "unknown" };
  if (found.unavailable) return { ok: false, reason: found.unavailable };
  const { surveyId, channelId, lockedCategory } = found.batch;
  return { ok: true, entry: { kind: "code", id, surveyId, channelId, lockedCategory }, version };
}

/** The last path segment before `suffix`, exactly as sent (Hono's params are already decoded). */
export function rawSegment(url: string, prefix: string, suffix = ""): string {
  const path = new URL(url).pathname;
  const rest = path.startsWith(prefix) ? path.slice(prefix.length) : "";
  return suffix && rest.endsWith(suffix) ? rest.slice(0, -suffix.length) : rest;
}
