// Phones whose browser lacks constructable stylesheets (iOS Safari < 16.4, common on older
// iPhones) still get a styled page under the strict CSP, through the per-request style nonce.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { button, openPhone } from "./respondent-steps.ts";

let browser: Browser;
let server: TestServer;
beforeAll(async () => {
  browser = await launchBrowser();
  server = await startTestServer();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test("without adoptedStyleSheets, Lit's <style> fallback carries the nonce and the CSP lets it apply", {
  timeout: 60_000,
}, async () => {
  const phone = await openPhone(browser);
  const { page } = phone;
  // Make this Chromium look like an old Safari to Lit: no constructable stylesheet support.
  await page.addInitScript(() => {
    Reflect.deleteProperty(Document.prototype, "adoptedStyleSheets");
    Reflect.deleteProperty(ShadowRoot.prototype, "adoptedStyleSheets");
  });
  try {
    await page.goto((await server.createLink()).url);
    const start = button(page, "开始填写");
    await start.waitFor();
    const fallback = await page.evaluate(() => {
      const root = document.querySelector("survey-page")?.shadowRoot;
      const styles = [...(root?.querySelectorAll("style") ?? [])];
      return { count: styles.length, withNonce: styles.filter((s) => s.nonce !== "").length };
    });
    expect(fallback.count).toBeGreaterThan(0);
    expect(fallback.withNonce).toBe(fallback.count);
    // The styles really applied: the 44 px touch-target rule is in force.
    const height = await start.evaluate((el) => el.getBoundingClientRect().height);
    expect(height).toBeGreaterThanOrEqual(44);
    expect(phone.errors.filter((e) => /Content Security Policy|Refused to/.test(e))).toEqual([]);
  } finally {
    await phone.close();
  }
});
