// GET /s/{linkId}: the respondent's page, or a clear Chinese page with the right status.
import { fileURLToPath } from "node:url";
import { Hono } from "hono";
import { compress } from "hono/compress";
import type { SecureHeadersVariables } from "hono/secure-headers";
import type { AppDeps } from "../app-deps.ts";
import { unavailableStatus } from "../links/link-availability.ts";
import { renderNotice, renderSurveyPage, renderUnavailablePage } from "./render-pages.ts";
import { resolveLink } from "./resolve-link.ts";
import { staticFiles } from "./static-files.ts";

const STATIC_DIR = fileURLToPath(new URL(".", import.meta.url));

export function pageRoutes(deps: AppDeps) {
  const app = new Hono<{ Variables: SecureHeadersVariables }>();
  app.route("/static", staticFiles(STATIC_DIR, "public, max-age=3600"));
  if (deps.client) {
    app.route(
      "/assets",
      staticFiles(`${deps.client.root}/assets`, "public, max-age=31536000, immutable"),
    );
  }
  app.use("/s/*", compress());
  app.get("/s/:linkId", (c) => {
    const found = resolveLink(deps, c.req.param("linkId"));
    if (!found.ok) {
      const status = found.reason === "unknown" ? 404 : unavailableStatus(found.reason);
      return c.html(renderUnavailablePage(found.reason), status);
    }
    if (!deps.client) {
      return c.html(
        renderNotice("页面尚未构建", "服务器缺少问卷页面文件：请先运行 npm run build。"),
        503,
      );
    }
    const { link, version } = found;
    const bootstrap = {
      linkId: link.id,
      version: version.id,
      lockedCategory: link.lockedCategory,
      survey: version.survey,
    };
    const nonce = c.get("secureHeadersNonce") ?? "";
    return c.html(renderSurveyPage(version.survey.title, bootstrap, deps.client, nonce));
  });
  return app;
}
