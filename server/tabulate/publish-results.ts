// Every results request, the view and each download alike: the same disclosure plan, recorded as
// published (the ledger write is on disk before the answer), and written to the audit log.
import type { Context } from "hono";
import type { AdminEnv } from "../admin/admin-auth.ts";
import { jsonResponse, z } from "../admin/admin-route.ts";
import { recordAudit } from "../admin/audit.ts";
import type { RouteDeps } from "../app-deps.ts";
import { heldFor } from "../ballot-box/releases.ts";
import { dayIn } from "../http/clock.ts";
import { jsonError } from "../http/errors.ts";
import type { AdminStore } from "../storage/admin-store.ts";
import type { LinkStore, SurveyStore } from "../storage/storage.ts";
import { type DownloadFormat, ResultsUnavailableError } from "./publication.ts";
import type { ResultsQuery } from "./results-schemas.ts";

/** Who may see results: the view and every download. */
export const ANALYSIS = ["admin", "analyst"] as const;
export const notFound = jsonResponse(z.object({}), "No such survey or version");

/**
 * The results worker computes and records; this side reads the version, its state, what is held
 * (releases.ts heldFor) and the channels' labels, and writes the audit line.
 */
export type PublisherDeps = RouteDeps<
  "catalog" | "timeZone" | "now" | "results" | "upkeep",
  Pick<LinkStore, "channelLabels"> &
    Pick<SurveyStore, "surveyState" | "listVersions"> &
    Parameters<typeof heldFor>[0] &
    Pick<AdminStore, "appendAudit">
>;

/** `publish(c, query, action, download)`: the published outcome, or the response refusing it. */
export function createPublisher(deps: PublisherDeps) {
  /** The tabulation for a query (and its file), published and logged; or the response refusing it. */
  async function publish(
    c: Context<AdminEnv>,
    query: ResultsQuery,
    action: string,
    download: DownloadFormat | null,
  ) {
    const version = await findVersion(query);
    if (!version) return jsonError(c, "not_found", "没有这份问卷或这个版本");
    const labels = await deps.storage.channelLabels();
    const unknown = (query.channel ?? []).find((id) => !labels.has(id));
    if (unknown !== undefined)
      return jsonError(c, "invalid", `没有这个渠道：${unknown}`, [
        { field: "channel", message: "渠道须是 /admin/results/options 列出的渠道编号" },
      ]);
    const state = (await deps.storage.surveyState(version.surveyId)) ?? "open";
    const request = {
      version,
      state,
      // Closed: whatever still waits is held for good (responses/releases.ts); say how many.
      held: state === "closed" ? await heldFor(deps.storage, deps.catalog, version.id) : 0,
      banner: query.banner,
      filter: { channels: query.channel ?? null, from: query.from ?? null, to: query.to ?? null },
      asOf: dayIn(deps.timeZone, deps.now()),
    };
    const channelLabels = (query.channel ?? []).map((id) => labels.get(id) ?? id);
    // The worker catches the long table up first, publishes, and the ledger write is on disk
    // before this resolves.
    let outcome: Awaited<ReturnType<typeof deps.results.run>>;
    try {
      outcome = await deps.results.run(request, channelLabels, download);
    } catch (error) {
      if (!(error instanceof ResultsUnavailableError)) throw error;
      return jsonError(c, "unavailable", "结果暂时无法计算，请稍后重试");
    }
    if (!outcome.ok)
      return jsonError(c, "invalid", outcome.message, [
        { field: outcome.field, message: outcome.message },
      ]);
    deps.upkeep.noteChanged(); // the ledger now names these responses: rebuild the file soon
    const { published } = outcome;
    try {
      await recordAudit(deps.storage, deps.now(), {
        actor: c.get("actor").admin.username,
        action,
        target: `${published.survey.id} v${published.survey.version}`,
        detail: describeQuery(published.banner, query, labels),
      });
    } catch (error) {
      outcome.file?.destroy(); // stops the worker writing a file no one will read
      throw error;
    }
    return outcome;
  }

  async function findVersion(query: ResultsQuery) {
    if (query.version === undefined) return await deps.catalog.current(query.survey);
    const record = (await deps.storage.listVersions()).find(
      (v) => v.surveyId === query.survey && v.version === query.version,
    );
    return record ? await deps.catalog.byVersionId(record.id) : undefined;
  }

  return publish;
}

/**
 * What was asked, for the audit log: the banner and the filters. Never how many responses it
 * covered: a log of counts with times would time the submissions between two views.
 */
function describeQuery(banner: string, query: ResultsQuery, labels: Map<string, string>): string {
  const parts = [`列=${banner}`];
  if (query.channel)
    parts.push(`渠道=${query.channel.map((id) => labels.get(id) ?? id).join("、")}`);
  if (query.from || query.to) parts.push(`日期=${query.from ?? "…"}~${query.to ?? "…"}`);
  return parts.join(" ");
}
