// GET /s/{linkId} and /c/{code}: the respondent's page, or a clear Chinese page with the right status.
import { fileURLToPath } from "node:url";
import { type Context, Hono } from "hono";
import { compress } from "hono/compress";
import type { SecureHeadersVariables } from "hono/secure-headers";
import { surveyForRespondents } from "../../surveys/format/respondent-view.ts";
import type { AppDeps } from "../app-deps.ts";
import { respondentReason, unavailableStatus } from "./entry-unavailable.ts";
import { renderNotice, renderSurveyPage, renderUnavailablePage } from "./render-pages.ts";
import { type EntryDeps, type EntryKind, rawSegment, resolveEntry } from "./resolve-entry.ts";
import { staticFiles } from "./static-files.ts";
import { unavailableText } from "./unavailable-text.ts";

/** Only this folder is served: its siblings are the server's own modules (compiled: .js files). */
const STATIC_DIR = fileURLToPath(new URL("./static/", import.meta.url));

export function pageRoutes(deps: EntryDeps & Pick<AppDeps, "client" | "timeZone" | "stuffing">) {
  const app = new Hono<{ Variables: SecureHeadersVariables }>();
  app.route("/static", staticFiles(STATIC_DIR, "public, max-age=3600"));
  if (deps.client) {
    app.route(
      "/assets",
      staticFiles(`${deps.client.root}/assets`, "public, max-age=31536000, immutable"),
    );
  }
  app.use("/s/*", compress());
  app.use("/c/*", compress());
  const servePage = async (
    c: Context<{ Variables: SecureHeadersVariables }>,
    kind: EntryKind,
    prefix: string,
  ) => {
    const found = await resolveEntry(deps, kind, rawSegment(c.req.url, prefix));
    if (!found.ok) {
      const reason = respondentReason(kind, found.reason);
      const message = unavailableText(reason, found.window, deps.timeZone, deps.now());
      return c.html(renderUnavailablePage(reason, message), unavailableStatus(reason));
    }
    if (!deps.client) {
      return c.html(
        renderNotice("页面尚未构建", "服务器缺少问卷页面文件：请先运行 npm run build。"),
        503,
      );
    }
    const { entry, version } = found;
    const bootstrap = {
      linkId: entry.id,
      submitPath: `/api/${kind === "link" ? "links" : "codes"}/${entry.id}/responses`,
      version: version.id,
      lockedCategory: entry.lockedCategory,
      challengePath:
        kind === "link" && deps.stuffing.proofOfWork ? `/api/links/${entry.id}/challenge` : null,
      survey: surveyForRespondents(version.survey),
    };
    const nonce = c.get("secureHeadersNonce") ?? "";
    return c.html(renderSurveyPage(version.survey.title, bootstrap, deps.client, nonce));
  };
  app.get("/s/:linkId", async (c) => servePage(c, "link", "/s/"));
  // A single-use code: opening the page does not consume it; the submit does.
  app.get("/c/:code", async (c) => servePage(c, "code", "/c/"));
  // Where the page sends the tab after a code's submission (the code leaves the address bar): a
  // reload there gets the very page a used or unknown code gets.
  app.get("/c/", async (c) => servePage(c, "code", "/c/"));
  return app;
}
