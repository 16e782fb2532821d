// GET /api/admin/returns: the returns monitor (回收率) per category, link and batch. Counts of
// released responses only (responses/releases.ts): each count moves in cohorts of at least k per
// category and channel, so watching it never times one respondent. No response, code or time.
// Per link, one boolean burst alert (responses/burst-watch.ts says why it is not a timing channel).
import { OpenAPIHono } from "@hono/zod-openapi";
import type { AdminEnv } from "../admin/admin-auth.ts";
import { adminRoute, jsonResponse, z } from "../admin/admin-route.ts";
import type { RouteDeps } from "../app-deps.ts";
import { dayIn } from "../http/clock.ts";
import { jsonError } from "../http/errors.ts";
import { validationHook } from "../http/validation-hook.ts";
import type { BatchStore } from "../storage/batch-store.ts";
import type { LinkStore } from "../storage/link-store.ts";
import type { ResponseStore } from "../storage/response-store.ts";
import type { SurveyStore } from "../storage/survey-store.ts";
import { categoriesOf, categoryLabel } from "../surveys/survey-summary.ts";
import { minBaseOf } from "../tabulate/tabulate.ts";
import { releasedCounts } from "./released-counts.ts";
import { type Returns, ReturnsSchema } from "./returns-schemas.ts";

const route = adminRoute(["admin", "distributor"], {
  method: "get",
  path: "/admin/returns",
  summary: "Completed questionnaires against targets, caps and codes issued; poll it to watch",
  request: { query: z.object({ survey: z.string().max(64) }) },
  responses: {
    200: jsonResponse(ReturnsSchema, "Counts"),
    404: jsonResponse(z.object({}), "No such survey"),
  },
});

const rate = (done: number, of: number | null) => (of ? done / of : null);

export function returnsRoute(
  deps: RouteDeps<
    "catalog" | "upkeep" | "now" | "timeZone" | "stuffing",
    Pick<ResponseStore, "countByCategory" | "countByChannel"> &
      Pick<SurveyStore, "getTargets"> &
      Pick<LinkStore, "listLinks"> &
      Pick<BatchStore, "listBatches">
  >,
) {
  return new OpenAPIHono<AdminEnv>({ defaultHook: validationHook }).openapi(route, async (c) => {
    const surveyId = c.req.valid("query").survey;
    const version = await deps.catalog.current(surveyId);
    if (!version) return jsonError(c, "not_found", "没有这份问卷");
    await deps.upkeep.catchUp();
    const counts = await deps.storage.countByCategory(surveyId);
    const released = await releasedCounts(deps.storage, [surveyId]);
    const targets = await deps.storage.getTargets(surveyId);
    const links = await deps.storage.listLinks();
    const batches = await deps.storage.listBatches();
    const completed = [...counts.values()].reduce((a, b) => a + b, 0);
    const label = (code: string | null) => categoryLabel(version, code);
    const k = minBaseOf(version.survey);
    const now = deps.now().getTime();
    const surveyLinks = links.filter((l) => l.surveyId === surveyId);
    const alarmed = await deps.stuffing.bursts.alarmed(
      surveyLinks.map((l) => l.id),
      k,
      now,
    );
    const returns: Returns = {
      surveyId,
      asOf: dayIn(deps.timeZone, deps.now()),
      total: { completed, target: targets.total, rate: rate(completed, targets.total) },
      categories: categoriesOf(version).map(({ code, label: name }) => {
        const done = counts.get(code) ?? 0;
        const target = targets.categories[code] ?? null;
        return { code, label: name, completed: done, target, rate: rate(done, target) };
      }),
      links: surveyLinks.map((l) => {
        const done = released(surveyId, l.channelId);
        return {
          id: l.id,
          label: l.label,
          categoryLabel: label(l.lockedCategory),
          state: l.state,
          cap: l.cap,
          completed: done,
          rate: rate(done, l.cap),
          burstAlert: alarmed.has(l.id),
        };
      }),
      batches: batches
        .filter((b) => b.surveyId === surveyId)
        .map((b) => {
          const done = released(surveyId, b.channelId);
          return {
            id: b.id,
            label: b.label,
            categoryLabel: label(b.lockedCategory),
            state: b.state,
            issued: b.issued,
            completed: done,
            rate: rate(done, b.issued),
          };
        }),
    };
    return c.json(returns, 200);
  });
}
