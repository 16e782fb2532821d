// The phone page never goes blank (issue 12, item 7): with its script download cut off, the page
// says so after a few seconds and offers a working 重新加载; a normal load never shows that; a
// browser without modules is told at once. All under the strict CSP (no inline script).
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { button, openPhone, type PhonePage } from "./respondent-steps.ts";

const FAILED = /如果问卷一直没有出现/;

let browser: Browser;
let server: TestServer;
let phone: PhonePage | undefined;
beforeAll(async () => {
  browser = await launchBrowser();
  server = await startTestServer();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
afterEach(async () => {
  if (phone)
    expect(phone.errors.filter((e) => /Content Security Policy|Refused to/.test(e))).toEqual([]);
  await phone?.close();
  phone = undefined;
});

describe("loading fallback", { timeout: 60_000 }, () => {
  test("a cut-off script download shows why and a 重新加载 that works", async () => {
    const link = await server.createLink();
    phone = await openPhone(browser);
    const { page } = phone;
    await page.route("**/assets/respond-*.js", (route) => route.abort("connectionreset"));
    await page.goto(link.url);
    await expect(page.getByText("正在加载问卷…").isVisible()).resolves.toBe(true);
    const failed = page.getByText(FAILED);
    await failed.waitFor({ state: "visible", timeout: 12_000 });
    const reload = page.getByRole("link", { name: "重新加载" });
    await expect(reload.isVisible()).resolves.toBe(true);

    // The network is back: the link reloads this very page, which now starts.
    await page.unrouteAll();
    await reload.click();
    await button(page, "开始填写").waitFor();
    expect(page.url()).toBe(link.url);
    await expect(page.getByText("正在加载问卷…").isVisible()).resolves.toBe(false);
    await expect(failed.isVisible()).resolves.toBe(false);
  });

  test("a normal load never shows the loading text or the fallback", async () => {
    const link = await server.createLink();
    phone = await openPhone(browser);
    const { page } = phone;
    await page.goto(link.url);
    await button(page, "开始填写").waitFor();
    // The fallback is in the page, and hidden by CSS alone once <survey-page> is defined.
    const fallback = page.locator("#boot-fallback");
    await expect(fallback.count()).resolves.toBe(1);
    await expect(fallback.evaluate((el) => getComputedStyle(el).display)).resolves.toBe("none");
    await expect(page.getByText("正在加载问卷…").isVisible()).resolves.toBe(false);
    // Past the 8 s after which a page without its script offers to reload.
    await page.waitForTimeout(9_000);
    await expect(page.getByText(FAILED).isVisible()).resolves.toBe(false);
    await expect(page.getByRole("link", { name: "重新加载" }).isVisible()).resolves.toBe(false);
  });

  test("a browser without modules runs only /static/no-module.js, which says so at once", async () => {
    const link = await server.createLink();
    phone = await openPhone(browser);
    const { page } = phone;
    // Chromium runs modules, so play the old browser: no module script, then the nomodule file.
    await page.route("**/assets/respond-*.js", (route) => route.abort("blockedbyclient"));
    await page.goto(link.url);
    const html = await page.content();
    expect(html).toMatch(/<script nomodule="" src="\/static\/no-module.js"><\/script>/);
    await page.addScriptTag({ url: "/static/no-module.js" });
    await page.getByText(/您的浏览器版本过旧/).waitFor({ state: "visible", timeout: 2_000 });
    await expect(page.getByText("正在加载问卷…").isVisible()).resolves.toBe(false);
  });
});
