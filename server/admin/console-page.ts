// GET /admin/: the console's HTML shell; the Lit app signs in and talks to /api/admin.
import { Hono } from "hono";
import { html } from "hono/html";
import type { SecureHeadersVariables } from "hono/secure-headers";
import type { AppDeps } from "../app-deps.ts";
import { pageHead, renderNotice } from "../respondent/render-pages.ts";

export function consolePage(deps: Pick<AppDeps, "client">) {
  const app = new Hono<{ Variables: SecureHeadersVariables }>();
  app.get("/admin", (c) => c.redirect("/admin/", 301));
  app.get("/admin/", (c) => {
    const admin = deps.client?.admin;
    if (!admin) {
      return c.html(
        renderNotice("管理后台尚未构建", "服务器缺少管理后台页面文件：请先运行 npm run build。"),
        503,
      );
    }
    const nonce = c.get("secureHeadersNonce") ?? "";
    // The setup token travels in the #fragment: browsers never send it to a server or a log.
    return c.html(html`${pageHead("问卷管理后台", admin, nonce)}
<body>
<admin-app></admin-app>
<noscript><p class="notice">管理后台需要启用 JavaScript。</p></noscript>
<script type="module" src="${admin.script}"></script>
</body>
</html>`);
  });
  return app;
}
