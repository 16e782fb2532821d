// The console's link routes: list, create, edit (pause, resume, close), and QR codes to print.
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AdminEnv } from "../admin/admin-auth.ts";
import { adminRoute, jsonBody, jsonResponse, z } from "../admin/admin-route.ts";
import { recordAudit } from "../admin/audit.ts";
import type { RouteDeps } from "../app-deps.ts";
import { qrPng, qrSvgFile } from "../batches/qr-images.ts";
import { type ReleasedCount, releasedCounts } from "../collection-progress/released-counts.ts";
import { linkAvailability } from "../domain/link-availability.ts";
import { jsonError } from "../http/errors.ts";
import { validationHook } from "../http/validation-hook.ts";
import type { AdminStore } from "../storage/admin-store.ts";
import type { LinkRecord, LinkStore, ResponseStore } from "../storage/storage.ts";
import type { CatalogVersion } from "../surveys/survey-catalog.ts";
import { categoryLabel, currentVersions } from "../surveys/survey-summary.ts";
import { createLink, type LinkResult, updateLink } from "./create-link.ts";
import {
  LinkPatchSchema,
  type LinkView,
  LinkViewSchema,
  NewLinkBodySchema,
} from "./link-schemas.ts";
import { respondentUrl } from "./link-urls.ts";

const DISTRIBUTION = ["admin", "distributor"] as const;
const One = z.object({ link: LinkViewSchema });
const IdParam = z.object({ id: z.string().max(64) });
const notFound = jsonResponse(z.object({}), "No such link");

const list = adminRoute(DISTRIBUTION, {
  method: "get",
  path: "/admin/links",
  summary: "Distribution links with their completed counts",
  request: { query: z.object({ survey: z.string().max(64).optional() }) },
  responses: { 200: jsonResponse(z.object({ links: z.array(LinkViewSchema) }), "Links") },
});

const create = adminRoute(DISTRIBUTION, {
  method: "post",
  path: "/admin/links",
  summary: "Create a link: a channel label, an optional locked category, cap and time window",
  request: { body: jsonBody(NewLinkBodySchema) },
  responses: { 201: jsonResponse(One, "Created") },
});

const update = adminRoute(DISTRIBUTION, {
  method: "patch",
  path: "/admin/links/{id}",
  summary: "Edit a link, or pause, resume or close it (state)",
  request: { params: IdParam, body: jsonBody(LinkPatchSchema) },
  responses: { 200: jsonResponse(One, "Updated"), 404: notFound },
});

const image = (format: "svg" | "png", type: string) =>
  adminRoute(DISTRIBUTION, {
    method: "get",
    path: `/admin/links/{id}/qr.${format}`,
    summary: `The link's QR code as ${format.toUpperCase()}, to print or post`,
    request: { params: IdParam },
    responses: {
      200: { content: { [type]: { schema: z.string() } }, description: "The QR code" },
      404: notFound,
    },
  });

/** Its own domain whole; released counts per channel (not the links' own tallies) and the audit. */
type LinkRouteDeps = RouteDeps<
  "catalog" | "now" | "publicBase",
  LinkStore & Pick<ResponseStore, "countByChannel"> & Pick<AdminStore, "appendAudit">
>;

export function linkRoutes(deps: LinkRouteDeps) {
  const app = new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });
  // Released responses only, like the returns monitor: the count moves in cohorts, never by one.
  /** Each survey's counts and current version are read once for the whole list. */
  const views = async (links: LinkRecord[]): Promise<LinkView[]> => {
    const surveyIds = links.map((l) => l.surveyId);
    const released = await releasedCounts(deps.storage, surveyIds);
    const versions = await currentVersions(deps, surveyIds);
    return links.map((link) => view(link, released, versions.get(link.surveyId)));
  };
  const viewOne = async (link: LinkRecord) =>
    view(
      link,
      await releasedCounts(deps.storage, [link.surveyId]),
      await deps.catalog.current(link.surveyId),
    );
  const view = (
    link: LinkRecord,
    released: ReleasedCount,
    version: CatalogVersion | undefined,
  ): LinkView => ({
    id: link.id,
    surveyId: link.surveyId,
    label: link.label,
    category: link.lockedCategory,
    categoryLabel: categoryLabel(version, link.lockedCategory),
    cap: link.cap,
    opensAt: link.opensAt,
    closesAt: link.closesAt,
    state: link.state,
    // The stored count against the cap, as the link page checks it: "full" says no number.
    availability: linkAvailability(link, deps.now().toISOString()),
    completed: released(link.surveyId, link.channelId),
    createdAt: link.createdAt,
    url: respondentUrl(deps.publicBase, link.id),
  });
  const refuse = (c: Context, made: Extract<LinkResult, { ok: false }>) =>
    jsonError(c, "invalid", made.message, [{ field: made.field, message: made.message }]);

  app.openapi(list, async (c) => {
    const { survey } = c.req.valid("query");
    const links = (await deps.storage.listLinks()).filter((l) => !survey || l.surveyId === survey);
    return c.json({ links: await views(links) }, 200);
  });

  app.openapi(create, async (c) => {
    const now = deps.now();
    const made = await createLink(deps.storage, deps.catalog, c.req.valid("json"), now);
    if (!made.ok) return refuse(c, made);
    const { link } = made;
    await recordAudit(deps.storage, now, {
      actor: c.get("actor").admin.username,
      action: "link.create",
      target: `${link.label} (${link.id.slice(0, 6)}…)`,
      detail: `category=${link.lockedCategory ?? "-"} cap=${link.cap ?? "-"}`,
    });
    return c.json({ link: await viewOne(link) }, 201);
  });

  app.openapi(update, async (c) => {
    const before = await deps.storage.getLink(c.req.valid("param").id);
    if (!before) return jsonError(c, "not_found", "没有这个链接");
    const patch = c.req.valid("json");
    const made = await updateLink(deps.storage, deps.catalog, before, patch);
    if (!made.ok) return refuse(c, made);
    await recordAudit(deps.storage, deps.now(), {
      actor: c.get("actor").admin.username,
      action: "link.update",
      target: `${made.link.label} (${before.id.slice(0, 6)}…)`,
      detail: JSON.stringify(patch),
    });
    return c.json({ link: await viewOne(made.link) }, 200);
  });

  const serveImage = async (c: Context, id: string, format: "svg" | "png") => {
    const link = await deps.storage.getLink(id);
    if (!link) return jsonError(c, "not_found", "没有这个链接");
    const url = respondentUrl(deps.publicBase, link.id);
    // RFC 6266: an ASCII fallback name, and the channel's (Chinese) label for browsers that read it.
    const label = encodeURIComponent(`二维码-${link.label}.${format}`);
    c.header(
      "Content-Disposition",
      `attachment; filename="link-qr.${format}"; filename*=UTF-8''${label}`,
    );
    if (format === "svg") return c.body(qrSvgFile(url), 200, { "Content-Type": "image/svg+xml" });
    return c.body(await qrPng(url), 200, { "Content-Type": "image/png" });
  };
  app.openapi(image("svg", "image/svg+xml"), (c) => serveImage(c, c.req.valid("param").id, "svg"));
  app.openapi(image("png", "image/png"), (c) => serveImage(c, c.req.valid("param").id, "png"));
  return app;
}
