// The phone page's scripts and styles stay within 22 KB gzip: grids, preview, dark scheme and Back included.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BUDGET_JS_CSS_GZIP, measurePage } from "../../bench/page-bytes.ts";
import { GRID_FILE, loadSurveyFile, startGridServer } from "../../e2e/matrix-steps.ts";
import type { TestServer } from "../../support/test-server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startGridServer();
});
afterAll(async () => {
  await server?.close();
});

describe("respondent page weight", () => {
  test("JS + CSS over the wire, gzip, is at most 22 KB", async () => {
    const link = await server.createLink({ surveyId: loadSurveyFile(GRID_FILE).id });
    const page = await measurePage(server.url, link.id);
    console.log(`respondent page JS+CSS: ${page.jsCss.gzip} B gzip of ${BUDGET_JS_CSS_GZIP}`);
    expect(page.files.every((f) => f.compressed || f.path.startsWith("/static/"))).toBe(true);
    expect(page.jsCss.gzip).toBeLessThanOrEqual(BUDGET_JS_CSS_GZIP);
  });
});
